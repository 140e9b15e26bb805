import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createProcessedQueue, processedQueueRetentionSeconds, validateExistingQueue, validateProcessedQueueProps, visibilityNeeded } from './processed-queue';
import { QueueProcessorProps } from './queue-processor-props';
import { acknowledgeRule } from '../core/acknowledge';
import { QUEUE_DEFAULTS } from '../core/defaults';
import { BATCHING_WINDOW_SECONDS, SQS_BATCH_SIZE, SQS_FIFO_BATCH_SIZE, SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW, SQS_MAX_CONCURRENCY, SQS_OLDEST_MESSAGE_ALARM_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { knownNumber, PropsValidator, secondsOf } from '../core/validation';
import { addEventSourceMapping } from '../function/event-source-mapping';
import { GuardedFunction } from '../function/guarded-function';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { alarmThresholdOf } from '../observability/alarm-threshold';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { oldestMessageAlarm, queueDepthAlarm, queueKeyMetrics } from '../observability/sqs-alarms';

/**
 * SQS → Lambda that never loses a message (ES3, ES4, MSG1, MSG2): an encrypted, SSL-only queue
 * with long polling and a DLQ, a visibility timeout that fits the function, partial batch
 * responses, a maximum concurrency within the reserved concurrency, and alarms on the DLQ, the
 * oldest message and function errors.
 */
export class QueueProcessor extends MonitoredConstruct {
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
  /** Visible messages, the age of the oldest message and, when the construct created it, the DLQ's depth (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the queue processor
   * @param id the ID of the queue processor, unique within `scope`
   * @param props the queue (or props to create one) and the handler
   */
  constructor(scope: Construct, id: string, props: QueueProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const validator = new PropsValidator(this)
      .atMostOne({ queue: props.queue, queueProps: props.queueProps }, '`queue` (existing) or `queueProps`', 'ES4');
    const fifo = props.queue ? props.queue.fifo : props.queueProps?.fifo ?? false;
    const batchSize = props.batchSize ?? QUEUE_DEFAULTS.batchSize;
    const windowSeconds = validateBatching(validator, props, fifo, batchSize);
    const oldest = props.oldestMessageAlarmThreshold ?? Duration.seconds(QUEUE_DEFAULTS.oldestMessageAlarmSeconds);
    const oldestSeconds = alarmThresholdOf(validator, 'oldestMessageAlarmThreshold', oldest, SQS_OLDEST_MESSAGE_ALARM_SECONDS, 'seconds');
    validateOldestMessageAlarm(validator, knownNumber(oldestSeconds), knownNumber(processedQueueRetentionSeconds(props.queue, props.queueProps)));
    const fn = validator.attempt(() => guardedOrExistingFunction(this, 'Processor', 'processor', props.processor, props.processorFunction, props.alarmTopic));
    const visibility = visibilityNeeded(secondsOf(fn?.timeout), windowSeconds);
    if (props.queue) validateExistingQueue(validator, props.queue, visibility.checked);
    else validateProcessedQueueProps(validator, props.queueProps ?? {}, fifo, visibility);
    const maxConcurrency = props.maxConcurrency ?? defaultMaxConcurrency(fn?.reservedConcurrency);
    validateMaxConcurrency(validator, maxConcurrency, fn?.reservedConcurrency);
    validator.throwIfInvalid();

    this.processor = fn!.guarded;
    this.processorTarget = fn!.target;
    this.processorErrorsAlarm = fn!.errorsAlarm;
    if (props.queue) {
      this.queue = props.queue;
    } else {
      const created = createProcessedQueue(this, props.queueProps ?? {}, fifo, visibility);
      this.queue = created.queue;
      this.deadLetterQueue = created.deadLetterQueue;
      this.deadLetterQueueDepthAlarm = queueDepthAlarm(this, 'DeadLetterQueueDepthAlarm', created.deadLetterQueue, props.alarmTopic);
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
    this.oldestMessageAlarm = oldestMessageAlarm(this, 'OldestMessageAlarm', this.queue, oldest, oldestSeconds!, props.alarmTopic);
    const givenDeadLetterQueue = props.queue instanceof sqs.Queue ? props.queue.deadLetterQueue?.queue : undefined;
    this.keyMetrics = queueKeyMetrics(this.queue, this.deadLetterQueue ?? givenDeadLetterQueue);
  }

}

/**
 * ES4: batch size and batching window, each in range and together; returns the window in seconds
 * (0 when none, undefined when it is a token).
 */
function validateBatching(validator: PropsValidator, props: QueueProcessorProps, fifo: boolean, batchSize: number): number | undefined {
  const windowSeconds = props.maxBatchingWindow === undefined ? 0 : secondsOf(props.maxBatchingWindow);
  const knownBatchSize = knownNumber(batchSize);
  validator.range('batchSize', batchSize, fifo ? SQS_FIFO_BATCH_SIZE : SQS_BATCH_SIZE)
    .range('maxBatchingWindow', secondsOf(props.maxBatchingWindow), BATCHING_WINDOW_SECONDS)
    .check(fifo && props.maxBatchingWindow !== undefined, 'maxBatchingWindow', 'is not supported for FIFO queues', props.maxBatchingWindow, 'ES4')
    .check(knownBatchSize !== undefined && knownBatchSize > SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW && windowSeconds !== undefined && windowSeconds < 1,
      'batchSize', `above ${SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW} needs a maxBatchingWindow of at least 1 second`, knownBatchSize, 'ES4');
  return windowSeconds;
}

/** ES4: the mapping's concurrency in SQS's range, and not above the function's reserved concurrency. */
function validateMaxConcurrency(validator: PropsValidator, maxConcurrency: number | undefined, reserved: number | undefined): void {
  const known = knownNumber(maxConcurrency);
  validator.range('maxConcurrency', maxConcurrency, SQS_MAX_CONCURRENCY)
    .check(known !== undefined && reserved !== undefined && known > reserved, 'maxConcurrency',
      `must not exceed the function's reserved concurrency (${reserved})`, known, 'ES4');
}

function defaultMaxConcurrency(reserved: number | undefined): number | undefined {
  if (reserved === undefined || reserved < SQS_MAX_CONCURRENCY.min) return undefined;
  return Math.min(reserved, SQS_MAX_CONCURRENCY.max);
}

/**
 * OBS1: a message expires at the queue's retention period, so the age of the oldest message never
 * reaches a threshold at or above it and the alarm could never fire.
 */
function validateOldestMessageAlarm(validator: PropsValidator, thresholdSeconds: number | undefined, retentionSeconds: number | undefined): void {
  if (thresholdSeconds === undefined || retentionSeconds === undefined) return;
  validator.check(thresholdSeconds >= retentionSeconds, 'oldestMessageAlarmThreshold',
    `must be below the queue's message retention period (${retentionSeconds} s): a message expires before it is that old, so the alarm could never fire`,
    thresholdSeconds, 'OBS1', 's');
}
