/** Amazon EventBridge target limits (EV1). */

/** EV1: an EventBridge target's retry policy: at most 185 retries and 24 hours. */
export const EVENT_TARGET_MAX_RETRY_ATTEMPTS = 185;
export const EVENT_TARGET_MAX_EVENT_AGE_SECONDS = 86_400;
