import type { RangeLimit, FormatRule } from '../rules';
import { STREAM_MAX_RECORD_AGE_SECONDS } from './lambda-event-sources';

/** Amazon DynamoDB and DynamoDB Streams limits (DB, ES1). */

/** ES1/DB4: a DynamoDB stream keeps each record for 24 hours after it was written, then trims it. */
export const DYNAMODB_STREAM_RETENTION_SECONDS = 24 * 3_600;
/** ES1: a record age above the stream's retention is never reached (the record is trimmed first). */
export const DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS: RangeLimit = {
  ...STREAM_MAX_RECORD_AGE_SECONDS,
  max: DYNAMODB_STREAM_RETENTION_SECONDS,
  unit: 's (a DynamoDB stream keeps records 24 h)',
};
/** OBS1: an iterator age above the stream's retention is never reached, so the alarm could never fire. */
export const DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS: RangeLimit = {
  min: 1, max: DYNAMODB_STREAM_RETENTION_SECONDS, unit: 's (a DynamoDB stream keeps records 24 h)', practice: 'OBS1',
};
/** DB6: local secondary indexes can only be created with the table, at most 5. */
export const DYNAMODB_MAX_LOCAL_INDEXES = 5;
/** DB1: provisioned read or write capacity units of a table (the default per-table quota is 40,000). */
export const DYNAMODB_CAPACITY_UNITS: RangeLimit = { min: 1, max: 40_000, unit: 'capacity units', practice: 'DB1', integer: true };
/** DB1: the target utilization Application Auto Scaling accepts for DynamoDB capacity. */
export const DYNAMODB_TARGET_UTILIZATION_PERCENT: RangeLimit = { min: 10, max: 90, unit: '%', practice: 'DB1' };
/** DB2: table names: 3–255 characters of a-z, A-Z, 0-9, _, - and . (DynamoDB's naming rule). */
export const DYNAMODB_TABLE_NAME: FormatRule = {
  rule: 'must be 3–255 characters of a-z, A-Z, 0-9, _, - and .',
  practice: 'DB2',
  test: (name) => /^[a-zA-Z0-9_.-]{3,255}$/.test(name),
};
/** DB5: the TTL attribute's name: 1–255 characters. */
export const DYNAMODB_TTL_ATTRIBUTE_NAME: FormatRule = {
  rule: 'must be 1–255 characters',
  practice: 'DB5',
  test: (name) => name.length >= 1 && name.length <= 255,
};
/** DB1: a DynamoDB item holds at most 400 KB. */
export const DYNAMODB_ITEM_SIZE_KB: RangeLimit = { min: 0, max: 400, unit: 'KB', practice: 'DB1' };
/** DB1: one write capacity unit writes one item of up to 1 KB per second (one write request unit, on demand). */
export const DYNAMODB_WRITE_UNIT_KB = 1;
/** DB1: one read capacity unit reads one item of up to 4 KB per second, strongly consistent (one read request unit, on demand). */
export const DYNAMODB_READ_UNIT_KB = 4;
/**
 * DB1: DynamoDB prices of the Standard table class in us-east-1 (N. Virginia), in USD, as of
 * November 2024 (on-demand prices halved on 1 November 2024). Other regions cost more: compare
 * the ratio, not the dollars.
 */
export const DYNAMODB_PRICES_US_EAST_1_2024_11 = {
  /** Provisioned: one write capacity unit for one hour. */
  wcuHour: 0.00065,
  /** Provisioned: one read capacity unit for one hour. */
  rcuHour: 0.00013,
  /** On demand: one million write request units. */
  millionWriteRequestUnits: 0.625,
  /** On demand: one million read request units. */
  millionReadRequestUnits: 0.125,
} as const;

/**
 * DB7: the item actions whose requests name their partition keys, so that `dynamodb:LeadingKeys`
 * limits them to a user's own rows (DynamoDB's fine-grained access control). A Scan names no key:
 * under `ForAllValues` its empty key set would match, so it reads every row, and is never one of them.
 */
export const DYNAMODB_ROW_LEVEL_ACTIONS = [
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem',
  'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
] as const;
/** DB7: the actions of DYNAMODB_ROW_LEVEL_ACTIONS that only read. */
export const DYNAMODB_ROW_LEVEL_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;
