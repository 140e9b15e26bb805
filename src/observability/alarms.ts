import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What an alarm watches and when it fires. */
export interface AlarmSpec {
  readonly metric: cloudwatch.IMetric;
  /** The alarm fires when the metric is above this value (or at/above, see `comparison`). */
  readonly threshold: number;
  readonly comparison?: cloudwatch.ComparisonOperator;
  /** Why somebody is paged, with the practice ID. */
  readonly description: string;
}

/**
 * OBS1: one factory for every alarm of the library, so they all treat missing data the same way
 * (no data = nothing failed) and all notify the optional topic.
 */
export function createAlarm(scope: Construct, id: string, spec: AlarmSpec, topic?: sns.ITopic): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: spec.description,
  });
  if (topic) {
    alarm.addAlarmAction(new actions.SnsAction(topic));
  }
  return alarm;
}

/** OBS1: a queue on a failure path must stay empty: one visible message is one lost event. */
export function queueDepthAlarm(scope: Construct, id: string, queue: sqs.IQueue, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: 0,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: 'Messages are waiting in a failure queue (DLQ / on-failure destination): inspect and redrive them (OBS1).',
  }, topic);
}

/** OBS1: any error of a function in 5 minutes, for guarded functions and the ones users bring alike. */
export function functionErrorsAlarm(scope: Construct, id: string, fn: lambda.IFunction, what: string,
  topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    threshold: 1,
    description: `${what} returned errors (OBS1).`,
  }, topic);
}
