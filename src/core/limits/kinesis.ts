import type { RangeLimit, FormatRule } from '../rules';

/** Amazon Kinesis Data Streams limits (ES1, ES2). */

/** ES1: a Kinesis stream keeps records from 24 hours (its default) to 365 days. */
export const KINESIS_RETENTION_HOURS: RangeLimit = { min: 24, max: 8_760, unit: 'h', practice: 'ES1', integer: true };
/** ES2: the shards of a provisioned stream (at least 1; the account's shard quota caps the total). */
export const KINESIS_SHARD_COUNT: RangeLimit = { min: 1, max: 10_000, unit: 'shards', practice: 'ES2', integer: true };
/** ES2: a tumbling window aggregates state over 0–900 s. */
export const STREAM_TUMBLING_WINDOW_SECONDS: RangeLimit = { min: 0, max: 900, unit: 's', practice: 'ES2', integer: true };
/** ES2: stream and consumer names: 1–128 characters of a-z, A-Z, 0-9, _, - and . (Kinesis' naming rule). */
export const KINESIS_NAME: FormatRule = {
  rule: 'must be 1–128 characters of a-z, A-Z, 0-9, _, - and .',
  practice: 'ES2',
  test: (name) => /^[a-zA-Z0-9_.-]{1,128}$/.test(name),
};
