import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RetryPolicy } from './retry-policy';
import { AlarmOptions } from '../observability/alarm-options';

/** A state that deliberately goes without the library's default Retry and/or Catch (WF1). */
export interface StateOptOut {
  /** The state. */
  readonly state: sfn.State;
  /** Why: kept in the construct metadata and as the nag acknowledgement. */
  readonly reason: string;
  /**
   * Opt out of the default Retry.
   * @default true
   */
  readonly retry?: boolean;
  /**
   * Opt out of the default Catch.
   * @default true
   */
  readonly catch?: boolean;
}

/** Properties of a ResilientStateMachine. */
export interface ResilientStateMachineProps extends AlarmOptions {
  /** The workflow: a state or a chain. */
  readonly definition: sfn.IChainable;
  /**
   * STANDARD (up to a year, exactly once) or EXPRESS (up to 5 minutes, at least once) (WF4).
   *
   * An EXPRESS machine must not use an integration that waits for a job or a callback (a task
   * Resource ending in `.sync`, `.sync:2` or `.waitForTaskToken`, i.e. `IntegrationPattern.RUN_JOB`
   * or `WAIT_FOR_TASK_TOKEN`), nor a Wait over 300 s, and its timeout is at most 300 s: each is
   * an error at synth (WF4).
   * @default StateMachineType.STANDARD
   */
  readonly stateMachineType?: sfn.StateMachineType;
  /**
   * Execution timeout, whole seconds from 1 s to 1 year (WF2). At most 5 minutes for EXPRESS (WF4).
   * @default Duration.hours(1) for STANDARD, Duration.minutes(5) for EXPRESS
   */
  readonly timeout?: Duration;
  /**
   * Where every caught error goes (with the error under `$.error`).
   * @default - a task that sends the state to the encrypted SQS failure queue, then a Fail state
   * that fails the execution with the original error and cause
   */
  readonly failureHandler?: sfn.IChainable;
  /**
   * The retry policy of the default retriers of Task states (WF1). Parallel and Map states get none:
   * their inner tasks retry.
   * @default - 2 s interval, backoff rate 2, 3 attempts, at most 30 s, full jitter
   */
  readonly retryPolicy?: RetryPolicy;
  /**
   * States that go without the default Retry and/or Catch, each with a reason. Each must be a
   * state of the definition.
   * @default - none
   */
  readonly optOuts?: StateOptOut[];
  /**
   * Retention of the execution log group (WF3). Must be finite.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * A physical name.
   * @default - generated
   */
  readonly stateMachineName?: string;
  /**
   * A comment in the definition.
   * @default - none
   */
  readonly comment?: string;
}
