import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { recordFailedExecutions } from './failed-executions-record';
import { ExactKeySqsSendMessage } from './producer-tasks';
import { RetryPolicy } from './retry-policy';
import { ScopedWildcardStateMachine } from './scoped-wildcard-state-machine';
import { hasCatch, hasRetry, needsCatch, needsRetry, nestedStartStates, statesOf } from './state-graph';
import { validateRenderedDefinition } from './validate-definition';
import { validateRetryPolicy } from './validate-retry-policy';
import { defaultRetry } from './workflow-tasks';
import { acknowledgeRule } from '../core/acknowledge';
import { WORKFLOW_DEFAULTS } from '../core/defaults';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS, STATE_MACHINE_TIMEOUT_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, secondsOf, validateLogRetention, validateRange } from '../core/validation';
import { createAlarm, queueDepthAlarm } from '../observability/alarms';
import { createFailureQueue } from '../resources/failure-queue';

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
export interface ResilientStateMachineProps {
  /** The workflow: a state or a chain. */
  readonly definition: sfn.IChainable;
  /**
   * STANDARD (up to a year, exactly once) or EXPRESS (up to 5 minutes, at least once) (WF4).
   * @default StateMachineType.STANDARD
   */
  readonly stateMachineType?: sfn.StateMachineType;
  /**
   * Execution timeout (WF2); EXPRESS at most 5 minutes (WF4).
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
   * The retry policy of the default retriers (Task states; Parallel and Map states get none, their
   * inner tasks retry).
   * @default - 2 s interval, backoff rate 2, 3 attempts, at most 30 s, full jitter
   */
  readonly retryPolicy?: RetryPolicy;
  /**
   * States that go without the default Retry and/or Catch, each with a reason; each must be a
   * state of the definition.
   * @default - none
   */
  readonly optOuts?: StateOptOut[];
  /**
   * Retention of the execution log group (WF3); must be finite.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * A topic every alarm notifies (OBS1).
   * @default - alarms have no action
   */
  readonly alarmTopic?: sns.ITopic;
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

/**
 * A Step Functions state machine that handles errors in the state machine, not in code (WF1–WF4):
 * every Task state gets a Retry for its transient errors, every Task, Parallel and Map state a
 * Catch to a failure path that keeps the error under `$.error`; a timeout; logging ALL with
 * execution data; X-Ray; every failed, timed-out or aborted execution recorded in a failure queue;
 * alarms on failed, timed out, throttled and aborted executions and on the failure queues.
 */
export class ResilientStateMachine extends Construct {
  /** The state machine (L2). */
  public readonly stateMachine: sfn.StateMachine;
  /** The execution log group (WF3). */
  public readonly logGroup: logs.LogGroup;
  /**
   * The failure queue: the state of each caught failure (default failure path) and, for STANDARD
   * machines, the "Step Functions Execution Status Change" event of every failed, timed-out or
   * aborted execution. Undefined only for an EXPRESS machine with a `failureHandler`.
   */
  public readonly failureQueue?: sqs.IQueue;
  /** OBS1: messages are waiting in the failure queue. */
  public readonly failureQueueDepthAlarm?: cloudwatch.Alarm;
  /** STANDARD only: the rule that sends failed, timed-out and aborted executions to the failure queue. */
  public readonly failedExecutionsRule?: events.Rule;
  /** STANDARD only: where the rule's events go when the failure queue cannot take them. */
  public readonly failedExecutionsDeadLetterQueue?: sqs.IQueue;
  /** OBS1: messages are waiting in the rule's dead-letter queue. */
  public readonly failedExecutionsDeadLetterQueueDepthAlarm?: cloudwatch.Alarm;
  /** The timeout in effect. */
  public readonly timeout: Duration;
  /** OBS1 alarms. */
  public readonly executionsFailedAlarm: cloudwatch.Alarm;
  public readonly executionsTimedOutAlarm: cloudwatch.Alarm;
  public readonly executionsThrottledAlarm: cloudwatch.Alarm;
  public readonly executionsAbortedAlarm: cloudwatch.Alarm;
  /** Every alarm of this state machine. */
  public readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ResilientStateMachineProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const type = props.stateMachineType ?? sfn.StateMachineType.STANDARD;
    const express = type === sfn.StateMachineType.EXPRESS;
    this.timeout = props.timeout ?? Duration.seconds(express ? WORKFLOW_DEFAULTS.expressTimeoutSeconds : WORKFLOW_DEFAULTS.standardTimeoutSeconds);
    const timeoutSeconds = secondsOf(this.timeout);
    validateRange(this, 'timeout', timeoutSeconds, STATE_MACHINE_TIMEOUT_SECONDS);
    if (express && timeoutSeconds !== undefined && timeoutSeconds > EXPRESS_STATE_MACHINE_MAX_SECONDS) {
      throw invalidProp(this, 'timeout', `must be at most ${EXPRESS_STATE_MACHINE_MAX_SECONDS} s for an EXPRESS state machine`, this.timeout, 'WF4');
    }
    validateRetryPolicy(this, 'retryPolicy', props.retryPolicy);
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    validateLogRetention(this, 'logRetention', logRetention, 'WF3');

    const optOuts = new Map((props.optOuts ?? []).map((optOut) => [optOut.state, optOut]));
    for (const optOut of optOuts.values()) {
      if (!optOut.reason?.trim()) throw invalidProp(this, 'optOuts.reason', 'needs a non-empty reason', optOut.reason, 'WF1');
    }
    // An EXPRESS machine with its own failure handler has nothing to put in a failure queue.
    this.failureQueue = props.failureHandler && express ? undefined : createFailureQueue(this, 'FailureQueue');
    const failure = this.failurePath(props.failureHandler, this.failureQueue);
    const start = props.definition.startState;
    const applied = new Set<sfn.State>();
    // The failure path's own tasks retry too, and end in the terminal Fail if recording fails.
    this.applyDefaults(statesOf(failure.start.startState), { handler: failure.terminal, resultPath: '$.recordError' }, props, optOuts, applied);
    this.applyDefaults(statesOf(start), { handler: failure.start, resultPath: '$.error' }, props, optOuts, applied);
    for (const optOut of optOuts.values()) {
      if (!applied.has(optOut.state)) throw invalidProp(this, 'optOuts.state', 'must be a state of the definition', optOut.state.stateId, 'WF1');
    }

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new ScopedWildcardStateMachine(this, 'Resource', {
      definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
      stateMachineType: type,
      timeout: this.timeout,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
      stateMachineName: props.stateMachineName,
      comment: props.comment,
    });
    this.node.addValidation({ validate: () => validateRenderedDefinition(this, this.stateMachine, timeoutSeconds, express) });
    this.acknowledgeDeliberateExceptions(optOuts);

    const period = Duration.minutes(5);
    const alarm = (alarmId: string, metric: cloudwatch.Metric, what: string) => createAlarm(this, alarmId, {
      metric, threshold: 1, description: `${this.node.path}: ${what} (OBS1).`,
    }, props.alarmTopic);
    this.executionsFailedAlarm = alarm('ExecutionsFailedAlarm', this.stateMachine.metricFailed({ period }), 'executions failed');
    this.executionsTimedOutAlarm = alarm('ExecutionsTimedOutAlarm', this.stateMachine.metricTimedOut({ period }), 'executions timed out (WF2)');
    this.executionsThrottledAlarm = alarm('ExecutionThrottledAlarm', this.stateMachine.metricThrottled({ period }), 'executions were throttled');
    this.executionsAbortedAlarm = alarm('ExecutionsAbortedAlarm', this.stateMachine.metricAborted({ period }), 'executions were aborted');
    if (this.failureQueue) this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    if (this.failureQueue && !express) {
      const record = recordFailedExecutions(this, this.stateMachine, this.failureQueue);
      this.failedExecutionsRule = record.rule;
      this.failedExecutionsDeadLetterQueue = record.deadLetterQueue;
      this.failedExecutionsDeadLetterQueueDepthAlarm = queueDepthAlarm(this, 'FailedExecutionsDeadLetterQueueDepthAlarm', record.deadLetterQueue, props.alarmTopic);
    }
    this.alarms = [
      this.executionsFailedAlarm, this.executionsTimedOutAlarm, this.executionsThrottledAlarm, this.executionsAbortedAlarm,
      this.failureQueueDepthAlarm, this.failedExecutionsDeadLetterQueueDepthAlarm,
    ].filter((each): each is cloudwatch.Alarm => each !== undefined);
  }

  /**
   * WF1: the default Retry (the task's transient errors) on every Task state and the default Catch
   * (to `target`) on every Task, Parallel and Map state that has none; nested graphs catch into a
   * Fail of their own that re-raises the error, so the enclosing Parallel or Map catches it.
   * Parallel and Map states get no Retry: retrying one would run the branches or items that had
   * already succeeded again.
   */
  private applyDefaults(states: sfn.State[], target: { handler: sfn.IChainable; resultPath: string }, props: ResilientStateMachineProps,
    optOuts: Map<sfn.State, StateOptOut>, applied: Set<sfn.State>): void {
    for (const state of states) {
      if (applied.has(state)) continue;
      applied.add(state);
      nestedStartStates(state).forEach((nestedStart, index) => {
        const reraise = new sfn.Fail(this, `${state.stateId}Branch${index + 1}Failed`, {
          stateName: `${state.stateId} branch ${index + 1} failed`, errorPath: '$.error.Error', causePath: '$.error.Cause',
        });
        this.applyDefaults(statesOf(nestedStart), { handler: reraise, resultPath: '$.error' }, props, optOuts, applied);
      });
      if (!needsCatch(state)) continue;
      const optOut = optOuts.get(state);
      const skipRetry = optOut !== undefined && optOut.retry !== false;
      const skipCatch = optOut !== undefined && optOut.catch !== false;
      if (needsRetry(state) && !skipRetry && !hasRetry(state)) state.addRetry(defaultRetry(state, props.retryPolicy));
      if (!skipCatch && !hasCatch(state)) state.addCatch(target.handler, { resultPath: target.resultPath });
    }
  }

  /** The default failure path: record the state (with `$.error`) in the failure queue, then fail. */
  private failurePath(handler: sfn.IChainable | undefined, queue: sqs.IQueue | undefined) {
    const terminal = new sfn.Fail(this, 'ExecutionFailed', { stateName: 'Execution failed', errorPath: '$.error.Error', causePath: '$.error.Cause' });
    if (handler || !queue) return { start: handler ?? terminal, terminal }; // no queue only when a handler is given
    const record = new ExactKeySqsSendMessage(this, 'RecordFailure', {
      stateName: 'Record failure',
      queue,
      messageBody: sfn.TaskInput.fromJsonPathAt('$'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    return { start: record.next(terminal), terminal };
  }

  /** WF1 opt-outs: kept in metadata and as the acknowledgement of the matching nag finding (DEP1). */
  private acknowledgeDeliberateExceptions(optOuts: Map<sfn.State, StateOptOut>): void {
    const cfn = this.stateMachine.node.defaultChild!;
    for (const optOut of optOuts.values()) {
      const name = optOut.state.stateId;
      this.node.addMetadata('cdk-serverless-guardrails:wf1-opt-out', { state: name, retry: optOut.retry !== false, catch: optOut.catch !== false, reason: optOut.reason });
      if (optOut.retry !== false) acknowledgeRule(cfn, `Guardrails-StateMachineTaskRetry[NoRetry:${name}]`, 'WF1', optOut.reason);
      if (optOut.catch !== false) acknowledgeRule(cfn, `Guardrails-StateMachineTaskCatch[NoCatch:${name}]`, 'WF1', optOut.reason);
    }
  }
}
