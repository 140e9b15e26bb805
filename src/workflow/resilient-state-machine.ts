import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { recordFailedExecutions } from './failed-executions-record';
import { ExactKeySqsSendMessage } from './producer-tasks';
import { ResilientStateMachineProps, StateOptOut } from './resilient-state-machine-props';
import { ScopedWildcardStateMachine } from './scoped-wildcard-state-machine';
import { allStatesOf, hasCatch, hasRetry, needsCatch, needsRetry, nestedStartStates, statesOf } from './state-graph';
import { validateRenderedDefinition } from './validate-definition';
import { validateRetryPolicy } from './validate-retry-policy';
import { defaultRetry } from './workflow-tasks';
import { acknowledgeRule } from '../core/acknowledge';
import { WORKFLOW_DEFAULTS } from '../core/defaults';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS, STATE_MACHINE_TIMEOUT_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { PropsValidator, secondsOf } from '../core/validation';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { queueDepthAlarm } from '../observability/sqs-alarms';
import { executionAlarms, executionKeyMetrics } from '../observability/state-machine-alarms';
import { createFailureQueue } from '../resources/failure-queue';
import { createLogGroup } from '../resources/log-group';

/**
 * A Step Functions state machine that handles errors in the state machine, not in code (WF1–WF4):
 * every Task state gets a Retry for its transient errors, every Task, Parallel and Map state a
 * Catch to a failure path that keeps the error under `$.error`; a timeout; logging ALL with
 * execution data; X-Ray; every failed, timed-out or aborted execution recorded in a failure queue;
 * alarms on failed, timed out, throttled and aborted executions and on the failure queues.
 */
export class ResilientStateMachine extends MonitoredConstruct {
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
  /** Fires on any failed execution (OBS1). */
  public readonly executionsFailedAlarm: cloudwatch.Alarm;
  /** Fires on any timed-out execution (OBS1, WF2). */
  public readonly executionsTimedOutAlarm: cloudwatch.Alarm;
  /** Fires on any throttled execution (OBS1). Named, like its ID, after the metric `ExecutionThrottled`. */
  public readonly executionThrottledAlarm: cloudwatch.Alarm;
  /** Fires on any aborted execution (OBS1). */
  public readonly executionsAbortedAlarm: cloudwatch.Alarm;
  /** Executions started, failed, timed out, throttled and aborted (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the state machine
   * @param id the ID of the state machine, unique within `scope`
   * @param props the definition and its retry policy, timeout and logging
   */
  constructor(scope: Construct, id: string, props: ResilientStateMachineProps) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    const type = props.stateMachineType ?? sfn.StateMachineType.STANDARD;
    const express = type === sfn.StateMachineType.EXPRESS;
    this.timeout = props.timeout ?? Duration.seconds(express ? WORKFLOW_DEFAULTS.expressTimeoutSeconds : WORKFLOW_DEFAULTS.standardTimeoutSeconds);
    const timeoutSeconds = secondsOf(this.timeout);
    const optOuts = new Map((props.optOuts ?? []).map((optOut) => [optOut.state, optOut]));
    validateProps(new PropsValidator(this), props, optOuts, timeoutSeconds, express);

    // An EXPRESS machine with its own failure handler has nothing to put in a failure queue.
    this.failureQueue = props.failureHandler && express ? undefined : createFailureQueue(this, 'FailureQueue');
    const failure = this.failurePath(props.failureHandler, this.failureQueue);
    const applied = new Set<sfn.State>();
    // The failure path's own tasks retry too, and end in the terminal Fail if recording fails.
    this.applyDefaults(statesOf(failure.start.startState), { handler: failure.terminal, resultPath: '$.recordError' }, props, optOuts, applied);
    this.applyDefaults(statesOf(props.definition.startState), { handler: failure.start, resultPath: '$.error' }, props, optOuts, applied);

    this.logGroup = createLogGroup(this, 'LogGroup', { retention: props.logRetention, prop: 'logRetention', practice: 'WF3' });
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

    const executions = executionAlarms(this, this.stateMachine, props.alarmTopic);
    this.executionsFailedAlarm = executions.failed;
    this.executionsTimedOutAlarm = executions.timedOut;
    this.executionThrottledAlarm = executions.throttled;
    this.executionsAbortedAlarm = executions.aborted;
    if (this.failureQueue) this.failureQueueDepthAlarm = queueDepthAlarm(this, 'FailureQueueDepthAlarm', this.failureQueue, props.alarmTopic);
    if (this.failureQueue && !express) {
      const record = recordFailedExecutions(this, this.stateMachine, this.failureQueue);
      this.failedExecutionsRule = record.rule;
      this.failedExecutionsDeadLetterQueue = record.deadLetterQueue;
      this.failedExecutionsDeadLetterQueueDepthAlarm = queueDepthAlarm(this, 'FailedExecutionsDeadLetterQueueDepthAlarm', record.deadLetterQueue, props.alarmTopic);
    }
    this.keyMetrics = executionKeyMetrics(this.stateMachine);
  }


  /**
   * The alarm on throttled executions.
   * @deprecated use `executionThrottledAlarm`, named after the alarm's ID and its metric
   */
  public get executionsThrottledAlarm(): cloudwatch.Alarm {
    return this.executionThrottledAlarm;
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

/**
 * WF1–WF4: every rule of the props, before anything is built: the timeout (EXPRESS at most 5
 * minutes), the retry policy, the log retention, and each opt-out's reason and state.
 */
function validateProps(validator: PropsValidator, props: ResilientStateMachineProps, optOuts: Map<sfn.State, StateOptOut>,
  timeoutSeconds: number | undefined, express: boolean): void {
  validator.range('timeout', timeoutSeconds, STATE_MACHINE_TIMEOUT_SECONDS)
    .check(express && timeoutSeconds !== undefined && timeoutSeconds > EXPRESS_STATE_MACHINE_MAX_SECONDS, 'timeout',
      `must be at most ${EXPRESS_STATE_MACHINE_MAX_SECONDS} s for an EXPRESS state machine`, props.timeout, 'WF4')
    .logRetention('logRetention', props.logRetention, 'WF3');
  validateRetryPolicy(validator, 'retryPolicy', props.retryPolicy);
  const states = new Set([props.definition.startState, props.failureHandler?.startState]
    .flatMap((start) => (start ? allStatesOf(start) : [])));
  for (const optOut of optOuts.values()) {
    validator.reason('optOuts.reason', optOut.reason, 'WF1')
      .check(!states.has(optOut.state), 'optOuts.state', 'must be a state of the definition', optOut.state.stateId, 'WF1');
  }
  validator.throwIfInvalid();
}
