import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/** OBS1: reads and writes a Kinesis stream throttled (sums over 5 minutes). */
export function kinesisThroughputMetrics(stream: kinesis.IStream) {
  const options = { period: Duration.minutes(ALARM_PERIODS.eventsMinutes), statistic: cloudwatch.Stats.SUM };
  return {
    readThrottled: stream.metricReadProvisionedThroughputExceeded(options),
    writeThrottled: stream.metricWriteProvisionedThroughputExceeded(options),
  };
}

/** OBS1: a Kinesis stream's key metrics: throttled reads and writes. */
export function kinesisKeyMetrics(stream: kinesis.IStream): MonitoredMetric[] {
  const metrics = kinesisThroughputMetrics(stream);
  return [
    { label: 'Reads throttled', metric: metrics.readThrottled },
    { label: 'Writes throttled', metric: metrics.writeThrottled },
  ];
}

/** The alarms on a stream's throughput. */
export interface KinesisThroughputAlarms {
  readonly read: cloudwatch.Alarm;
  readonly write: cloudwatch.Alarm;
}

/**
 * OBS1, ES2: any throttled read or write of the stream that `scope` processes: producers get
 * errors, or the processor falls behind; add shards, use on-demand or enhanced fan-out.
 */
export function kinesisThroughputAlarms(scope: Construct, stream: kinesis.IStream, topic?: sns.ITopic): KinesisThroughputAlarms {
  const metrics = kinesisThroughputMetrics(stream);
  const alarm = (id: string, metric: cloudwatch.IMetric, what: string) => createAlarm(scope, id, {
    metric, threshold: 1, description: `${scope.node.path}: ${what} exceeded the stream's throughput; add shards, use on-demand capacity or enhanced fan-out (ES2, OBS1).`,
  }, topic);
  return {
    read: alarm('ReadThroughputExceededAlarm', metrics.readThrottled, 'reads'),
    write: alarm('WriteThroughputExceededAlarm', metrics.writeThrottled, 'writes'),
  };
}
