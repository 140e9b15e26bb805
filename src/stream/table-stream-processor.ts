import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { withExactStreamRead } from './exact-stream-read';
import { ExactSnsOnFailure, ExactSqsOnFailure } from '../resources/failure-destinations';
import { acknowledgeRule } from '../core/acknowledge';
import { STREAM_DEFAULTS } from '../core/defaults';
import { BATCHING_WINDOW_SECONDS, DYNAMODB_CAPACITY_UNITS, DYNAMODB_MAX_LOCAL_INDEXES, DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS, DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS, DYNAMODB_TABLE_NAME, DYNAMODB_TARGET_UTILIZATION_PERCENT, DYNAMODB_TTL_ATTRIBUTE_NAME, STREAM_BATCH_SIZE, STREAM_PARALLELIZATION_FACTOR, STREAM_RETRY_ATTEMPTS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, knownNumber, secondsOf, validateFormat, validateRange } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { addEventSourceMapping } from '../function/event-source-mapping';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { ProcessorProps } from '../function/processor-props';
import { ReservedConcurrency } from '../function/reserved-concurrency';
import { alarmThresholdOf } from '../observability/alarm-threshold';
import { createAlarm, queueDepthAlarm } from '../observability/alarms';
import { createFailureQueue } from '../resources/failure-queue';

/** DB1: the capacity of a provisioned table, scaled between min and max by utilization. */
export interface ProvisionedCapacity {
  /** Minimum read capacity units, 1–40,000 (RCU = reads/s × ceil(item KB / 4); eventual ÷ 2, transactional × 2). */
  readonly minReadCapacity: number;
  /** Maximum read capacity units, from the minimum to 40,000. */
  readonly maxReadCapacity: number;
  /** Minimum write capacity units, 1–40,000 (WCU = writes/s × ceil(item KB / 1)). */
  readonly minWriteCapacity: number;
  /** Maximum write capacity units, from the minimum to 40,000. */
  readonly maxWriteCapacity: number;
  /**
   * Target utilization of the auto scaling, 10–90 % (what Application Auto Scaling accepts for
   * DynamoDB). It must be a literal number: aws-cdk-lib compares it at synth.
   * @default 70
   */
  readonly targetUtilizationPercent?: number;
}

/** A DynamoDB table with a stream, created by the TableStreamProcessor (DB1–DB6). */
export interface StreamTableProps {
  /** The partition key: choose one with high cardinality (DB6). */
  readonly partitionKey: dynamodb.Attribute;
  /**
   * The sort key.
   * @default - none
   */
  readonly sortKey?: dynamodb.Attribute;
  /**
   * Provisioned capacity with auto scaling, for a known workload (DB1).
   * @default - on-demand capacity
   */
  readonly provisionedCapacity?: ProvisionedCapacity;
  /**
   * A customer-managed KMS key (DB3).
   * @default - encryption with an AWS owned key
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What each stream record holds (DB4). Records are not back-filled: choose before data arrives.
   * @default StreamViewType.NEW_AND_OLD_IMAGES
   */
  readonly streamViewType?: dynamodb.StreamViewType;
  /**
   * A Number attribute with an expiry time in epoch seconds (DB5), a name of 1–255 characters.
   * Expired items may be read until deleted (up to 48 h later): filter them in queries.
   * @default - no TTL
   */
  readonly timeToLiveAttribute?: string;
  /**
   * Global secondary indexes (they can also be added later).
   * @default - none
   */
  readonly globalSecondaryIndexes?: dynamodb.GlobalSecondaryIndexProps[];
  /**
   * Local secondary indexes: only at creation, at most 5 (DB6).
   * @default - none
   */
  readonly localSecondaryIndexes?: dynamodb.LocalSecondaryIndexProps[];
  /**
   * A physical name: 3–255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
   * @default - generated
   */
  readonly tableName?: string;
}

/** Properties of a TableStreamProcessor. */
export interface TableStreamProcessorProps extends ProcessorProps {
  /**
   * An existing table with a stream. Mutually exclusive with `tableProps`.
   * @default - a table is created from `tableProps`
   */
  readonly table?: dynamodb.ITable;
  /**
   * The table to create. Mutually exclusive with `table`.
   * @default - none; `table` must be given
   */
  readonly tableProps?: StreamTableProps;
  /**
   * Where to start reading the stream (ES2).
   * @default StartingPosition.TRIM_HORIZON
   */
  readonly startingPosition?: lambda.StartingPosition;
  /**
   * Records per batch, 1–10,000 (ES2).
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * How long to gather records before invoking, 0–300 s (ES2); useful for low traffic.
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Concurrent batches per shard, 1–10 (ES2). A processor created from `processor` reserves
   * parallelization factor × 4 executions; 10 × 4 when the factor is a token.
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Retries of a failed batch, 0–10,000 (ES1). Infinite retries (the value `-1`: retry until the
   * record expires) are rejected unless `allowInfiniteRetries` is set.
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * Allow `retryAttempts: -1`. A poison record then blocks its shard for up to 24 hours.
   * @default false
   */
  readonly allowInfiniteRetries?: boolean;
  /**
   * The age after which records go to the failure destination, 60 s – 24 h (ES1): a DynamoDB
   * stream keeps records 24 h, so a longer age would never be reached. The failure message holds
   * the shard and sequence numbers of the batch, not its records: keep the age well below 24 h so
   * that they can still be read from the stream. It must be a literal duration (aws-cdk-lib
   * compares it at synth).
   * @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
  /**
   * Event filtering: only matching records invoke the processor (`lambda.FilterCriteria.filter(...)`).
   * @default - every record
   */
  readonly filters?: Array<{ [key: string]: any }>;
  /**
   * A standard SQS queue for discarded batches (ES1); Lambda does not send to FIFO queues. With a
   * customer-managed key, the processor may use exactly `kms:GenerateDataKey` and `kms:Decrypt` on
   * it. Mutually exclusive with `failureTopic`.
   * @default - an encrypted, SSL-only queue with 14-day retention and a depth alarm
   */
  readonly failureQueue?: sqs.IQueue;
  /**
   * A standard SNS topic for discarded batches instead of a queue, granted like `failureQueue`.
   * @default - a failure queue
   */
  readonly failureTopic?: sns.ITopic;
  /**
   * The iterator age that means the processor falls behind (OBS1), 1 s – 24 h (older records are
   * trimmed from the stream, so a higher threshold could never be reached).
   * @default Duration.minutes(1)
   */
  readonly iteratorAgeAlarmThreshold?: Duration;
}

/** The mapping's numbers after defaults. */
interface MappingValues {
  readonly parallelizationFactor: number;
  readonly retryAttempts: number;
  readonly maxRecordAge: Duration;
  readonly batchSize: number;
}

/**
 * DynamoDB stream → Lambda that never loses or blocks a record (ES1, ES2, DB1–DB6): bisect on
 * error, bounded retries and record age, partial batch responses, an on-failure destination, and
 * alarms on iterator age, the failure queue and function errors. A processor created from
 * `processor` reserves what the mapping can use: parallelization factor × 4 shards (FN5).
 */
export class TableStreamProcessor extends Construct {
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

  constructor(scope: Construct, id: string, props: TableStreamProcessorProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const parallelizationFactor = props.parallelizationFactor ?? STREAM_DEFAULTS.parallelizationFactor;
    const retryAttempts = props.retryAttempts ?? STREAM_DEFAULTS.retryAttempts;
    const maxRecordAge = props.maxRecordAge ?? Duration.seconds(STREAM_DEFAULTS.maxRecordAgeSeconds);
    const batchSize = props.batchSize ?? STREAM_DEFAULTS.batchSize;
    this.validateMapping(props, { parallelizationFactor, retryAttempts, maxRecordAge, batchSize });
    const iteratorAge = props.iteratorAgeAlarmThreshold ?? Duration.seconds(STREAM_DEFAULTS.iteratorAgeAlarmSeconds);
    const iteratorAgeMillis = alarmThresholdOf(this, 'iteratorAgeAlarmThreshold', iteratorAge, DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS, 'milliseconds');

    this.table = this.createOrValidateTable(props);
    // FN5: what the mapping can use; with a token factor, what its largest value can use.
    const assumedFactor = knownNumber(parallelizationFactor) ?? STREAM_PARALLELIZATION_FACTOR.max;
    const processorProps = props.processor && {
      reservedConcurrency: ReservedConcurrency.of(assumedFactor * STREAM_DEFAULTS.assumedShards),
      ...props.processor,
    };
    const fn = guardedOrExistingFunction(this, 'Processor', 'processor', processorProps, props.processorFunction, props.alarmTopic);
    const reserved = knownNumber(fn.reservedConcurrency);
    const knownFactor = knownNumber(parallelizationFactor);
    if (reserved !== undefined && knownFactor !== undefined && reserved < knownFactor) {
      throw invalidProp(this, 'processor.reservedConcurrency', `must be at least the parallelization factor (${knownFactor}), or every shard is throttled`,
        reserved, 'FN5');
    }
    this.processor = fn.guarded;
    this.processorTarget = fn.target;
    this.processorErrorsAlarm = fn.errorsAlarm;

    if (!props.failureTopic) {
      this.failureQueue = props.failureQueue ?? createFailureQueue(this, 'FailureQueue');
      this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    }
    const streamRead = withExactStreamRead(this, this.table);
    this.eventSource = new sources.DynamoEventSource(streamRead.table, {
      startingPosition: props.startingPosition ?? lambda.StartingPosition.TRIM_HORIZON,
      batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      parallelizationFactor,
      retryAttempts,
      maxRecordAge,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      filters: props.filters,
      onFailure: props.failureTopic ? new ExactSnsOnFailure(props.failureTopic) : new ExactSqsOnFailure(this.failureQueue!),
    });
    this.eventSourceMapping = addEventSourceMapping(this.processorTarget, this.eventSource);
    const listStreamsPolicy = streamRead.listStreamsPolicy();
    if (listStreamsPolicy) this.eventSourceMapping.node.addDependency(listStreamsPolicy);
    if (retryAttempts === -1) {
      acknowledgeRule(this.eventSourceMapping, 'Guardrails-StreamFailureHandling[MaximumRetryAttempts]', 'ES1', 'infinite retries were explicitly requested (allowInfiniteRetries).');
    }

    this.iteratorAgeAlarm = createAlarm(this, 'IteratorAgeAlarm', {
      metric: this.processorTarget.metric('IteratorAge', { period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: iteratorAgeMillis,
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `${this.node.path}: stream records wait more than ${iteratorAge.toHumanString()}; the processor falls behind (OBS1).`,
    }, props.alarmTopic);
  }

  /** ES1, ES2: the mapping's numbers, each in its range; tokens are skipped. */
  private validateMapping(props: TableStreamProcessorProps, values: MappingValues): void {
    validateRange(this, 'batchSize', values.batchSize, STREAM_BATCH_SIZE);
    validateRange(this, 'maxBatchingWindow', secondsOf(props.maxBatchingWindow), BATCHING_WINDOW_SECONDS);
    validateRange(this, 'parallelizationFactor', values.parallelizationFactor, STREAM_PARALLELIZATION_FACTOR);
    if (!(values.retryAttempts === -1 && props.allowInfiniteRetries)) {
      if (values.retryAttempts === -1) {
        throw invalidProp(this, 'retryAttempts', 'must be bounded (0 to 10000); -1 retries until the record expires and needs allowInfiniteRetries: true', -1, 'ES1');
      }
      validateRange(this, 'retryAttempts', values.retryAttempts, STREAM_RETRY_ATTEMPTS);
    }
    if (values.maxRecordAge.isUnresolved()) {
      throw invalidProp(this, 'maxRecordAge', 'must be a literal duration: aws-cdk-lib compares it with 60 s – 7 days at synth', values.maxRecordAge.toString(), 'ES1');
    }
    validateRange(this, 'maxRecordAge', secondsOf(values.maxRecordAge), DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS);
    if (props.failureQueue && props.failureTopic) {
      throw invalidProp(this, 'failureQueue/failureTopic', 'give at most one on-failure destination', 'both', 'ES1');
    }
    const fifoDestination = props.failureQueue?.fifo ? 'failureQueue' : props.failureTopic?.fifo ? 'failureTopic' : undefined;
    if (fifoDestination) {
      throw invalidProp(this, fifoDestination, 'must be a standard queue or topic: Lambda sends discarded stream batches to standard destinations only',
        (props.failureQueue ?? props.failureTopic)!.node.path, 'ES1');
    }
  }

  private createOrValidateTable(props: TableStreamProcessorProps): dynamodb.ITable {
    if ((props.table === undefined) === (props.tableProps === undefined)) {
      throw invalidProp(this, 'table/tableProps', 'give exactly one of `table` (an existing table with a stream) or `tableProps`', props.table ? 'both' : 'neither', 'DB4');
    }
    if (props.table) {
      if (!props.table.tableStreamArn) {
        throw invalidProp(this, 'table', 'must have a stream (create it with a StreamViewType)', props.table.node.path, 'DB4');
      }
      return props.table;
    }
    return createStreamTable(this, props.tableProps!);
  }
}

/** DB1–DB6: the table of a stream processor. */
function createStreamTable(scope: Construct, props: StreamTableProps): dynamodb.Table {
  const local = props.localSecondaryIndexes ?? [];
  if (local.length > DYNAMODB_MAX_LOCAL_INDEXES) {
    throw invalidProp(scope, 'tableProps.localSecondaryIndexes', `must hold at most ${DYNAMODB_MAX_LOCAL_INDEXES} indexes`, `${local.length} indexes`, 'DB6');
  }
  validateFormat(scope, 'tableProps.tableName', props.tableName, DYNAMODB_TABLE_NAME);
  validateFormat(scope, 'tableProps.timeToLiveAttribute', props.timeToLiveAttribute, DYNAMODB_TTL_ATTRIBUTE_NAME);
  const capacity = props.provisionedCapacity;
  const targetUtilization = capacity && validateCapacity(scope, capacity);
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: props.partitionKey,
    sortKey: props.sortKey,
    tableName: props.tableName,
    billingMode: capacity ? dynamodb.BillingMode.PROVISIONED : dynamodb.BillingMode.PAY_PER_REQUEST,
    readCapacity: capacity?.minReadCapacity,
    writeCapacity: capacity?.minWriteCapacity,
    stream: props.streamViewType ?? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: props.encryptionKey ? dynamodb.TableEncryption.CUSTOMER_MANAGED : dynamodb.TableEncryption.DEFAULT,
    encryptionKey: props.encryptionKey,
    timeToLiveAttribute: props.timeToLiveAttribute,
  });
  if (capacity) {
    table.autoScaleReadCapacity({ minCapacity: capacity.minReadCapacity, maxCapacity: capacity.maxReadCapacity })
      .scaleOnUtilization({ targetUtilizationPercent: targetUtilization! });
    table.autoScaleWriteCapacity({ minCapacity: capacity.minWriteCapacity, maxCapacity: capacity.maxWriteCapacity })
      .scaleOnUtilization({ targetUtilizationPercent: targetUtilization! });
  }
  for (const index of props.globalSecondaryIndexes ?? []) table.addGlobalSecondaryIndex(index);
  for (const index of local) table.addLocalSecondaryIndex(index);
  return table;
}

/** DB1: capacity units in range, each maximum at least its minimum; returns the target utilization. */
function validateCapacity(scope: Construct, capacity: ProvisionedCapacity): number {
  const pairs = [['Read', capacity.minReadCapacity, capacity.maxReadCapacity], ['Write', capacity.minWriteCapacity, capacity.maxWriteCapacity]] as const;
  for (const [kind, min, max] of pairs) {
    validateRange(scope, `tableProps.provisionedCapacity.min${kind}Capacity`, min, DYNAMODB_CAPACITY_UNITS);
    validateRange(scope, `tableProps.provisionedCapacity.max${kind}Capacity`, max,
      { ...DYNAMODB_CAPACITY_UNITS, min: knownNumber(min) ?? DYNAMODB_CAPACITY_UNITS.min, unit: `${DYNAMODB_CAPACITY_UNITS.unit} (at least the minimum)` });
  }
  const target = capacity.targetUtilizationPercent ?? STREAM_DEFAULTS.targetUtilizationPercent;
  if (Token.isUnresolved(target)) {
    throw invalidProp(scope, 'tableProps.provisionedCapacity.targetUtilizationPercent', 'must be a literal number: aws-cdk-lib checks it against 10–90 % at synth',
      Token.asString(target), DYNAMODB_TARGET_UTILIZATION_PERCENT.practice);
  }
  validateRange(scope, 'tableProps.provisionedCapacity.targetUtilizationPercent', target, DYNAMODB_TARGET_UTILIZATION_PERCENT);
  return target;
}
