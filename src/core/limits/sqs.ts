import type { RangeLimit, FormatRule } from '../rules';

/** Amazon SQS limits and defaults (MSG, ES3, ES4). */

/** ES3: the visibility timeout SQS uses when a template leaves it out. */
export const SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
/** MSG1: SQS default message retention (4 days) when MessageRetentionPeriod is not set. */
export const SQS_DEFAULT_RETENTION_SECONDS = 345_600;
/** SQS visibility timeout range. */
export const SQS_VISIBILITY_TIMEOUT_SECONDS: RangeLimit = { min: 0, max: 43_200, unit: 's', practice: 'ES3', integer: true };
/** ES4/MSG1: receives before a message moves to the DLQ. */
export const SQS_MAX_RECEIVE_COUNT: RangeLimit = { min: 1, max: 1_000, unit: 'receives', practice: 'ES4', integer: true };
/** MSG1: SQS retention range (1 minute – 14 days). */
export const SQS_RETENTION_SECONDS: RangeLimit = { min: 60, max: 1_209_600, unit: 's', practice: 'MSG1', integer: true };
/** OBS1: the age of the oldest message can reach at most the 14-day maximum retention. */
export const SQS_OLDEST_MESSAGE_ALARM_SECONDS: RangeLimit = { min: 1, max: 1_209_600, unit: 's', practice: 'OBS1' };
/** MSG1: standard queue names: 1–80 characters of a-z, A-Z, 0-9, - and _ (so never ending in .fifo). */
export const SQS_QUEUE_NAME: FormatRule = {
  rule: 'must be 1–80 characters of a-z, A-Z, 0-9, - and _ (only a FIFO queue\'s name ends in .fifo)',
  practice: 'MSG1',
  test: (name) => /^[a-zA-Z0-9_-]{1,80}$/.test(name),
};
/** MSG2: FIFO queue names: the same characters, ending in .fifo, 80 characters in all. */
export const SQS_FIFO_QUEUE_NAME: FormatRule = {
  rule: 'must be 1–80 characters of a-z, A-Z, 0-9, - and _ ending in .fifo (a FIFO queue)',
  practice: 'MSG2',
  test: (name) => /^[a-zA-Z0-9_-]{1,75}\.fifo$/.test(name),
};
