import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ProcessorProps } from '../function/processor-props';

/** The queue a QueueProcessor creates (MSG1, MSG2, ES3, ES4). */
export interface ProcessedQueueProps {
  /**
   * A FIFO queue (MSG2). Its DLQ is FIFO too.
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * Content-based deduplication of a FIFO queue (MSG2). Producers may still send explicit
   * deduplication IDs.
   * @default true for a FIFO queue
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * Visibility timeout (ES3): at least 6 × the function timeout + the batching window, at most
   * 12 hours.
   * @default 6 × the function timeout + the batching window (its 300 s maximum when the window is a token)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * Message retention (1 minute – 14 days), shorter than the DLQ's 14 days (MSG1). It must be
   * longer than `maxReceiveCount` × `visibilityTimeout`, or a message that keeps failing expires
   * before it reaches the DLQ (ES4).
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Receives before a message moves to the DLQ, 1–1,000 (ES4). Times the visibility timeout, it
   * must stay below `retentionPeriod`, or a failing message expires before it reaches the DLQ.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * A customer-managed KMS key for the queue and its DLQ.
   * @default - SQS-managed encryption (SSE-SQS)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * A physical name: 1–80 characters of a-z, A-Z, 0-9, `-` and `_`. A FIFO queue's name ends in
   * `.fifo` (counted in the 80) and only a FIFO queue's name does.
   * @default - generated
   */
  readonly queueName?: string;
  /**
   * What happens to the queue when it is removed from the stack or replaced. Retained by default so
   * that messages in flight survive; the DLQ is always retained (MSG1).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a QueueProcessor. */
export interface QueueProcessorProps extends ProcessorProps {
  /**
   * An existing queue. It must have a DLQ (redrive policy, ES4); when the app defines it, its
   * visibility timeout is checked against the function, and its max receive count × visibility
   * timeout against its retention period. Mutually exclusive with `queueProps`.
   * @default - a queue is created from `queueProps`
   */
  readonly queue?: sqs.IQueue;
  /**
   * The queue to create. Mutually exclusive with `queue`.
   * @default - a standard queue with the library's defaults
   */
  readonly queueProps?: ProcessedQueueProps;
  /**
   * Messages per batch: 1–10,000 for a standard queue, 1–10 for FIFO (ES4). Above 10 needs a
   * batching window of at least 1 s.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to gather messages before invoking, 0–300 s (standard queues only).
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Concurrent invocations the event source may use, 2–1,000, at most the function's reserved
   * concurrency (ES4).
   * @default - the function's reserved concurrency when it is 2–1,000, else no limit
   */
  readonly maxConcurrency?: number;
  /**
   * The age of the oldest message that means the processor falls behind (OBS1), 1 s – 14 days and
   * below the queue's retention period (a message expires before it is older).
   * @default Duration.minutes(5)
   */
  readonly oldestMessageAlarmThreshold?: Duration;
}
