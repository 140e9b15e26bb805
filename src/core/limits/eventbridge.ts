import type { RangeLimit } from '../rules';

/** Amazon EventBridge target limits (EV1). */

/** EV1: an EventBridge target's retry policy: at most 185 retries and 24 hours. */
export const EVENT_TARGET_MAX_RETRY_ATTEMPTS = 185;
export const EVENT_TARGET_MAX_EVENT_AGE_SECONDS = 86_400;
/** EV1: the ranges of a target's retry policy, for validation. */
export const EVENT_TARGET_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: EVENT_TARGET_MAX_RETRY_ATTEMPTS, unit: 'retries', practice: 'EV1', integer: true };
export const EVENT_TARGET_MAX_EVENT_AGE: RangeLimit = { min: 60, max: EVENT_TARGET_MAX_EVENT_AGE_SECONDS, unit: 's', practice: 'EV1', integer: true };
