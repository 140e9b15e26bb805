import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { StreamProcessorProps } from './stream-processor-props';
import { acknowledgeRule } from '../core/acknowledge';
import { STREAM_DEFAULTS } from '../core/defaults';
import {
  BATCHING_WINDOW_SECONDS, STREAM_BATCH_SIZE, STREAM_INFINITE_RETRY_ATTEMPTS, STREAM_PARALLELIZATION_FACTOR, STREAM_RETRY_ATTEMPTS,
  STREAM_TUMBLING_WINDOW_SECONDS,
} from '../core/limits';
import type { RangeLimit } from '../core/rules';
import { knownNumber, PropsValidator, secondsOf } from '../core/validation';
import { GuardedFunctionProps } from '../function/guarded-function-props';
import { guardedOrExistingFunction, PatternFunction } from '../function/guarded-or-existing';
import { ReservedConcurrency } from '../function/reserved-concurrency';
import { alarmThresholdOf } from '../observability/alarm-threshold';
import { MonitoredMetric } from '../observability/monitored';
import { failureQueueDepthMetric, queueDepthAlarm } from '../observability/sqs-alarms';
import { iteratorAgeAlarm, iteratorAgeMetric } from '../observability/stream-alarms';
import { ExactSnsOnFailure, ExactSqsOnFailure } from '../resources/failure-destinations';
import { createFailureQueue } from '../resources/failure-queue';

/**
 * The stream mapping of every stream processor (DynamoDB, Kinesis): what differs between streams
 * is only how long they keep records, which bounds the record age and the iterator age alarm.
 */
export interface StreamRetention {
  /** ES1: the `maxRecordAge` range, up to the stream's retention. */
  readonly maxRecordAge: RangeLimit;
  /** OBS1: the `iteratorAgeAlarmThreshold` range, up to the stream's retention. */
  readonly iteratorAgeAlarm: RangeLimit;
}

/** The mapping's numbers after the library's defaults. */
export interface StreamMappingSettings {
  readonly batchSize: number;
  readonly parallelizationFactor: number;
  readonly retryAttempts: number;
  readonly maxRecordAge: Duration;
  readonly iteratorAgeAlarmThreshold: Duration;
  /** The alarm's threshold in milliseconds (IteratorAge's unit); undefined when it failed its check. */
  readonly iteratorAgeAlarmMillis?: number;
}

/** ES1, ES2, OBS1: the mapping's settings, each checked against its range and `retention`. */
export function streamMappingSettings(validator: PropsValidator, props: StreamProcessorProps, retention: StreamRetention): StreamMappingSettings {
  const settings = {
    batchSize: props.batchSize ?? STREAM_DEFAULTS.batchSize,
    parallelizationFactor: props.parallelizationFactor ?? STREAM_DEFAULTS.parallelizationFactor,
    retryAttempts: props.retryAttempts ?? STREAM_DEFAULTS.retryAttempts,
    maxRecordAge: props.maxRecordAge ?? Duration.seconds(STREAM_DEFAULTS.maxRecordAgeSeconds),
    iteratorAgeAlarmThreshold: props.iteratorAgeAlarmThreshold ?? Duration.seconds(STREAM_DEFAULTS.iteratorAgeAlarmSeconds),
  };
  validator.range('batchSize', settings.batchSize, STREAM_BATCH_SIZE)
    .range('maxBatchingWindow', secondsOf(props.maxBatchingWindow), BATCHING_WINDOW_SECONDS)
    .range('parallelizationFactor', settings.parallelizationFactor, STREAM_PARALLELIZATION_FACTOR)
    .range('tumblingWindow', secondsOf(props.tumblingWindow), STREAM_TUMBLING_WINDOW_SECONDS)
    .tokenDurationUnit('tumblingWindow', props.tumblingWindow, ['seconds'], STREAM_TUMBLING_WINDOW_SECONDS.practice);
  if (settings.retryAttempts === STREAM_INFINITE_RETRY_ATTEMPTS) {
    validator.check(!props.allowInfiniteRetries, 'retryAttempts',
      `must be bounded (${STREAM_RETRY_ATTEMPTS.min} to ${STREAM_RETRY_ATTEMPTS.max}); ${STREAM_INFINITE_RETRY_ATTEMPTS} retries until the record expires and needs allowInfiniteRetries: true`,
      STREAM_INFINITE_RETRY_ATTEMPTS, 'ES1');
  } else {
    validator.range('retryAttempts', settings.retryAttempts, STREAM_RETRY_ATTEMPTS);
  }
  if (settings.maxRecordAge.isUnresolved()) {
    validator.check(true, 'maxRecordAge', 'must be a literal duration: aws-cdk-lib compares it with 60 s – 7 days at synth', settings.maxRecordAge.toString(), 'ES1');
  } else {
    validator.range('maxRecordAge', secondsOf(settings.maxRecordAge), retention.maxRecordAge);
  }
  validator.atMostOne({ failureQueue: props.failureQueue, failureTopic: props.failureTopic }, '`failureQueue` or `failureTopic` (one on-failure destination)', 'ES1');
  const fifo = props.failureQueue?.fifo ? props.failureQueue : props.failureTopic?.fifo ? props.failureTopic : undefined;
  validator.check(fifo !== undefined, fifo === props.failureTopic ? 'failureTopic' : 'failureQueue',
    'must be a standard queue or topic: Lambda sends discarded stream batches to standard destinations only', fifo?.node.path, 'ES1');
  const iteratorAgeAlarmMillis = alarmThresholdOf(validator, 'iteratorAgeAlarmThreshold', settings.iteratorAgeAlarmThreshold, retention.iteratorAgeAlarm, 'milliseconds');
  return { ...settings, iteratorAgeAlarmMillis };
}

/**
 * FN5: the props of the processor a stream processor creates: unless they say otherwise, it
 * reserves what the mapping can use, parallelization factor × the shards (when the stream's shard
 * count is not known at synth, the shards assumed; with a token factor, what its largest value can use).
 */
function streamProcessorFunctionProps(props: GuardedFunctionProps | undefined,
  parallelizationFactor: number, shards?: number): GuardedFunctionProps | undefined {
  const factor = knownNumber(parallelizationFactor) ?? STREAM_PARALLELIZATION_FACTOR.max;
  return props && { reservedConcurrency: ReservedConcurrency.of(factor * (knownNumber(shards) ?? STREAM_DEFAULTS.assumedShards)), ...props };
}

/**
 * The processor of a stream processor, created from `processor` (reserving parallelization factor ×
 * `shards`, FN5) or given, its problems collected in `validator`; undefined when it failed.
 */
export function streamProcessorFunction(scope: Construct, validator: PropsValidator, props: StreamProcessorProps,
  settings: StreamMappingSettings, shards?: number): PatternFunction | undefined {
  const fn = validator.attempt(() => guardedOrExistingFunction(scope, 'Processor', 'processor',
    streamProcessorFunctionProps(props.processor, settings.parallelizationFactor, shards), props.processorFunction, props.alarmTopic));
  validateProcessorConcurrency(validator, fn?.reservedConcurrency, settings.parallelizationFactor);
  return fn;
}

/** OBS1: a stream processor's key metrics: the iterator age and, unless a topic was given, the failure queue's depth. */
export function streamKeyMetrics(target: lambda.IFunction, failureQueue: sqs.IQueue | undefined): MonitoredMetric[] {
  return [
    { label: 'Iterator age (ms)', metric: iteratorAgeMetric(target) },
    ...(failureQueue ? [failureQueueDepthMetric('Failure queue depth', failureQueue)] : []),
  ];
}

/** FN5: a processor that reserves fewer executions than the parallelization factor throttles every shard. */
function validateProcessorConcurrency(validator: PropsValidator, reserved: number | undefined, parallelizationFactor: number): void {
  const factor = knownNumber(parallelizationFactor);
  validator.check(reserved !== undefined && factor !== undefined && reserved < factor, 'processor.reservedConcurrency',
    `must be at least the parallelization factor (${factor}), or every shard is throttled`, reserved, 'FN5');
}

/** Where the mapping sends discarded batches, and the alarm on that queue. */
export interface StreamFailureDestination {
  readonly onFailure: lambda.IEventSourceDlq;
  /** The on-failure queue (created or given), unless a topic was given. */
  readonly failureQueue?: sqs.IQueue;
  readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
}

/** ES1: the given topic or queue, else a failure queue of `scope` with a depth alarm; granted exactly (SEC1). */
export function streamFailureDestination(scope: Construct, props: StreamProcessorProps): StreamFailureDestination {
  if (props.failureTopic) return { onFailure: new ExactSnsOnFailure(props.failureTopic) };
  const failureQueue = props.failureQueue ?? createFailureQueue(scope, 'FailureQueue');
  return {
    onFailure: new ExactSqsOnFailure(failureQueue),
    failureQueue,
    failureQueueDepthAlarm: queueDepthAlarm(scope, 'FailureQueueDepthAlarm', failureQueue, props.alarmTopic),
  };
}

/**
 * ES1, ES2: what every stream event source of the library sets: bisect on error, bounded retries
 * and record age, partial batch responses, the on-failure destination.
 */
export function streamEventSourceProps(props: StreamProcessorProps, settings: StreamMappingSettings,
  onFailure: lambda.IEventSourceDlq): sources.StreamEventSourceProps {
  return {
    startingPosition: props.startingPosition ?? lambda.StartingPosition.TRIM_HORIZON,
    batchSize: settings.batchSize,
    maxBatchingWindow: props.maxBatchingWindow,
    parallelizationFactor: settings.parallelizationFactor,
    retryAttempts: settings.retryAttempts,
    maxRecordAge: settings.maxRecordAge,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    filters: props.filters,
    tumblingWindow: props.tumblingWindow,
    onFailure,
  };
}

/**
 * After the mapping exists: infinite retries (only when explicitly allowed) acknowledged on it, and
 * the iterator age alarm of `scope` on the function it invokes (OBS1).
 */
export function completeStreamMapping(scope: Construct, mapping: lambda.EventSourceMapping, target: lambda.IFunction,
  settings: StreamMappingSettings, props: StreamProcessorProps): cloudwatch.Alarm {
  if (settings.retryAttempts === STREAM_INFINITE_RETRY_ATTEMPTS) {
    acknowledgeRule(mapping, 'Guardrails-StreamFailureHandling[MaximumRetryAttempts]', 'ES1', 'infinite retries were explicitly requested (allowInfiniteRetries).');
  }
  return iteratorAgeAlarm(scope, 'IteratorAgeAlarm', target, settings.iteratorAgeAlarmThreshold, settings.iteratorAgeAlarmMillis!, props.alarmTopic);
}
