import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createKinesisStream, createStreamConsumer, kinesisRetention, kinesisStreamFacts, validateKinesisStreamProps } from './kinesis-stream';
import { KinesisStreamProcessorProps } from './kinesis-stream-processor-props';
import {
  completeStreamMapping, streamEventSourceProps, streamFailureDestination, streamKeyMetrics, streamMappingSettings, streamProcessorFunction,
} from './stream-mapping';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { PropsValidator } from '../core/validation';
import { addEventSourceMapping } from '../function/event-source-mapping';
import { GuardedFunction } from '../function/guarded-function';
import { kinesisKeyMetrics, kinesisThroughputAlarms } from '../observability/kinesis-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';

/**
 * Kinesis Data Streams → Lambda that never loses or blocks a record (ES1, ES2): an on-demand (or
 * provisioned), KMS-encrypted, retained stream or yours; the same stream mapping as the
 * TableStreamProcessor (bisect on error, bounded retries and a record age within the stream's
 * retention, partial batch responses, an on-failure destination), an optional enhanced fan-out
 * consumer, and alarms on iterator age, throttled reads and writes, the failure queue and function
 * errors. A processor created from `processor` reserves parallelization factor × the shards
 * (4 when the shard count is not known, e.g. on-demand) (FN5).
 */
export class KinesisStreamProcessor extends MonitoredConstruct {
  /** The stream (created or given). */
  public readonly stream: kinesis.IStream;
  /** The enhanced fan-out consumer, when `enhancedFanOut` is set. */
  public readonly consumer?: kinesis.StreamConsumer;
  /** The processor's guarded function, when the construct created it. */
  public readonly processor?: GuardedFunction;
  /** What the event source mapping invokes: the guarded function's alias, or the given function. */
  public readonly processorTarget: lambda.IFunction;
  /** The event source mapping's on-failure queue, unless a topic was given. */
  public readonly failureQueue?: sqs.IQueue;
  /** The event source mapping (L2). */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** Fires when records wait longer than the threshold (OBS1). */
  public readonly iteratorAgeAlarm: cloudwatch.Alarm;
  /** Fires when reads of the stream are throttled (OBS1). */
  public readonly readThroughputExceededAlarm: cloudwatch.Alarm;
  /** Fires when writes to the stream are throttled (OBS1). */
  public readonly writeThroughputExceededAlarm: cloudwatch.Alarm;
  /** Fires when the failure queue holds a message (OBS1). */
  public readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
  /** Fires on processor errors (OBS1). */
  public readonly processorErrorsAlarm: cloudwatch.Alarm;
  /** The iterator age, the failure queue's depth (unless a topic was given) and throttled reads and writes (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the stream processor
   * @param id the ID of the stream processor, unique within `scope`
   * @param props the stream (or props to create one) and the handler
   */
  constructor(scope: Construct, id: string, props: KinesisStreamProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const validator = new PropsValidator(this);
    const facts = kinesisStreamFacts(props);
    const settings = streamMappingSettings(validator, props, kinesisRetention(facts));
    validateKinesisStreamProps(validator, props, facts);
    // Invalid stream props never reach aws-cdk-lib (its own errors are not ours); the processor is still checked.
    const stream = validator.valid ? props.stream ?? createKinesisStream(this, 'Stream', props.streamProps ?? {}) : undefined;
    const fn = streamProcessorFunction(this, validator, props, settings, facts.shardCount);
    validator.throwIfInvalid();

    this.stream = stream!;
    this.processor = fn!.guarded;
    this.processorTarget = fn!.target;
    this.processorErrorsAlarm = fn!.errorsAlarm;
    const failure = streamFailureDestination(this, props);
    this.failureQueue = failure.failureQueue;
    this.failureQueueDepthAlarm = failure.failureQueueDepthAlarm;
    const sourceProps = streamEventSourceProps(props, settings, failure.onFailure);
    this.consumer = props.enhancedFanOut ? createStreamConsumer(this, this.stream, props.consumerName) : undefined;
    const eventSource = this.consumer
      ? new sources.KinesisConsumerEventSource(this.consumer, sourceProps)
      : new sources.KinesisEventSource(this.stream, sourceProps);
    this.eventSourceMapping = addEventSourceMapping(this.processorTarget, eventSource);
    this.iteratorAgeAlarm = completeStreamMapping(this, this.eventSourceMapping, this.processorTarget, settings, props);
    const throughput = kinesisThroughputAlarms(this, this.stream, props.alarmTopic);
    this.readThroughputExceededAlarm = throughput.read;
    this.writeThroughputExceededAlarm = throughput.write;
    this.keyMetrics = [...streamKeyMetrics(this.processorTarget, this.failureQueue), ...kinesisKeyMetrics(this.stream)];
  }
}
