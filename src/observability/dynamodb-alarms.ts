import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1: a table's consumed capacity and throttled requests of the item `operations`, over 5 minutes (sums). */
export function tableMetrics(table: dynamodb.ITable, operations: dynamodb.Operation[]) {
  const period = Duration.minutes(ALARM_PERIODS.eventsMinutes);
  return {
    consumedReads: table.metricConsumedReadCapacityUnits({ period, statistic: cloudwatch.Stats.SUM }),
    consumedWrites: table.metricConsumedWriteCapacityUnits({ period, statistic: cloudwatch.Stats.SUM }),
    throttledRequests: table.metricThrottledRequestsForOperations({ operations, period }),
  };
}

/** OBS1: a table's key metrics: consumed read and write capacity, throttled requests. */
export function tableKeyMetrics(table: dynamodb.ITable, operations: dynamodb.Operation[]): MonitoredMetric[] {
  const metrics = tableMetrics(table, operations);
  return [
    { label: 'Consumed read capacity', metric: metrics.consumedReads },
    { label: 'Consumed write capacity', metric: metrics.consumedWrites },
    { label: 'Throttled requests', metric: metrics.throttledRequests },
  ];
}

/** OBS1: any throttled request of the item `operations` on the table of `scope` in 5 minutes. */
export function tableThrottlesAlarm(scope: Construct, id: string, table: dynamodb.ITable, operations: dynamodb.Operation[],
  topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: tableMetrics(table, operations).throttledRequests,
    threshold: 1,
    description: `${scope.node.path}: requests to the table were throttled (OBS1).`,
  }, topic);
}
