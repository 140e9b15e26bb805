import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createFailureQueue } from '../resources/failure-queue';
import { validateReceiveBudget } from './receive-budget';
import { acknowledgeRule } from '../core/acknowledge';
import { QUEUE_DEFAULTS, SQS_LONG_POLLING_SECONDS, SQS_VISIBILITY_TIMEOUT_FACTOR } from '../core/defaults';
import { BATCHING_WINDOW_SECONDS, SQS_BATCH_SIZE, SQS_DEFAULT_RETENTION_SECONDS, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS, SQS_FIFO_BATCH_SIZE, SQS_FIFO_QUEUE_NAME, SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW, SQS_MAX_CONCURRENCY, SQS_MAX_RECEIVE_COUNT, SQS_OLDEST_MESSAGE_ALARM_SECONDS, SQS_QUEUE_NAME, SQS_RETENTION_SECONDS, SQS_VISIBILITY_TIMEOUT_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, knownNumber, secondsOf, validateFormat, validateRange } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { addEventSourceMapping } from '../function/event-source-mapping';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { ProcessorProps } from '../function/processor-props';
import { alarmThresholdOf } from '../observability/alarm-threshold';
import { createAlarm, queueDepthAlarm } from '../observability/alarms';

/** The queue a QueueProcessor creates (MSG1, MSG2, ES3, ES4). */
export interface ProcessedQueueProps {
  /**
   * A FIFO queue; its DLQ is FIFO too (MSG2).
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * Content-based deduplication of a FIFO queue (MSG2); producers may still send explicit
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
   * A physical name: 1–80 characters of a-z, A-Z, 0-9, `-` and `_`; a FIFO queue's name ends in
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
   * The age of the oldest message that means the processor falls behind (OBS1), 1 s – 14 days.
   * @default Duration.minutes(5)
   */
  readonly oldestMessageAlarmThreshold?: Duration;
}

/**
 * SQS → Lambda that never loses a message (ES3, ES4, MSG1, MSG2): an encrypted, SSL-only queue
 * with long polling and a DLQ, a visibility timeout that fits the function, partial batch
 * responses, a maximum concurrency within the reserved concurrency, and alarms on the DLQ, the
 * oldest message and function errors.
 */
export class QueueProcessor extends Construct {
  /** The queue (created or given). */
  public readonly queue: sqs.IQueue;
  /** The dead-letter queue, when the construct created the queue. */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** The processor's guarded function, when the construct created it. */
  public readonly processor?: GuardedFunction;
  /** What the event source mapping invokes. */
  public readonly processorTarget: lambda.IFunction;
  /** The event source. */
  public readonly eventSource: sources.SqsEventSource;
  /** The event source mapping (L2). */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** Fires when the DLQ holds a message (OBS1), when the construct created the queue. */
  public readonly deadLetterQueueDepthAlarm?: cloudwatch.Alarm;
  /** Fires when the oldest message is older than the threshold (OBS1). */
  public readonly oldestMessageAlarm: cloudwatch.Alarm;
  /** Fires on processor errors (OBS1). */
  public readonly processorErrorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    if (props.queue && props.queueProps) {
      throw invalidProp(this, 'queue/queueProps', 'give at most one of `queue` (existing) or `queueProps`', 'both', 'ES4');
    }
    const fifo = props.queue ? props.queue.fifo : props.queueProps?.fifo ?? false;
    const batchSize = props.batchSize ?? QUEUE_DEFAULTS.batchSize;
    const windowSeconds = this.validateBatching(props, fifo, batchSize);
    const oldest = props.oldestMessageAlarmThreshold ?? Duration.seconds(QUEUE_DEFAULTS.oldestMessageAlarmSeconds);
    const oldestSeconds = alarmThresholdOf(this, 'oldestMessageAlarmThreshold', oldest, SQS_OLDEST_MESSAGE_ALARM_SECONDS, 'seconds');

    const fn = guardedOrExistingFunction(this, 'Processor', 'processor', props.processor, props.processorFunction, props.alarmTopic);
    this.processor = fn.guarded;
    this.processorTarget = fn.target;
    this.processorErrorsAlarm = fn.errorsAlarm;
    const visibility = visibilityNeeded(secondsOf(fn.timeout), windowSeconds);

    if (props.queue) {
      this.queue = props.queue;
      this.validateExistingQueue(props.queue, visibility.checked);
    } else {
      const created = this.createQueue(props.queueProps ?? {}, fifo, visibility);
      this.queue = created.queue;
      this.deadLetterQueue = created.deadLetterQueue;
      this.deadLetterQueueDepthAlarm = queueDepthAlarm(this, 'DeadLetterQueueDepthAlarm', created.deadLetterQueue, props.alarmTopic);
    }

    const reserved = knownNumber(fn.reservedConcurrency);
    const maxConcurrency = props.maxConcurrency ?? defaultMaxConcurrency(reserved);
    validateRange(this, 'maxConcurrency', maxConcurrency, SQS_MAX_CONCURRENCY);
    const knownMaxConcurrency = knownNumber(maxConcurrency);
    if (knownMaxConcurrency !== undefined && reserved !== undefined && knownMaxConcurrency > reserved) {
      throw invalidProp(this, 'maxConcurrency', `must not exceed the function's reserved concurrency (${reserved})`, knownMaxConcurrency, 'ES4');
    }
    this.eventSource = new sources.SqsEventSource(this.queue, {
      batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency,
      reportBatchItemFailures: true,
    });
    this.eventSourceMapping = addEventSourceMapping(this.processorTarget, this.eventSource);
    acknowledgeRule(this.eventSourceMapping, 'Serverless-LambdaEventSourceMappingDestination', 'ES4',
      'failed SQS messages are kept by the queue\'s redrive policy (DLQ with an alarm), not by a destination on the mapping.');

    this.oldestMessageAlarm = createAlarm(this, 'OldestMessageAlarm', {
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: oldestSeconds,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `${this.node.path}: the oldest message waits more than ${oldest.toHumanString()}; the processor falls behind (OBS1).`,
    }, props.alarmTopic);
  }

  /**
   * ES4: batch size and batching window, each in range and together; returns the window in seconds
   * (0 when none, undefined when it is a token).
   */
  private validateBatching(props: QueueProcessorProps, fifo: boolean, batchSize: number): number | undefined {
    validateRange(this, 'batchSize', batchSize, fifo ? SQS_FIFO_BATCH_SIZE : SQS_BATCH_SIZE);
    validateRange(this, 'maxBatchingWindow', secondsOf(props.maxBatchingWindow), BATCHING_WINDOW_SECONDS);
    if (fifo && props.maxBatchingWindow !== undefined) {
      throw invalidProp(this, 'maxBatchingWindow', 'is not supported for FIFO queues', props.maxBatchingWindow, 'ES4');
    }
    const windowSeconds = props.maxBatchingWindow === undefined ? 0 : secondsOf(props.maxBatchingWindow);
    const knownBatchSize = knownNumber(batchSize);
    if (knownBatchSize !== undefined && knownBatchSize > SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW && windowSeconds !== undefined && windowSeconds < 1) {
      throw invalidProp(this, 'batchSize', `above ${SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW} needs a maxBatchingWindow of at least 1 second`, knownBatchSize, 'ES4');
    }
    return windowSeconds;
  }

  private createQueue(props: ProcessedQueueProps, fifo: boolean, visibility: VisibilityNeeded) {
    validateFormat(this, 'queueProps.queueName', props.queueName, fifo ? SQS_FIFO_QUEUE_NAME : SQS_QUEUE_NAME);
    const maxReceiveCount = props.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount;
    validateRange(this, 'queueProps.maxReceiveCount', maxReceiveCount, SQS_MAX_RECEIVE_COUNT);
    const retentionPeriod = props.retentionPeriod ?? Duration.days(QUEUE_DEFAULTS.retentionDays);
    validateRange(this, 'queueProps.retentionPeriod', secondsOf(retentionPeriod), SQS_RETENTION_SECONDS);
    const visibilityTimeout = props.visibilityTimeout ?? (visibility.default === undefined ? undefined : Duration.seconds(visibility.default));
    this.validateVisibility('queueProps.visibilityTimeout', secondsOf(visibilityTimeout), visibility.checked);
    validateReceiveBudget(this, {
      prefix: 'queueProps.',
      maxReceiveCount,
      visibilitySeconds: visibilityTimeout ? secondsOf(visibilityTimeout) : SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
      retentionSeconds: secondsOf(retentionPeriod),
    });
    if (!fifo && props.contentBasedDeduplication) {
      throw invalidProp(this, 'queueProps.contentBasedDeduplication', 'applies to FIFO queues only (set fifo: true)', true, 'MSG2');
    }
    const deadLetterQueue = createFailureQueue(this, 'DeadLetterQueue', { fifo: fifo || undefined, encryptionKey: props.encryptionKey });
    const queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      fifo: fifo || undefined,
      contentBasedDeduplication: fifo ? props.contentBasedDeduplication ?? true : undefined,
      encryption: props.encryptionKey ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      receiveMessageWaitTime: Duration.seconds(SQS_LONG_POLLING_SECONDS),
      retentionPeriod,
      visibilityTimeout,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount },
      // MSG1: messages in flight survive a replacement or a stack deletion, like the DLQ's.
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    return { queue, deadLetterQueue };
  }

  private validateExistingQueue(queue: sqs.IQueue, minimumVisibility: number | undefined): void {
    if (!(queue instanceof sqs.Queue)) return; // imported: its settings are not in this app (the nag pack still checks the mapping)
    if (!queue.deadLetterQueue) {
      throw invalidProp(this, 'queue', 'must have a dead-letter queue (deadLetterQueue with maxReceiveCount)', queue.node.path, 'ES4');
    }
    const cfn = queue.node.defaultChild as sqs.CfnQueue;
    const visibilitySeconds = cfn.visibilityTimeout ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
    this.validateVisibility('queue.visibilityTimeout', visibilitySeconds, minimumVisibility);
    validateReceiveBudget(this, {
      prefix: 'queue.',
      maxReceiveCount: queue.deadLetterQueue.maxReceiveCount,
      visibilitySeconds,
      retentionSeconds: cfn.messageRetentionPeriod ?? SQS_DEFAULT_RETENTION_SECONDS,
    });
  }

  /** ES3: the visibility timeout in SQS's range and, when the function's needs are known, above them. */
  private validateVisibility(prop: string, seconds: number | undefined, minimum: number | undefined): void {
    validateRange(this, prop, seconds, SQS_VISIBILITY_TIMEOUT_SECONDS);
    if (minimum === undefined) return;
    validateRange(this, prop, seconds, {
      ...SQS_VISIBILITY_TIMEOUT_SECONDS,
      min: minimum,
      unit: `s (at least ${SQS_VISIBILITY_TIMEOUT_FACTOR} × the function timeout + the batching window)`,
    });
  }
}

/** ES3: the visibility timeout a function needs. */
interface VisibilityNeeded {
  /** What the queue gets by default; with a token batching window, enough for its 300 s maximum. */
  readonly default?: number;
  /** What an explicit visibility timeout is checked against; undefined when a token is involved. */
  readonly checked?: number;
}

function visibilityNeeded(timeoutSeconds: number | undefined, windowSeconds: number | undefined): VisibilityNeeded {
  if (timeoutSeconds === undefined) return {};
  const needed = (window: number) => Math.ceil(SQS_VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds + window);
  return {
    default: needed(windowSeconds ?? BATCHING_WINDOW_SECONDS.max),
    checked: windowSeconds === undefined ? undefined : needed(windowSeconds),
  };
}

function defaultMaxConcurrency(reserved: number | undefined): number | undefined {
  if (reserved === undefined || reserved < SQS_MAX_CONCURRENCY.min) return undefined;
  return Math.min(reserved, SQS_MAX_CONCURRENCY.max);
}
