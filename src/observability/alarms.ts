import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';

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
 * (no data = nothing failed) and all notify the optional topic. The specs of each service's
 * alarms live next to it (`lambda-alarms.ts`, `sqs-alarms.ts`, ...).
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

/** Every alarm under `scope`, in the order they were created: what `IMonitored.alarms` returns. */
export function alarmsUnder(scope: IConstruct): cloudwatch.Alarm[] {
  return scope.node.findAll().filter((construct): construct is cloudwatch.Alarm => construct instanceof cloudwatch.Alarm);
}
