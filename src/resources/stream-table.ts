import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { ProvisionedCapacity, StreamTableProps } from './stream-table-props';
import { STREAM_DEFAULTS } from '../core/defaults';
import { DYNAMODB_CAPACITY_UNITS, DYNAMODB_MAX_LOCAL_INDEXES, DYNAMODB_TABLE_NAME, DYNAMODB_TARGET_UTILIZATION_PERCENT, DYNAMODB_TTL_ATTRIBUTE_NAME } from '../core/limits';
import { knownNumber, PropsValidator } from '../core/validation';

/** DB1, DB2, DB5, DB6: checks the props of a stream table; `prefix` names them in the errors (`tableProps.`). */
export function validateStreamTableProps(validator: PropsValidator, prefix: string, props: StreamTableProps): void {
  const local = props.localSecondaryIndexes ?? [];
  validator.check(local.length > DYNAMODB_MAX_LOCAL_INDEXES, `${prefix}localSecondaryIndexes`, `must hold at most ${DYNAMODB_MAX_LOCAL_INDEXES} indexes`,
    `${local.length} indexes`, 'DB6');
  validator.format(`${prefix}tableName`, props.tableName, DYNAMODB_TABLE_NAME);
  validator.format(`${prefix}timeToLiveAttribute`, props.timeToLiveAttribute, DYNAMODB_TTL_ATTRIBUTE_NAME);
  if (props.provisionedCapacity) validateCapacity(validator, `${prefix}provisionedCapacity.`, props.provisionedCapacity);
}

/**
 * DB1–DB6: the table of a stream processor, its props checked with {@link validateStreamTableProps}:
 * a stream (NEW_AND_OLD_IMAGES by default), point-in-time recovery, deletion protection, retained;
 * on-demand, or provisioned with auto scaling on utilization.
 */
export function createStreamTable(scope: Construct, id: string, props: StreamTableProps): dynamodb.Table {
  const capacity = props.provisionedCapacity;
  const table = new dynamodb.Table(scope, id, {
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
    const targetUtilizationPercent = capacity.targetUtilizationPercent ?? STREAM_DEFAULTS.targetUtilizationPercent;
    table.autoScaleReadCapacity({ minCapacity: capacity.minReadCapacity, maxCapacity: capacity.maxReadCapacity })
      .scaleOnUtilization({ targetUtilizationPercent });
    table.autoScaleWriteCapacity({ minCapacity: capacity.minWriteCapacity, maxCapacity: capacity.maxWriteCapacity })
      .scaleOnUtilization({ targetUtilizationPercent });
  }
  for (const index of props.globalSecondaryIndexes ?? []) table.addGlobalSecondaryIndex(index);
  for (const index of props.localSecondaryIndexes ?? []) table.addLocalSecondaryIndex(index);
  return table;
}

/** DB1: capacity units in range, each maximum at least its minimum, a literal target utilization. */
function validateCapacity(validator: PropsValidator, prefix: string, capacity: ProvisionedCapacity): void {
  const pairs = [['Read', capacity.minReadCapacity, capacity.maxReadCapacity], ['Write', capacity.minWriteCapacity, capacity.maxWriteCapacity]] as const;
  for (const [kind, min, max] of pairs) {
    validator.range(`${prefix}min${kind}Capacity`, min, DYNAMODB_CAPACITY_UNITS);
    validator.range(`${prefix}max${kind}Capacity`, max,
      { ...DYNAMODB_CAPACITY_UNITS, min: knownNumber(min) ?? DYNAMODB_CAPACITY_UNITS.min, unit: `${DYNAMODB_CAPACITY_UNITS.unit} (at least the minimum)` });
  }
  const target = capacity.targetUtilizationPercent ?? STREAM_DEFAULTS.targetUtilizationPercent;
  validator.check(Token.isUnresolved(target), `${prefix}targetUtilizationPercent`, 'must be a literal number: aws-cdk-lib checks it against 10–90 % at synth',
    Token.isUnresolved(target) ? Token.asString(target) : target, DYNAMODB_TARGET_UTILIZATION_PERCENT.practice);
  validator.range(`${prefix}targetUtilizationPercent`, target, DYNAMODB_TARGET_UTILIZATION_PERCENT);
}
