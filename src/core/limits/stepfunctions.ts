import type { RangeLimit } from '../rules';

/** AWS Step Functions limits (WF practices), as the Amazon States Language accepts them. */

/** WF4: an EXPRESS state machine runs at most 5 minutes. */
export const EXPRESS_STATE_MACHINE_MAX_SECONDS = 300;
/** WF4: a STANDARD execution runs at most one year. */
export const STANDARD_STATE_MACHINE_MAX_SECONDS = 365 * 24 * 3_600;
/** WF2: state machine timeout (1 s – 1 year; EXPRESS at most 300 s, WF4). */
export const STATE_MACHINE_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: STANDARD_STATE_MACHINE_MAX_SECONDS, unit: 's', practice: 'WF2', integer: true };
/**
 * WF1: a retrier's fields, as Step Functions accepts them (the ASL schema of
 * aws/amazon-states-language-service): IntervalSeconds and MaxAttempts up to 99,999,999,
 * MaxDelaySeconds 1 s – 366 days, BackoffRate at least 1 (the schema sets no maximum).
 */
export const RETRY_INTERVAL_SECONDS: RangeLimit = { min: 1, max: 99_999_999, unit: 's', practice: 'WF1', integer: true };
export const RETRY_MAX_ATTEMPTS: RangeLimit = { min: 0, max: 99_999_999, unit: 'retries', practice: 'WF1', integer: true };
export const RETRY_MAX_DELAY_SECONDS: RangeLimit = { min: 1, max: 31_622_400, unit: 's', practice: 'WF1', integer: true };
export const RETRY_MIN_BACKOFF_RATE = 1;
/** WF2: a task's TimeoutSeconds, a positive whole number of seconds (ASL: at most 99,999,999). */
export const TASK_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: 99_999_999, unit: 's', practice: 'WF2', integer: true };
