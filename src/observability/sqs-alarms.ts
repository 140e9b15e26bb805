import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1: the backlog of a queue, every minute: messages waiting (visible) and the age of the oldest. */
export function queueMetrics(queue: sqs.IQueue) {
  const options = { period: Duration.minutes(ALARM_PERIODS.backlogMinutes), statistic: cloudwatch.Stats.MAXIMUM };
  return {
    visibleMessages: queue.metricApproximateNumberOfMessagesVisible(options),
    oldestMessageAge: queue.metricApproximateAgeOfOldestMessage(options),
  };
}

/** OBS1: a processed queue's key metrics: its backlog and, when known, the depth of its dead-letter queue. */
export function queueKeyMetrics(queue: sqs.IQueue, deadLetterQueue?: sqs.IQueue): MonitoredMetric[] {
  const metrics = queueMetrics(queue);
  return [
    { label: 'Visible messages', metric: metrics.visibleMessages },
    { label: 'Age of the oldest message (s)', metric: metrics.oldestMessageAge },
    ...(deadLetterQueue ? [failureQueueDepthMetric('Dead-letter queue depth', deadLetterQueue)] : []),
  ];
}

/** OBS1: the depth of a queue on a failure path (a DLQ or an on-failure destination), under `label`. */
export function failureQueueDepthMetric(label: string, queue: sqs.IQueue): MonitoredMetric {
  return { label, metric: queueMetrics(queue).visibleMessages };
}

/** OBS1: a queue on a failure path must stay empty: one visible message is one lost event. */
export function queueDepthAlarm(scope: Construct, id: string, queue: sqs.IQueue, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: queueMetrics(queue).visibleMessages,
    threshold: 0,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: 'Messages are waiting in a failure queue (DLQ / on-failure destination): inspect and redrive them (OBS1).',
  }, topic);
}

/** OBS1: the oldest message of the queue that `scope` processes waits longer than `threshold` (in seconds, `thresholdSeconds`). */
export function oldestMessageAlarm(scope: Construct, id: string, queue: sqs.IQueue, threshold: Duration, thresholdSeconds: number,
  topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: queueMetrics(queue).oldestMessageAge,
    threshold: thresholdSeconds,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `${scope.node.path}: the oldest message waits more than ${threshold.toHumanString()}; the processor falls behind (OBS1).`,
  }, topic);
}
