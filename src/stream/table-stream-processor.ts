import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../core/acknowledge';
import {
  BATCHING_WINDOW_SECONDS, DYNAMODB_MAX_LOCAL_INDEXES, STREAM_BATCH_SIZE, STREAM_DEFAULTS, STREAM_MAX_RECORD_AGE_SECONDS,
  STREAM_PARALLELIZATION_FACTOR, STREAM_RETRY_ATTEMPTS,
} from '../core/limits';
import { invalidProp, secondsOf, validateRange } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { addEventSourceMapping, processorFunction } from '../function/processor-function';
import { ProcessorProps } from '../function/processor-props';
import { ReservedConcurrency } from '../function/reserved-concurrency';
import { createAlarm, queueDepthAlarm } from '../monitoring/alarms';
import { createFailureQueue } from '../queue/failure-queue';

/** DB1: the capacity of a provisioned table, scaled between min and max by utilization. */
export interface ProvisionedCapacity {
  /** Minimum read capacity units (RCU = reads/s × ceil(item KB / 4); eventual ÷ 2, transactional × 2). */
  readonly minReadCapacity: number;
  /** Maximum read capacity units. */
  readonly maxReadCapacity: number;
  /** Minimum write capacity units (WCU = writes/s × ceil(item KB / 1)). */
  readonly minWriteCapacity: number;
  /** Maximum write capacity units. */
  readonly maxWriteCapacity: number;
  /**
   * Target utilization of the auto scaling.
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
   * A Number attribute with an expiry time in epoch seconds (DB5). Expired items may be read until
   * deleted (up to 48 h later): filter them in queries.
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
   * A physical name.
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
   * Concurrent batches per shard, 1–10 (ES2).
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Retries of a failed batch, 0–10,000 (ES1). -1 (retry until the record expires) is rejected
   * unless `allowInfiniteRetries` is set.
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * Allow `retryAttempts: -1`. A poison record then blocks its shard for up to 24 hours.
   * @default false
   */
  readonly allowInfiniteRetries?: boolean;
  /**
   * The age after which records go to the failure destination, 60 s – 7 days (ES1).
   * @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
  /**
   * Event filtering: only matching records invoke the processor (`lambda.FilterCriteria.filter(...)`).
   * @default - every record
   */
  readonly filters?: Array<{ [key: string]: any }>;
  /**
   * An SQS queue for discarded batches (ES1). Mutually exclusive with `failureTopic`.
   * @default - an encrypted, SSL-only queue with 14-day retention and a depth alarm
   */
  readonly failureQueue?: sqs.IQueue;
  /**
   * An SNS topic for discarded batches instead of a queue.
   * @default - a failure queue
   */
  readonly failureTopic?: sns.ITopic;
  /**
   * The iterator age that means the processor falls behind (OBS1).
   * @default Duration.minutes(1)
   */
  readonly iteratorAgeAlarmThreshold?: Duration;
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
    const parallelizationFactor = props.parallelizationFactor ?? STREAM_DEFAULTS.parallelizationFactor;
    const retryAttempts = props.retryAttempts ?? STREAM_DEFAULTS.retryAttempts;
    const maxRecordAge = props.maxRecordAge ?? Duration.seconds(STREAM_DEFAULTS.maxRecordAgeSeconds);
    const batchSize = props.batchSize ?? STREAM_DEFAULTS.batchSize;
    validateRange(this, 'batchSize', batchSize, STREAM_BATCH_SIZE);
    validateRange(this, 'maxBatchingWindow', secondsOf(props.maxBatchingWindow), BATCHING_WINDOW_SECONDS);
    validateRange(this, 'parallelizationFactor', parallelizationFactor, STREAM_PARALLELIZATION_FACTOR);
    if (!(retryAttempts === -1 && props.allowInfiniteRetries)) {
      if (retryAttempts === -1) {
        throw invalidProp(this, 'retryAttempts', 'must be bounded (0 to 10000); -1 retries until the record expires and needs allowInfiniteRetries: true', -1, 'ES1');
      }
      validateRange(this, 'retryAttempts', retryAttempts, STREAM_RETRY_ATTEMPTS);
    }
    validateRange(this, 'maxRecordAge', secondsOf(maxRecordAge), STREAM_MAX_RECORD_AGE_SECONDS);
    if (props.failureQueue && props.failureTopic) {
      throw invalidProp(this, 'failureQueue/failureTopic', 'give at most one on-failure destination', 'both', 'ES1');
    }

    this.table = this.createOrValidateTable(props);
    const processorProps = props.processor && {
      reservedConcurrency: ReservedConcurrency.of(parallelizationFactor * STREAM_DEFAULTS.assumedShards),
      ...props.processor,
    };
    const fn = processorFunction(this, 'Processor', 'processor', processorProps, props.processorFunction, props.alarmTopic);
    if (fn.reservedConcurrency !== undefined && fn.reservedConcurrency < parallelizationFactor) {
      throw invalidProp(this, 'processor.reservedConcurrency', `must be at least the parallelization factor (${parallelizationFactor}), or every shard is throttled`,
        fn.reservedConcurrency, 'FN5');
    }
    this.processor = fn.guarded;
    this.processorTarget = fn.target;
    this.processorErrorsAlarm = fn.errorsAlarm;

    if (!props.failureTopic) {
      this.failureQueue = props.failureQueue ?? createFailureQueue(this, 'FailureQueue');
      this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    }
    this.eventSource = new sources.DynamoEventSource(this.table, {
      startingPosition: props.startingPosition ?? lambda.StartingPosition.TRIM_HORIZON,
      batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      parallelizationFactor,
      retryAttempts,
      maxRecordAge,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      filters: props.filters,
      onFailure: props.failureTopic ? new sources.SnsDlq(props.failureTopic) : new sources.SqsDlq(this.failureQueue!),
    });
    this.eventSourceMapping = addEventSourceMapping(this.processorTarget, this.eventSource);
    if (retryAttempts === -1) {
      acknowledgeRule(this.eventSourceMapping, 'Guardrails-StreamFailureHandling[MaximumRetryAttempts]', 'ES1', 'infinite retries were explicitly requested (allowInfiniteRetries).');
    }

    const iteratorAge = props.iteratorAgeAlarmThreshold ?? Duration.seconds(STREAM_DEFAULTS.iteratorAgeAlarmSeconds);
    this.iteratorAgeAlarm = createAlarm(this, 'IteratorAgeAlarm', {
      metric: this.processorTarget.metric('IteratorAge', { period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: iteratorAge.toMilliseconds(),
      comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      description: `${this.node.path}: stream records wait more than ${iteratorAge.toHumanString()}; the processor falls behind (OBS1).`,
    }, props.alarmTopic);
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
  const capacity = props.provisionedCapacity;
  if (capacity) {
    for (const [kind, min, max] of [['Read', capacity.minReadCapacity, capacity.maxReadCapacity], ['Write', capacity.minWriteCapacity, capacity.maxWriteCapacity]] as const) {
      validateRange(scope, `tableProps.provisionedCapacity.min${kind}Capacity`, min, { min: 1, max: 40_000, unit: 'capacity units', practice: 'DB1', integer: true });
      validateRange(scope, `tableProps.provisionedCapacity.max${kind}Capacity`, max, { min: min, max: 40_000, unit: 'capacity units (at least the minimum)', practice: 'DB1', integer: true });
    }
  }
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
    const target = capacity.targetUtilizationPercent ?? 70;
    table.autoScaleReadCapacity({ minCapacity: capacity.minReadCapacity, maxCapacity: capacity.maxReadCapacity })
      .scaleOnUtilization({ targetUtilizationPercent: target });
    table.autoScaleWriteCapacity({ minCapacity: capacity.minWriteCapacity, maxCapacity: capacity.maxWriteCapacity })
      .scaleOnUtilization({ targetUtilizationPercent: target });
  }
  for (const index of props.globalSecondaryIndexes ?? []) table.addGlobalSecondaryIndex(index);
  for (const index of local) table.addLocalSecondaryIndex(index);
  return table;
}
