import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ProcessedQueueProps } from './queue-processor-props';
import { validateReceiveBudget } from './receive-budget';
import { QUEUE_DEFAULTS, SQS_LONG_POLLING_SECONDS, SQS_VISIBILITY_TIMEOUT_FACTOR } from '../core/defaults';
import {
  BATCHING_WINDOW_SECONDS, SQS_DEFAULT_RETENTION_SECONDS, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS, SQS_FIFO_QUEUE_NAME, SQS_MAX_RECEIVE_COUNT,
  SQS_QUEUE_NAME, SQS_RETENTION_SECONDS, SQS_VISIBILITY_TIMEOUT_SECONDS,
} from '../core/limits';
import { knownNumber, outsideRange, PropsValidator, secondsOf } from '../core/validation';
import { createFailureQueue } from '../resources/failure-queue';
import { secureQueueProps } from '../resources/secure-queue';

/** ES3: the visibility timeout a function needs. */
export interface VisibilityNeeded {
  /** What the queue gets by default; with a token batching window, enough for its 300 s maximum. */
  readonly default?: number;
  /** What an explicit visibility timeout is checked against; undefined when a token is involved. */
  readonly checked?: number;
}

/** ES3: 6 × the function timeout + the batching window (undefined: a token). */
export function visibilityNeeded(timeoutSeconds: number | undefined, windowSeconds: number | undefined): VisibilityNeeded {
  if (timeoutSeconds === undefined) return {};
  const needed = (window: number) => Math.ceil(SQS_VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds + window);
  return {
    default: needed(windowSeconds ?? BATCHING_WINDOW_SECONDS.max),
    checked: windowSeconds === undefined ? undefined : needed(windowSeconds),
  };
}

/** The numbers of a processed queue after defaults. */
interface ProcessedQueueSettings {
  readonly maxReceiveCount: number;
  readonly retentionPeriod: Duration;
  readonly visibilityTimeout?: Duration;
}

function settingsOf(props: ProcessedQueueProps, visibility: VisibilityNeeded): ProcessedQueueSettings {
  return {
    maxReceiveCount: props.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount,
    retentionPeriod: props.retentionPeriod ?? Duration.days(QUEUE_DEFAULTS.retentionDays),
    visibilityTimeout: props.visibilityTimeout ?? (visibility.default === undefined ? undefined : Duration.seconds(visibility.default)),
  };
}

/** MSG1, MSG2, ES3, ES4: the rules of `queueProps`, for a queue whose function needs `visibility`. */
export function validateProcessedQueueProps(validator: PropsValidator, props: ProcessedQueueProps, fifo: boolean,
  visibility: VisibilityNeeded): void {
  const settings = settingsOf(props, visibility);
  validator.format('queueProps.queueName', props.queueName, fifo ? SQS_FIFO_QUEUE_NAME : SQS_QUEUE_NAME)
    .range('queueProps.maxReceiveCount', settings.maxReceiveCount, SQS_MAX_RECEIVE_COUNT)
    .range('queueProps.retentionPeriod', secondsOf(settings.retentionPeriod), SQS_RETENTION_SECONDS);
  const visibilitySeconds = secondsOf(settings.visibilityTimeout);
  validateVisibility(validator, 'queueProps.visibilityTimeout', visibilitySeconds, visibility.checked);
  validateReceiveBudget(validator, {
    prefix: 'queueProps.',
    maxReceiveCount: settings.maxReceiveCount,
    visibilitySeconds: settings.visibilityTimeout ? visibilitySeconds : SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
    retentionSeconds: secondsOf(settings.retentionPeriod),
  });
  validator.check(!fifo && props.contentBasedDeduplication === true, 'queueProps.contentBasedDeduplication', 'applies to FIFO queues only (set fifo: true)', true, 'MSG2');
}

/**
 * ES4, ES3: an existing queue must have a DLQ; when the app defines it, its visibility timeout must
 * fit the function and its receives × visibility timeout its retention. An imported queue's
 * settings are not in this app (the nag pack still checks the mapping).
 */
export function validateExistingQueue(validator: PropsValidator, queue: sqs.IQueue, minimumVisibility: number | undefined): void {
  if (!(queue instanceof sqs.Queue)) return;
  if (!queue.deadLetterQueue) {
    validator.check(true, 'queue', 'must have a dead-letter queue (deadLetterQueue with maxReceiveCount)', queue.node.path, 'ES4');
    return;
  }
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const visibilitySeconds = cfn.visibilityTimeout ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS;
  validateVisibility(validator, 'queue.visibilityTimeout', visibilitySeconds, minimumVisibility);
  validateReceiveBudget(validator, {
    prefix: 'queue.',
    maxReceiveCount: queue.deadLetterQueue.maxReceiveCount,
    visibilitySeconds,
    retentionSeconds: definedRetentionSeconds(queue),
  });
}

/**
 * How long the processed queue keeps a message, in seconds: the created queue's (after defaults),
 * or that of an existing queue the app defines; undefined for an imported queue.
 */
export function processedQueueRetentionSeconds(queue: sqs.IQueue | undefined, props: ProcessedQueueProps | undefined): number | undefined {
  if (!queue) return secondsOf(settingsOf(props ?? {}, {}).retentionPeriod);
  return queue instanceof sqs.Queue ? definedRetentionSeconds(queue) : undefined;
}

/** The retention of a queue this app defines, after SQS's default. */
function definedRetentionSeconds(queue: sqs.Queue): number | undefined {
  return (queue.node.defaultChild as sqs.CfnQueue).messageRetentionPeriod ?? SQS_DEFAULT_RETENTION_SECONDS;
}

/** ES3: the visibility timeout in SQS's range and, when the function's needs are known, above them. */
function validateVisibility(validator: PropsValidator, prop: string, seconds: number | undefined, minimum: number | undefined): void {
  validator.range(prop, seconds, SQS_VISIBILITY_TIMEOUT_SECONDS);
  const known = knownNumber(seconds);
  if (minimum === undefined || known === undefined || outsideRange(known, SQS_VISIBILITY_TIMEOUT_SECONDS)) return;
  validator.range(prop, known, {
    ...SQS_VISIBILITY_TIMEOUT_SECONDS,
    min: minimum,
    unit: `s (at least ${SQS_VISIBILITY_TIMEOUT_FACTOR} × the function timeout + the batching window)`,
  });
}

/**
 * MSG1, MSG2, ES3: the queue of a QueueProcessor (props checked with {@link validateProcessedQueueProps})
 * and its DLQ: encrypted, SSL only, long polling, retained; FIFO with content-based deduplication
 * by default when `fifo`.
 */
export function createProcessedQueue(scope: Construct, props: ProcessedQueueProps, fifo: boolean, visibility: VisibilityNeeded) {
  const settings = settingsOf(props, visibility);
  const deadLetterQueue = createFailureQueue(scope, 'DeadLetterQueue', { fifo: fifo || undefined, encryptionKey: props.encryptionKey });
  const queue = new sqs.Queue(scope, 'Queue', {
    queueName: props.queueName,
    fifo: fifo || undefined,
    contentBasedDeduplication: fifo ? props.contentBasedDeduplication ?? true : undefined,
    ...secureQueueProps(props.encryptionKey),
    receiveMessageWaitTime: Duration.seconds(SQS_LONG_POLLING_SECONDS),
    retentionPeriod: settings.retentionPeriod,
    visibilityTimeout: settings.visibilityTimeout,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
    // MSG1: messages in flight survive a replacement or a stack deletion, like the DLQ's.
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  return { queue, deadLetterQueue };
}
