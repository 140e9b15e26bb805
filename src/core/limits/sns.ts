import type { FormatRule } from '../rules';

/** Amazon SNS limits (MSG3). */

/** MSG3: a filter policy has at most 5 keys (for a message body policy: its leaf keys). */
export const SNS_FILTER_POLICY_MAX_KEYS = 5;
/** MSG3: the product of the numbers of values of a filter policy's keys must not exceed 150. */
export const SNS_FILTER_POLICY_MAX_COMBINATIONS = 150;
/** MSG3: a filter policy's JSON is at most 256 KB. */
export const SNS_FILTER_POLICY_MAX_BYTES = 256 * 1024;
/** MSG3: standard topic names: 1–256 characters of a-z, A-Z, 0-9, - and _. */
export const SNS_TOPIC_NAME: FormatRule = {
  rule: 'must be 1–256 characters of a-z, A-Z, 0-9, - and _ (only a FIFO topic\'s name ends in .fifo)',
  practice: 'MSG3',
  test: (name) => /^[a-zA-Z0-9_-]{1,256}$/.test(name),
};
/** MSG3: FIFO topic names: the same characters, ending in .fifo (added when missing), 256 characters in all. */
export const SNS_FIFO_TOPIC_NAME: FormatRule = {
  rule: 'must be 1–256 characters of a-z, A-Z, 0-9, - and _, ending in .fifo (added when missing)',
  practice: 'MSG3',
  test: (name) => /^[a-zA-Z0-9_-]{1,251}(\.fifo)?$/.test(name),
};
/** MSG3: a topic's display name is at most 100 characters. */
export const SNS_DISPLAY_NAME: FormatRule = {
  rule: 'must be at most 100 characters',
  practice: 'MSG3',
  test: (name) => name.length <= 100,
};
