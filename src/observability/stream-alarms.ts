import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1: how long the records a stream mapping hands to `fn` waited (ms), every minute: DynamoDB and Kinesis streams alike. */
export function iteratorAgeMetric(fn: lambda.IFunction): cloudwatch.IMetric {
  return fn.metric('IteratorAge', { period: Duration.minutes(ALARM_PERIODS.backlogMinutes), statistic: cloudwatch.Stats.MAXIMUM });
}

/** OBS1: the records of the stream that `scope` processes wait longer than `threshold` (in ms, `thresholdMillis`). */
export function iteratorAgeAlarm(scope: Construct, id: string, fn: lambda.IFunction, threshold: Duration, thresholdMillis: number,
  topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: iteratorAgeMetric(fn),
    threshold: thresholdMillis,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    description: `${scope.node.path}: stream records wait more than ${threshold.toHumanString()}; the processor falls behind (OBS1).`,
  }, topic);
}
