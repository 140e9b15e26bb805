import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1, MSG3: a topic's delivery metrics, summed over 5 minutes. */
export function topicMetrics(topic: sns.ITopic) {
  const options = { period: Duration.minutes(ALARM_PERIODS.eventsMinutes), statistic: cloudwatch.Stats.SUM };
  return {
    published: topic.metricNumberOfMessagesPublished(options),
    delivered: topic.metricNumberOfNotificationsDelivered(options),
    failed: topic.metricNumberOfNotificationsFailed(options),
    redrivenToDeadLetterQueue: topic.metric('NumberOfNotificationsRedrivenToDlq', options),
    failedToRedrive: topic.metric('NumberOfNotificationsFailedToRedriveToDlq', options),
  };
}

/** OBS1: a fan-out's key metrics: messages published, notifications delivered, failed and redriven to a DLQ. */
export function topicKeyMetrics(topic: sns.ITopic): MonitoredMetric[] {
  const metrics = topicMetrics(topic);
  return [
    { label: 'Messages published', metric: metrics.published },
    { label: 'Notifications delivered', metric: metrics.delivered },
    { label: 'Notifications failed', metric: metrics.failed },
    { label: 'Notifications redriven to a DLQ', metric: metrics.redrivenToDeadLetterQueue },
  ];
}

/** OBS1: SNS could not deliver a notification to a subscriber (it retries, then redrives it to the subscription's DLQ). */
export function notificationsFailedAlarm(scope: Construct, id: string, topic: sns.ITopic, alarmTopic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: topicMetrics(topic).failed,
    threshold: 1,
    description: `${scope.node.path}: notifications of the topic failed to reach a subscriber (MSG3, OBS1).`,
  }, alarmTopic);
}

/** OBS1: notifications went to a subscription's DLQ: a subscriber missed them. */
export function notificationsRedrivenAlarm(scope: Construct, id: string, topic: sns.ITopic, alarmTopic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: topicMetrics(topic).redrivenToDeadLetterQueue,
    threshold: 1,
    description: `${scope.node.path}: notifications were redriven to a subscription DLQ: inspect and redrive them (MSG3, OBS1).`,
  }, alarmTopic);
}

/** OBS1: a notification could not even reach its subscription's DLQ: it is lost. */
export function notificationsFailedToRedriveAlarm(scope: Construct, id: string, topic: sns.ITopic, alarmTopic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: topicMetrics(topic).failedToRedrive,
    threshold: 1,
    description: `${scope.node.path}: notifications could not be redriven to a subscription DLQ and are lost: check the DLQ's policy and key (MSG3, OBS1).`,
  }, alarmTopic);
}
