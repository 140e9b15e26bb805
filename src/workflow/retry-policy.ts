import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * WF1: how the default retrier of a state retries its transient errors.
 */
export interface RetryPolicy {
  /**
   * Wait before the first retry.
   * @default Duration.seconds(2)
   */
  readonly interval?: Duration;
  /**
   * Multiplier of the wait for each further retry; at least 1.
   * @default 2
   */
  readonly backoffRate?: number;
  /**
   * Retries after the first attempt; 0 or more.
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Longest wait between two attempts.
   * @default Duration.seconds(30)
   */
  readonly maxDelay?: Duration;
  /**
   * Jitter spreads retries of many executions over time.
   * @default JitterType.FULL
   */
  readonly jitter?: sfn.JitterType;
}
