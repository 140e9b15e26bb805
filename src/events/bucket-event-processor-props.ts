import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ProcessorProps } from '../function/processor-props';
import { ProcessedQueueProps } from '../messaging/queue-processor-props';
import { SecureBucketOptions } from '../resources/secure-bucket-options';
import { StreamTableProps } from '../resources/stream-table-props';

/** How the bucket's events reach the processor (EV2). */
export enum BucketEventDelivery {
  /**
   * Through an SQS queue, processed by a QueueProcessor: batches, partial batch responses, a DLQ
   * after a few receives, and a backlog that absorbs bursts of uploads.
   */
  QUEUE = 'QUEUE',
  /**
   * S3 invokes the processor asynchronously: bounded retries and maximum event age, then the
   * function's on-failure destination (FN9).
   */
  DIRECT = 'DIRECT',
  /**
   * The bucket sends its events to EventBridge. A rule invokes the processor asynchronously, with
   * a retry policy and a DLQ on the target (EV1) and the function's on-failure destination (FN9).
   */
  EVENTBRIDGE = 'EVENTBRIDGE',
}

/** Properties of a BucketEventProcessor. */
export interface BucketEventProcessorProps extends ProcessorProps {
  /**
   * An existing bucket. When the app defines it, it must be versioned (EV2). Mutually exclusive
   * with `bucketProps`.
   * @default - a secure bucket is created from `bucketProps`
   */
  readonly bucket?: s3.IBucket;
  /**
   * The bucket to create (EV3): all public access blocked, TLS only, SSE-S3 (or SSE-KMS with a
   * bucket key), versioned, noncurrent versions expired, access logs to a log bucket, retained.
   * Mutually exclusive with `bucket`.
   * @default - a secure bucket with the library's defaults
   */
  readonly bucketProps?: SecureBucketOptions;
  /**
   * The events that reach the processor. EventBridge delivery takes the event kinds EventBridge
   * knows (`OBJECT_CREATED`, `OBJECT_REMOVED`, restores, tags, ACL, storage class changes), not
   * sub-types such as `OBJECT_CREATED_PUT`.
   * @default [EventType.OBJECT_CREATED]
   */
  readonly eventTypes?: s3.EventType[];
  /**
   * Key filters (EV2): an object's event reaches the processor when its key matches one of them
   * (prefix and suffix, each 1–1,024 characters). Filters of one event type must not overlap (S3
   * rejects overlapping notifications).
   * @default - every object of the bucket
   */
  readonly filters?: s3.NotificationKeyFilter[];
  /**
   * How events reach the processor.
   * @default BucketEventDelivery.QUEUE
   */
  readonly delivery?: BucketEventDelivery;
  /**
   * The queue of `BucketEventDelivery.QUEUE` (the QueueProcessor's defaults apply).
   * @default - a standard queue with the QueueProcessor's defaults
   */
  readonly queueProps?: ProcessedQueueProps;
  /**
   * Key patterns (IAM: `*` and `?` wildcards) under which the processor may put objects into the
   * same bucket, e.g. `thumbnails/*`. Recursion guard (FN13): no key a pattern matches may match a
   * filter, or the processor would trigger itself; anything else is a synth error.
   * @default - the processor may not write to the bucket
   */
  readonly writeKeyPatterns?: string[];
  /**
   * A metadata table (the library's DynamoDB defaults: on-demand, point-in-time recovery, deletion
   * protection, retained, a stream), read and write granted to the processor.
   * @default - no table
   */
  readonly metadataTableProps?: StreamTableProps;
  /**
   * The retries of an EventBridge rule target (EV1), 0–185.
   * @default 2
   */
  readonly eventTargetRetryAttempts?: number;
  /**
   * How long an EventBridge rule target keeps an event for retries (EV1), 60 s – 24 h.
   * @default Duration.hours(1)
   */
  readonly eventTargetMaxEventAge?: Duration;
}
