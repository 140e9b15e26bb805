import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { withExactStreamRead } from './exact-stream-read';
import {
  completeStreamMapping, StreamRetention, streamEventSourceProps, streamFailureDestination, streamMappingSettings,
  streamProcessorFunctionProps, validateProcessorConcurrency,
} from './stream-mapping';
import { TableStreamProcessorProps } from './table-stream-processor-props';
import { DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS, DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { PropsValidator } from '../core/validation';
import { addEventSourceMapping } from '../function/event-source-mapping';
import { GuardedFunction } from '../function/guarded-function';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { failureQueueDepthMetric } from '../observability/sqs-alarms';
import { iteratorAgeMetric } from '../observability/stream-alarms';
import { createStreamTable, validateStreamTableProps } from '../resources/stream-table';

/** ES1, OBS1: a DynamoDB stream keeps records 24 hours. */
const DYNAMODB_STREAM: StreamRetention = {
  maxRecordAge: DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS,
  iteratorAgeAlarm: DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS,
};

/**
 * DynamoDB stream → Lambda that never loses or blocks a record (ES1, ES2, DB1–DB6): bisect on
 * error, bounded retries and record age, partial batch responses, an on-failure destination, and
 * alarms on iterator age, the failure queue and function errors. A processor created from
 * `processor` reserves what the mapping can use: parallelization factor × 4 shards (FN5).
 */
export class TableStreamProcessor extends MonitoredConstruct {
  /** The table (created or given). */
  public readonly table: dynamodb.ITable;
  /** The processor's guarded function, when the construct created it. */
  public readonly processor?: GuardedFunction;
  /** What the event source mapping invokes: the guarded function's alias, or the given function. */
  public readonly processorTarget: lambda.IFunction;
  /** The event source mapping's on-failure queue, unless a topic was given. */
  public readonly failureQueue?: sqs.IQueue;
  /** The event source. */
  public readonly eventSource: sources.DynamoEventSource;
  /** The event source mapping (L2). */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** Fires when records wait longer than the threshold (OBS1). */
  public readonly iteratorAgeAlarm: cloudwatch.Alarm;
  /** Fires when the failure queue holds a message (OBS1). */
  public readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
  /** Fires on processor errors (OBS1). */
  public readonly processorErrorsAlarm: cloudwatch.Alarm;
  /** The iterator age and, unless a topic was given, the failure queue's depth (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the stream processor
   * @param id the ID of the stream processor, unique within `scope`
   * @param props the table (or props to create one) and the handler
   */
  constructor(scope: Construct, id: string, props: TableStreamProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const validator = new PropsValidator(this);
    const settings = streamMappingSettings(validator, props, DYNAMODB_STREAM);
    validateTable(validator, props);
    // Invalid table props never reach aws-cdk-lib (its own errors are not ours); the processor is still checked.
    const table = validator.valid ? props.table ?? createStreamTable(this, 'Table', props.tableProps!) : undefined;
    const fn = validator.attempt(() => guardedOrExistingFunction(this, 'Processor', 'processor',
      streamProcessorFunctionProps(props.processor, settings.parallelizationFactor), props.processorFunction, props.alarmTopic));
    validateProcessorConcurrency(validator, fn?.reservedConcurrency, settings.parallelizationFactor);
    validator.throwIfInvalid();

    this.table = table!;
    this.processor = fn!.guarded;
    this.processorTarget = fn!.target;
    this.processorErrorsAlarm = fn!.errorsAlarm;
    const failure = streamFailureDestination(this, props);
    this.failureQueue = failure.failureQueue;
    this.failureQueueDepthAlarm = failure.failureQueueDepthAlarm;
    const streamRead = withExactStreamRead(this, this.table);
    this.eventSource = new sources.DynamoEventSource(streamRead.table, streamEventSourceProps(props, settings, failure.onFailure));
    this.eventSourceMapping = addEventSourceMapping(this.processorTarget, this.eventSource);
    const listStreamsPolicy = streamRead.listStreamsPolicy();
    if (listStreamsPolicy) this.eventSourceMapping.node.addDependency(listStreamsPolicy);
    this.iteratorAgeAlarm = completeStreamMapping(this, this.eventSourceMapping, this.processorTarget, settings, props);
    this.keyMetrics = [
      { label: 'Iterator age (ms)', metric: iteratorAgeMetric(this.processorTarget) },
      ...(this.failureQueue ? [failureQueueDepthMetric('Failure queue depth', this.failureQueue)] : []),
    ];
  }

}

/** DB4: exactly one of an existing table with a stream and the props of a table to create. */
function validateTable(validator: PropsValidator, props: TableStreamProcessorProps): void {
  validator.exactlyOne({ table: props.table, tableProps: props.tableProps }, '`table` (an existing table with a stream) or `tableProps`', 'DB4');
  if (props.table) {
    validator.check(!props.table.tableStreamArn, 'table', 'must have a stream (create it with a StreamViewType)', props.table.node.path, 'DB4');
  } else if (props.tableProps) {
    validateStreamTableProps(validator, 'tableProps.', props.tableProps);
  }
}
