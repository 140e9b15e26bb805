import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { alarmsUnder } from './alarms';

/** A metric worth a dashboard widget, with the label it is shown under. */
export interface MonitoredMetric {
  /** What the metric shows, e.g. "Errors" or "Age of the oldest message (s)". */
  readonly label: string;
  /** The metric. */
  readonly metric: cloudwatch.IMetric;
}

/**
 * OBS1: what every construct of the library exposes for operations: its alarms and its key
 * metrics, e.g. for a dashboard or for alarms of your own.
 */
export interface IMonitored {
  /**
   * Every alarm the construct created, including those of the functions it created. Each fires on
   * one failure path and notifies the `alarmTopic`, when given.
   */
  readonly alarms: cloudwatch.Alarm[];
  /** The construct's key metrics, in the order a dashboard shows them. */
  readonly keyMetrics: MonitoredMetric[];
}

/**
 * OBS1: the base of every construct of the library: `alarms` are every alarm under it (those of
 * the functions it created included), so none is left out, and each construct names its key metrics.
 */
export abstract class MonitoredConstruct extends Construct implements IMonitored {
  /** The construct's key metrics, in the order a dashboard shows them. */
  public abstract readonly keyMetrics: MonitoredMetric[];

  /** Every alarm the construct created, the alarms of the functions it created included (OBS1). */
  public get alarms(): cloudwatch.Alarm[] {
    return alarmsUnder(this);
  }
}
