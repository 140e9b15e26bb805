import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * WF1: how the default retrier of a state retries its transient errors.
 */
export interface RetryPolicy {
  /**
   * Wait before the first retry.
   *
   * Whole seconds from 1 s to 99,999,999 s (Step Functions' IntervalSeconds), and at most the max
   * delay: an interval above the default max delay of 30 s needs `maxDelay` as well (WF1).
   * @default Duration.seconds(2)
   */
  readonly interval?: Duration;
  /**
   * Multiplier of the wait for each further retry.
   *
   * A finite number, at least 1: NaN or Infinity would render `"BackoffRate": null` (WF1).
   * @default 2
   */
  readonly backoffRate?: number;
  /**
   * Retries after the first attempt.
   *
   * A whole number from 0 to 99,999,999 (Step Functions' MaxAttempts) (WF1).
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Longest wait between two attempts.
   *
   * Whole seconds from 1 s to 31,622,400 s (366 days, Step Functions' MaxDelaySeconds), and at
   * least the interval (WF1).
   * @default Duration.seconds(30)
   */
  readonly maxDelay?: Duration;
  /**
   * Jitter spreads retries of many executions over time.
   * @default JitterType.FULL
   */
  readonly jitter?: sfn.JitterType;
}
