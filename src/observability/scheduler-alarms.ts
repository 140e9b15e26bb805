import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/**
 * OBS1, EV1: the metrics of a schedule group, over 5 minutes. Scheduler publishes its metrics per
 * account or per schedule group, never per schedule: a group of its own gives one job its own.
 */
export function scheduleGroupMetrics(group: scheduler.IScheduleGroup) {
  const options = { period: Duration.minutes(ALARM_PERIODS.eventsMinutes), statistic: cloudwatch.Stats.SUM };
  return {
    attempts: group.metricAttempts(options),
    targetErrors: group.metricTargetErrors(options),
    dropped: group.metricDropped(options),
    sentToDeadLetterQueue: group.metricSentToDLQ(options),
    failedToBeSentToDeadLetterQueue: group.metricFailedToBeSentToDLQ(undefined, options),
  };
}

/** OBS1: a scheduled job's key metrics: invocation attempts, target errors, dropped invocations, runs sent to the DLQ. */
export function scheduleKeyMetrics(group: scheduler.IScheduleGroup): MonitoredMetric[] {
  const metrics = scheduleGroupMetrics(group);
  return [
    { label: 'Invocation attempts', metric: metrics.attempts },
    { label: 'Target errors', metric: metrics.targetErrors },
    { label: 'Dropped invocations', metric: metrics.dropped },
    { label: 'Invocations sent to the DLQ', metric: metrics.sentToDeadLetterQueue },
  ];
}

/** OBS1: the target refused a run (Scheduler retries it; after the last retry it goes to the DLQ). */
export function scheduleTargetErrorsAlarm(scope: Construct, id: string, group: scheduler.IScheduleGroup, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: scheduleGroupMetrics(group).targetErrors,
    threshold: 1,
    description: `${scope.node.path}: the schedule's target returned errors when a run was handed over (EV1, OBS1).`,
  }, topic);
}

/** OBS1: a run was dropped: its retries or its event age ran out and it could not reach the DLQ either. */
export function scheduleDroppedAlarm(scope: Construct, id: string, group: scheduler.IScheduleGroup, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: scheduleGroupMetrics(group).dropped,
    threshold: 1,
    description: `${scope.node.path}: Scheduler dropped a run (retries exhausted and no DLQ delivery): the run is lost (EV1, OBS1).`,
  }, topic);
}

/** OBS1: a failed run could not be sent to the DLQ (permissions, encryption or a deleted queue). */
export function scheduleDeadLetterFailuresAlarm(scope: Construct, id: string, group: scheduler.IScheduleGroup, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: scheduleGroupMetrics(group).failedToBeSentToDeadLetterQueue,
    threshold: 1,
    description: `${scope.node.path}: a failed run could not be sent to the DLQ: check the DLQ and the schedule's role (EV1, OBS1).`,
  }, topic);
}
