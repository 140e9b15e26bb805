import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1: a state machine's executions over 5 minutes (sums). */
export function executionMetrics(stateMachine: sfn.IStateMachine) {
  const options = { period: Duration.minutes(ALARM_PERIODS.eventsMinutes) };
  return {
    started: stateMachine.metricStarted(options),
    failed: stateMachine.metricFailed(options),
    timedOut: stateMachine.metricTimedOut(options),
    throttled: stateMachine.metricThrottled(options),
    aborted: stateMachine.metricAborted(options),
  };
}

/** OBS1: a state machine's key metrics: executions started, failed, timed out, throttled and aborted. */
export function executionKeyMetrics(stateMachine: sfn.IStateMachine): MonitoredMetric[] {
  const metrics = executionMetrics(stateMachine);
  return [
    { label: 'Executions started', metric: metrics.started },
    { label: 'Executions failed', metric: metrics.failed },
    { label: 'Executions timed out', metric: metrics.timedOut },
    { label: 'Executions throttled', metric: metrics.throttled },
    { label: 'Executions aborted', metric: metrics.aborted },
  ];
}

/** The alarms on the executions of a state machine. */
export interface ExecutionAlarms {
  readonly failed: cloudwatch.Alarm;
  readonly timedOut: cloudwatch.Alarm;
  readonly throttled: cloudwatch.Alarm;
  readonly aborted: cloudwatch.Alarm;
}

/**
 * OBS1: any failed, timed out (WF2), throttled or aborted execution of the state machine of `scope`
 * in 5 minutes. The alarms' IDs are those of the metrics (`ExecutionThrottled` is singular).
 */
export function executionAlarms(scope: Construct, stateMachine: sfn.IStateMachine, topic?: sns.ITopic): ExecutionAlarms {
  const metrics = executionMetrics(stateMachine);
  const alarm = (id: string, metric: cloudwatch.IMetric, what: string) => createAlarm(scope, id, {
    metric, threshold: 1, description: `${scope.node.path}: ${what} (OBS1).`,
  }, topic);
  return {
    failed: alarm('ExecutionsFailedAlarm', metrics.failed, 'executions failed'),
    timedOut: alarm('ExecutionsTimedOutAlarm', metrics.timedOut, 'executions timed out (WF2)'),
    throttled: alarm('ExecutionThrottledAlarm', metrics.throttled, 'executions were throttled'),
    aborted: alarm('ExecutionsAbortedAlarm', metrics.aborted, 'executions were aborted'),
  };
}
