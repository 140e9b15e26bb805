import { RetryPolicy } from './retry-policy';
import { WORKFLOW_DEFAULTS } from '../core/defaults';
import { RETRY_INTERVAL_SECONDS, RETRY_MAX_ATTEMPTS, RETRY_MAX_DELAY_SECONDS, RETRY_MIN_BACKOFF_RATE } from '../core/limits';
import { knownNumber, outsideRange, PropsValidator, secondsOf } from '../core/validation';

/**
 * WF1: `policy` must render a retrier that Step Functions accepts and that means what it says: a
 * whole-second interval of 1 s or more, a finite backoff rate of at least 1 (NaN would render
 * `"BackoffRate": null`), a whole number of attempts, a whole-second max delay that is not below
 * the interval, each within Step Functions' limits. `prop` names the policy in the errors
 * (`retryPolicy`); defaults take part in the interval/max delay comparison; tokens are skipped.
 */
export function validateRetryPolicy(validator: PropsValidator, prop: string, policy: RetryPolicy = {}): void {
  const interval = secondsOf(policy.interval);
  const backoffRate = knownNumber(policy.backoffRate);
  const maxDelay = secondsOf(policy.maxDelay);
  validator.range(`${prop}.interval`, interval, RETRY_INTERVAL_SECONDS)
    .check(backoffRate !== undefined && !(Number.isFinite(backoffRate) && backoffRate >= RETRY_MIN_BACKOFF_RATE), `${prop}.backoffRate`,
      `must be a finite number, at least ${RETRY_MIN_BACKOFF_RATE}`, backoffRate, 'WF1')
    .range(`${prop}.maxAttempts`, policy.maxAttempts, RETRY_MAX_ATTEMPTS)
    .range(`${prop}.maxDelay`, maxDelay, RETRY_MAX_DELAY_SECONDS);

  const effectiveInterval = policy.interval === undefined ? WORKFLOW_DEFAULTS.retryIntervalSeconds : interval;
  const effectiveMaxDelay = policy.maxDelay === undefined ? WORKFLOW_DEFAULTS.retryMaxDelaySeconds : maxDelay;
  // Compared only when both are known and each in its range (a value out of range has its own line).
  if (effectiveInterval === undefined || effectiveMaxDelay === undefined || outsideRange(effectiveInterval, RETRY_INTERVAL_SECONDS)
    || outsideRange(effectiveMaxDelay, RETRY_MAX_DELAY_SECONDS) || effectiveMaxDelay >= effectiveInterval) return;
  if (policy.maxDelay === undefined) {
    validator.check(true, `${prop}.interval`,
      `must be at most the max delay (${WORKFLOW_DEFAULTS.retryMaxDelaySeconds} s by default): set ${prop}.maxDelay as well`, policy.interval, 'WF1');
  } else {
    validator.check(true, `${prop}.maxDelay`, `must be at least the interval (${effectiveInterval} s)`, policy.maxDelay, 'WF1');
  }
}
