import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IMonitored } from '../../src';

/** A metric by value: namespace, name, statistic and period (s). */
export function metricSummary(metric: cloudwatch.IMetric) {
  const stat = metric.toMetricConfig().metricStat!;
  return { namespace: stat.namespace, metricName: stat.metricName, statistic: stat.statistic, period: stat.period.toSeconds() };
}

/** The key metrics of a construct by value, with their labels. */
export function keyMetricsOf(monitored: IMonitored) {
  return monitored.keyMetrics.map(({ label, metric }) => ({ label, ...metricSummary(metric) }));
}

/** The construct paths of a construct's alarms, in order. */
export function alarmPathsOf(monitored: IMonitored): string[] {
  return monitored.alarms.map((alarm) => alarm.node.path);
}
