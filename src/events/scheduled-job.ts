import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ExactSqsSendMessage } from './exact-sqs-send-message';
import { JobTarget, JobTargetKind } from './job-target';
import { ScheduledJobProps } from './scheduled-job-props';
import { SCHEDULED_JOB_DEFAULTS } from '../core/defaults';
import {
  SCHEDULE_NAME, SCHEDULER_DESCRIPTION_MAX_LENGTH, SCHEDULER_FLEXIBLE_WINDOW_MINUTES, SCHEDULER_MAX_EVENT_AGE_SECONDS,
  SCHEDULER_MESSAGE_GROUP_ID, SCHEDULER_RETRY_ATTEMPTS,
} from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { knownNumber, PropsValidator, secondsOf } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { ReservedConcurrency, ReservedConcurrencyMode } from '../function/reserved-concurrency';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import {
  scheduleDeadLetterFailuresAlarm, scheduleDroppedAlarm, scheduleKeyMetrics, scheduleTargetErrorsAlarm,
} from '../observability/scheduler-alarms';
import { failureQueueDepthMetric, queueDepthAlarm } from '../observability/sqs-alarms';
import { createFailureQueue } from '../resources/failure-queue';

/**
 * Scheduled work that never drops a run (EV1): an EventBridge Scheduler schedule (cron, rate or
 * one time, in an explicit time zone) with a bounded retry policy, an encrypted dead-letter queue
 * with a depth alarm, an execution role that may reach only its target, a schedule group of its
 * own (so its metrics are its own) with alarms on target errors, dropped runs and failed DLQ
 * deliveries, and runs that do not overlap unless allowed.
 */
export class ScheduledJob extends MonitoredConstruct {
  /** The schedule (L2). */
  public readonly schedule: scheduler.Schedule;
  /** The job's own schedule group: Scheduler's metrics are per group. */
  public readonly scheduleGroup: scheduler.ScheduleGroup;
  /** The role Scheduler assumes: it may reach the target and send to the DLQ, nothing else. */
  public readonly role: iam.Role;
  /** Where runs go that could not be handed to the target (EV1). */
  public readonly deadLetterQueue: sqs.IQueue;
  /** The job's guarded function, when the target is one (created or given). */
  public readonly jobFunction?: GuardedFunction;
  /** Fires when the DLQ holds a run (OBS1). */
  public readonly deadLetterQueueDepthAlarm: cloudwatch.Alarm;
  /** Fires when the target returns errors as runs are handed over (OBS1). */
  public readonly targetErrorsAlarm: cloudwatch.Alarm;
  /** Fires when Scheduler drops a run (OBS1). */
  public readonly droppedInvocationsAlarm: cloudwatch.Alarm;
  /** Fires when a failed run cannot be sent to the DLQ (OBS1). */
  public readonly deadLetterFailuresAlarm: cloudwatch.Alarm;
  /** Invocation attempts, target errors, dropped runs, runs sent to the DLQ and the DLQ's depth (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the scheduled job
   * @param id the ID of the scheduled job, unique within `scope`
   * @param props the schedule, the target and the retries
   */
  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const validator = new PropsValidator(this);
    const allowOverlap = props.allowOverlap ?? false;
    const retryAttempts = props.retryAttempts ?? SCHEDULED_JOB_DEFAULTS.retryAttempts;
    const maxEventAge = props.maxEventAge ?? Duration.seconds(SCHEDULED_JOB_DEFAULTS.maxEventAgeSeconds);
    props.schedule._validate(validator, 'schedule');
    validator.range('retryAttempts', retryAttempts, SCHEDULER_RETRY_ATTEMPTS)
      .range('maxEventAge', secondsOf(maxEventAge), SCHEDULER_MAX_EVENT_AGE_SECONDS)
      .range('flexibleTimeWindow', minutesOf(props.flexibleTimeWindow), SCHEDULER_FLEXIBLE_WINDOW_MINUTES)
      .format('scheduleName', props.scheduleName, SCHEDULE_NAME)
      .check(props.description !== undefined && !Token.isUnresolved(props.description) && props.description.length > SCHEDULER_DESCRIPTION_MAX_LENGTH,
        'description', `must be at most ${SCHEDULER_DESCRIPTION_MAX_LENGTH} characters`, `${props.description?.length} characters`, 'EV1')
      .tokenDurationUnit('maxEventAge', maxEventAge, ['seconds'], 'EV1')
      .tokenDurationUnit('flexibleTimeWindow', props.flexibleTimeWindow, ['minutes'], 'EV1');
    validateTarget(validator, props.target, allowOverlap);
    this.jobFunction = props.target.kind === JobTargetKind.FUNCTION
      ? validator.attempt(() => createJobFunction(this, props, allowOverlap))
      : props.target.existingFunction;
    validator.throwIfInvalid();

    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Group', { scheduleGroupName: props.scheduleName });
    this.role = new iam.Role(this, 'Role', {
      // SEC2: only schedules of this job's group, in this account, may assume the role.
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account, 'aws:SourceArn': this.scheduleGroup.scheduleGroupArn },
        },
      }),
      description: `Role of the schedule ${this.node.path}: reaches its target and its DLQ only (EV1)`,
    });
    // Scheduler's DLQ must be a standard queue; the failure queue is one: encrypted, SSL only, 14 days, retained.
    this.deadLetterQueue = createFailureQueue(this, 'DeadLetterQueue');
    // aws-cdk-lib's targets check the retry policy without skipping tokens: tokens go in after it.
    const retryPolicyKnown = knownNumber(retryAttempts) !== undefined && secondsOf(maxEventAge) !== undefined;
    const target = this.scheduleTarget(props, {
      role: this.role,
      deadLetterQueue: this.deadLetterQueue,
      input: props.input ?? defaultInput(),
      retryAttempts: retryPolicyKnown ? retryAttempts : undefined,
      maxEventAge: retryPolicyKnown ? maxEventAge : undefined,
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: props.schedule._bind(),
      target,
      scheduleGroup: this.scheduleGroup,
      scheduleName: props.scheduleName,
      description: props.description,
      enabled: props.enabled ?? true,
      timeWindow: props.flexibleTimeWindow && !props.flexibleTimeWindow.isUnresolved()
        ? scheduler.TimeWindow.flexible(props.flexibleTimeWindow) : scheduler.TimeWindow.off(),
    });
    const cfnSchedule = this.schedule.node.defaultChild as scheduler.CfnSchedule;
    if (!retryPolicyKnown) {
      cfnSchedule.addPropertyOverride('Target.RetryPolicy',
        { MaximumRetryAttempts: retryAttempts, MaximumEventAgeInSeconds: maxEventAge.toSeconds({ integral: false }) });
    }
    // aws-cdk-lib's flexible window compares its duration at synth: a token (in minutes) goes in after it.
    if (props.flexibleTimeWindow?.isUnresolved()) {
      cfnSchedule.addPropertyOverride('FlexibleTimeWindow', { Mode: 'FLEXIBLE', MaximumWindowInMinutes: props.flexibleTimeWindow.toMinutes() });
    }

    this.deadLetterQueueDepthAlarm = queueDepthAlarm(this, 'DeadLetterQueueDepthAlarm', this.deadLetterQueue, props.alarmTopic);
    this.targetErrorsAlarm = scheduleTargetErrorsAlarm(this, 'TargetErrorsAlarm', this.scheduleGroup, props.alarmTopic);
    this.droppedInvocationsAlarm = scheduleDroppedAlarm(this, 'DroppedInvocationsAlarm', this.scheduleGroup, props.alarmTopic);
    this.deadLetterFailuresAlarm = scheduleDeadLetterFailuresAlarm(this, 'DeadLetterFailuresAlarm', this.scheduleGroup, props.alarmTopic);
    this.keyMetrics = [...scheduleKeyMetrics(this.scheduleGroup), failureQueueDepthMetric('Dead-letter queue depth', this.deadLetterQueue)];
  }

  private scheduleTarget(props: ScheduledJobProps, base: targets.ScheduleTargetBaseProps): scheduler.IScheduleTarget {
    const target = props.target;
    switch (target.kind) {
      case JobTargetKind.STATE_MACHINE:
        return new targets.StepFunctionsStartExecution(target.targetStateMachine!.stateMachine, base);
      case JobTargetKind.QUEUE:
        return new ExactSqsSendMessage(target.targetQueue!, {
          ...base,
          messageGroupId: target.targetQueue!.fifo ? target.messageGroupId ?? SCHEDULED_JOB_DEFAULTS.messageGroupId : undefined,
        });
      default:
        // FN10: the alias, never $LATEST; Scheduler invokes it asynchronously.
        return new targets.LambdaInvoke(this.jobFunction!.alias, base);
    }
  }
}

/** ES5: what each run receives by default: its schedule, scheduled time, execution ID (an idempotency key) and attempt. */
function defaultInput(): scheduler.ScheduleTargetInput {
  return scheduler.ScheduleTargetInput.fromObject({
    scheduleArn: scheduler.ContextAttribute.scheduleArn,
    scheduledTime: scheduler.ContextAttribute.scheduledTime,
    executionId: scheduler.ContextAttribute.executionId,
    attemptNumber: scheduler.ContextAttribute.attemptNumber,
  });
}

/**
 * The job's own function: 1 reserved concurrent execution unless runs may overlap, and an
 * on-failure queue (FN9), since Scheduler invokes it asynchronously.
 */
function createJobFunction(scope: ScheduledJob, props: ScheduledJobProps, allowOverlap: boolean): GuardedFunction {
  const functionProps = props.target.functionProps!;
  return new GuardedFunction(scope, 'Function', {
    alarmTopic: props.alarmTopic,
    ...functionProps,
    reservedConcurrency: functionProps.reservedConcurrency
      ?? (allowOverlap ? undefined : ReservedConcurrency.of(SCHEDULED_JOB_DEFAULTS.reservedConcurrency)),
    asyncInvocation: functionProps.asyncInvocation ?? {},
  });
}

/** EV1, FN9: the target can keep its runs apart (or the job allows overlap) and keeps failed runs. */
function validateTarget(validator: PropsValidator, target: JobTarget, allowOverlap: boolean): void {
  const overlapRule = (what: string) => `${what}, so runs could overlap: ${NO_OVERLAP_HOW}, or set allowOverlap: true once overlapping runs are safe`;
  switch (target.kind) {
    case JobTargetKind.FUNCTION: {
      const reserved = target.functionProps!.reservedConcurrency;
      validator.check(!allowOverlap && reserved !== undefined && !keepsRunsApart(reserved), 'target reservedConcurrency',
        overlapRule('reserves more than 1 concurrent execution or none'), describeReserved(reserved), 'EV1');
      break;
    }
    case JobTargetKind.GUARDED_FUNCTION: {
      const fn = target.existingFunction!;
      const executions = knownNumber(fn.reservedConcurrentExecutions);
      validator.check(fn.failureQueue === undefined, 'target', 'must have asyncInvocation (an on-failure queue): Scheduler invokes the function asynchronously, and a run whose retries fail would be lost',
        fn.node.path, 'FN9')
        .check(!allowOverlap && (fn.reservedConcurrentExecutions === undefined || (executions !== undefined && executions > 1)), 'target reservedConcurrency',
          overlapRule('reserves more than 1 concurrent execution or none'), fn.reservedConcurrentExecutions ?? 'unreserved', 'EV1');
      break;
    }
    case JobTargetKind.STATE_MACHINE:
      validator.check(!allowOverlap, 'target', overlapRule('a state machine starts a new execution while one still runs'), target.targetStateMachine!.node.path, 'EV1');
      break;
    default: {
      const queue = target.targetQueue!;
      validator.check(!allowOverlap && !queue.fifo, 'target', overlapRule('a standard queue hands runs to concurrent consumers'), queue.node.path, 'EV1')
        .check(queue.fifo && queue instanceof sqs.Queue && !contentBasedDeduplication(queue), 'target',
          'a FIFO queue needs contentBasedDeduplication: Scheduler sends no deduplication ID', queue.node.path, 'MSG2')
        .check(!queue.fifo && target.messageGroupId !== undefined, 'target messageGroupId', 'applies to FIFO queues only', target.messageGroupId, 'EV1');
      if (queue.fifo) validator.format('target messageGroupId', target.messageGroupId, SCHEDULER_MESSAGE_GROUP_ID);
    }
  }
}

const NO_OVERLAP_HOW = 'use a guarded function with ReservedConcurrency.of(1) or a FIFO queue';

/** Whether a reserved concurrency lets at most one run execute at a time (disabled: none does). */
function keepsRunsApart(reserved: ReservedConcurrency): boolean {
  if (reserved.mode === ReservedConcurrencyMode.UNRESERVED) return false;
  const executions = knownNumber(reserved.executions);
  return executions === undefined || executions <= 1;
}

function describeReserved(reserved: ReservedConcurrency | undefined): unknown {
  return reserved?.mode === ReservedConcurrencyMode.UNRESERVED ? 'unreserved' : reserved?.executions;
}

/** Whole or fractional minutes of a Duration; undefined for undefined and tokens. */
function minutesOf(duration: Duration | undefined): number | undefined {
  const seconds = secondsOf(duration);
  return seconds === undefined ? undefined : seconds / 60;
}

/** Whether a FIFO queue of this app deduplicates by content; true when a token decides it (known at deploy time only). */
function contentBasedDeduplication(queue: sqs.Queue): boolean {
  const setting = (queue.node.defaultChild as sqs.CfnQueue).contentBasedDeduplication;
  return setting === true || Token.isUnresolved(setting);
}
