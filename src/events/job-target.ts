import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GuardedFunction } from '../function/guarded-function';
import { GuardedFunctionProps } from '../function/guarded-function-props';
import { ResilientStateMachine } from '../workflow/resilient-state-machine';

/** The kind of a JobTarget. */
export enum JobTargetKind {
  /** A guarded function the job creates. */
  FUNCTION = 'function',
  /** An existing guarded function. */
  GUARDED_FUNCTION = 'guardedFunction',
  /** A resilient state machine. */
  STATE_MACHINE = 'stateMachine',
  /** An SQS queue. */
  QUEUE = 'queue',
}

/**
 * What a ScheduledJob runs: a guarded function (invoked through its alias, asynchronously), a
 * ResilientStateMachine (an execution is started) or an SQS queue (a message is sent).
 */
export class JobTarget {
  /**
   * A guarded function the job creates from `props`. By default it reserves 1 concurrent
   * execution, so that runs never overlap, and keeps failed runs in an on-failure queue (FN9):
   * Scheduler invokes it asynchronously.
   */
  public static function(props: GuardedFunctionProps): JobTarget {
    return new JobTarget(JobTargetKind.FUNCTION, props);
  }

  /**
   * An existing guarded function, invoked through its alias. It must have `asyncInvocation` (FN9),
   * and, unless the job allows overlapping runs, a reserved concurrency of 1.
   */
  public static guardedFunction(fn: GuardedFunction): JobTarget {
    return new JobTarget(JobTargetKind.GUARDED_FUNCTION, undefined, fn);
  }

  /**
   * A ResilientStateMachine: each run starts an execution. Step Functions cannot refuse a second
   * execution while one runs, so the job must allow overlapping runs explicitly.
   */
  public static stateMachine(machine: ResilientStateMachine): JobTarget {
    return new JobTarget(JobTargetKind.STATE_MACHINE, undefined, undefined, machine);
  }

  /**
   * An SQS queue: each run sends a message. Runs do not overlap on a FIFO queue (one message group,
   * `messageGroupId`, is consumed one message at a time); a standard queue needs the job to allow
   * overlapping runs. A FIFO queue needs content-based deduplication (Scheduler sends no
   * deduplication ID); the default input differs for every run, so no run is taken for a duplicate.
   * @param messageGroupId the message group of a FIFO queue, default 'scheduled-job'
   */
  public static queue(queue: sqs.IQueue, messageGroupId?: string): JobTarget {
    return new JobTarget(JobTargetKind.QUEUE, undefined, undefined, undefined, queue, messageGroupId);
  }

  private constructor(
    /** Function, guarded function, state machine or queue. */
    public readonly kind: JobTargetKind,
    /** The props of the function to create. */
    public readonly functionProps?: GuardedFunctionProps,
    /** The existing guarded function. */
    public readonly existingFunction?: GuardedFunction,
    /** The state machine. */
    public readonly targetStateMachine?: ResilientStateMachine,
    /** The queue. */
    public readonly targetQueue?: sqs.IQueue,
    /** The message group ID of a FIFO queue. */
    public readonly messageGroupId?: string,
  ) {}
}
