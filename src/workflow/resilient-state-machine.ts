import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RetryPolicy } from './retry-policy';
import { hasCatch, hasRetry, needsErrorHandling, nestedStartStates, statesOf } from './state-graph';
import { validateRenderedDefinition } from './validate-definition';
import { defaultRetry } from './workflow-tasks';
import { acknowledgeRule } from '../core/acknowledge';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS, STATE_MACHINE_TIMEOUT_SECONDS, WORKFLOW_DEFAULTS } from '../core/limits';
import { invalidProp, secondsOf, validateLogRetention, validateRange } from '../core/validation';
import { createAlarm } from '../monitoring/alarms';
import { createFailureQueue } from '../queue/failure-queue';

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
   * @default - a task that sends the state to an encrypted SQS failure queue, then a Fail state
   */
  readonly failureHandler?: sfn.IChainable;
  /**
   * The retry policy of the default retriers.
   * @default - 2 s interval, backoff rate 2, 3 attempts, at most 30 s, full jitter
   */
  readonly retryPolicy?: RetryPolicy;
  /**
   * States that go without the default Retry and/or Catch, each with a reason.
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
 * every Task, Parallel and Map state gets a Retry for its transient errors and a Catch to a
 * failure path that keeps the error under `$.error`; a timeout; logging ALL with execution data;
 * X-Ray; alarms on failed, timed out, throttled and aborted executions.
 */
export class ResilientStateMachine extends Construct {
  /** The state machine (L2). */
  public readonly stateMachine: sfn.StateMachine;
  /** The execution log group (WF3). */
  public readonly logGroup: logs.LogGroup;
  /** The failure queue of the default failure path, unless a `failureHandler` was given. */
  public readonly failureQueue?: sqs.IQueue;
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
    const type = props.stateMachineType ?? sfn.StateMachineType.STANDARD;
    const express = type === sfn.StateMachineType.EXPRESS;
    this.timeout = props.timeout ?? Duration.seconds(express ? WORKFLOW_DEFAULTS.expressTimeoutSeconds : WORKFLOW_DEFAULTS.standardTimeoutSeconds);
    const timeoutSeconds = secondsOf(this.timeout);
    validateRange(this, 'timeout', timeoutSeconds, STATE_MACHINE_TIMEOUT_SECONDS);
    if (express && timeoutSeconds !== undefined && timeoutSeconds > EXPRESS_STATE_MACHINE_MAX_SECONDS) {
      throw invalidProp(this, 'timeout', `must be at most ${EXPRESS_STATE_MACHINE_MAX_SECONDS} s for an EXPRESS state machine`, this.timeout, 'WF4');
    }
    validateRetryPolicy(this, props.retryPolicy ?? {});
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    validateLogRetention(this, 'logRetention', logRetention, 'WF3');

    const optOuts = new Map((props.optOuts ?? []).map((optOut) => [optOut.state, optOut]));
    for (const optOut of optOuts.values()) {
      if (!optOut.reason?.trim()) throw invalidProp(this, 'optOuts.reason', 'needs a non-empty reason', optOut.reason, 'WF1');
    }
    const failure = this.failurePath(props.failureHandler);
    this.failureQueue = failure.queue;
    const start = props.definition.startState;
    const applied = new Set<sfn.State>();
    // The failure path's own tasks retry too, and end in the terminal Fail if recording fails.
    this.applyDefaults(statesOf(failure.start.startState), { handler: failure.terminal, resultPath: '$.recordError' }, props, optOuts, applied);
    this.applyDefaults(statesOf(start), { handler: failure.start, resultPath: '$.error' }, props, optOuts, applied);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', { retention: logRetention, removalPolicy: RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'Resource', {
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
    this.alarms = [this.executionsFailedAlarm, this.executionsTimedOutAlarm, this.executionsThrottledAlarm, this.executionsAbortedAlarm];
  }

  /**
   * WF1: the default Retry (the state's transient errors) and Catch (to `target`) on every state
   * that can fail and has none; nested graphs catch into a Fail of their own that re-raises the
   * error, so the enclosing Parallel or Map catches it.
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
      if (!needsErrorHandling(state)) continue;
      const optOut = optOuts.get(state);
      const skipRetry = optOut !== undefined && optOut.retry !== false;
      const skipCatch = optOut !== undefined && optOut.catch !== false;
      if (!skipRetry && !hasRetry(state)) state.addRetry(defaultRetry(state, props.retryPolicy));
      if (!skipCatch && !hasCatch(state)) state.addCatch(target.handler, { resultPath: target.resultPath });
    }
  }

  /** The default failure path: record the state (with `$.error`) in an encrypted queue, then fail. */
  private failurePath(handler: sfn.IChainable | undefined) {
    const terminal = new sfn.Fail(this, 'ExecutionFailed', { stateName: 'Execution failed', errorPath: '$.error.Error', causePath: '$.error.Cause' });
    if (handler) return { start: handler, terminal, queue: undefined };
    const queue = createFailureQueue(this, 'FailureQueue');
    const record = new tasks.SqsSendMessage(this, 'RecordFailure', {
      stateName: 'Record failure',
      queue,
      messageBody: sfn.TaskInput.fromJsonPathAt('$'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    return { start: record.next(terminal), terminal, queue };
  }

  private acknowledgeDeliberateExceptions(optOuts: Map<sfn.State, StateOptOut>): void {
    // Execution logging and X-Ray need log-delivery and trace actions that have no resource type.
    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      acknowledgeRule(policy, 'AwsSolutions-IAM5[Resource::*]', 'WF3',
        'CloudWatch Logs delivery (logs:*LogDelivery*, logs:DescribeLogGroups, ...) and X-Ray writes support no resource-level permissions.');
    }
    const cfn = this.stateMachine.node.defaultChild!;
    for (const optOut of optOuts.values()) {
      const name = optOut.state.stateId;
      this.node.addMetadata('cdk-serverless-guardrails:wf1-opt-out', { state: name, retry: optOut.retry !== false, catch: optOut.catch !== false, reason: optOut.reason });
      if (optOut.retry !== false) acknowledgeRule(cfn, `Guardrails-StateMachineTaskRetry[NoRetry:${name}]`, 'WF1', optOut.reason);
      if (optOut.catch !== false) acknowledgeRule(cfn, `Guardrails-StateMachineTaskCatch[NoCatch:${name}]`, 'WF1', optOut.reason);
    }
  }
}

function validateRetryPolicy(scope: Construct, policy: RetryPolicy): void {
  if (policy.backoffRate !== undefined && policy.backoffRate < 1) {
    throw invalidProp(scope, 'retryPolicy.backoffRate', 'must be at least 1', policy.backoffRate, 'WF1');
  }
  if (policy.maxAttempts !== undefined && (policy.maxAttempts < 0 || !Number.isInteger(policy.maxAttempts))) {
    throw invalidProp(scope, 'retryPolicy.maxAttempts', 'must be a whole number, 0 or more', policy.maxAttempts, 'WF1');
  }
}
