import { Duration } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { JobSchedule } from './job-schedule';
import { JobTarget } from './job-target';
import { AlarmOptions } from '../observability/alarm-options';

/** Properties of a ScheduledJob. */
export interface ScheduledJobProps extends AlarmOptions {
  /** When the job runs: a cron expression or a one-time date, each in an explicit time zone, or a rate. */
  readonly schedule: JobSchedule;
  /** What the job runs: a guarded function, a ResilientStateMachine or an SQS queue. */
  readonly target: JobTarget;
  /**
   * What each run receives.
   * @default - a JSON object with the schedule's ARN, the run's scheduled time, its execution ID
   * (a key for idempotency, ES5) and its attempt number
   */
  readonly input?: scheduler.ScheduleTargetInput;
  /**
   * How often Scheduler retries handing a run to the target, 0–185 (EV1). It covers the hand-over
   * (invoke, start, send) only: a function's own errors are retried by Lambda's asynchronous
   * invocation (FN9).
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps trying to hand a run over, 60 s – 24 hours (EV1). Then the run goes to
   * the DLQ.
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
  /**
   * A window of 1–1,440 whole minutes after the scheduled time in which Scheduler may start the run,
   * to spread load. Off by default: runs start at their scheduled time.
   * @default - off
   */
  readonly flexibleTimeWindow?: Duration;
  /**
   * Whether the schedule is enabled.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Whether runs may overlap. By default they may not: a job's own function reserves 1 concurrent
   * execution (a run that would overlap waits in Lambda's asynchronous queue), an existing guarded
   * function must reserve 1, and a queue must be FIFO. A state machine or a standard queue cannot
   * prevent overlapping runs: set this to true to use them, after making the work safe to overlap.
   * @default false
   */
  readonly allowOverlap?: boolean;
  /**
   * The schedule's name (and its group's): 1–64 characters of a-z, A-Z, 0-9, `.`, `-` and `_`.
   * @default - generated
   */
  readonly scheduleName?: string;
  /**
   * A description, at most 512 characters.
   * @default - none
   */
  readonly description?: string;
}
