import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';

/** FN11: how CodeDeploy moves the alias's traffic from the running version to the new one. */
export enum TrafficShiftingKind {
  /** One step of `percentage`, then the rest after `interval`. */
  CANARY = 'canary',
  /** `percentage` more every `interval` until all traffic is on the new version. */
  LINEAR = 'linear',
  /** All traffic at once (still with hooks, alarms and automatic rollback). */
  ALL_AT_ONCE = 'allAtOnce',
  /** A deployment configuration of CodeDeploy's own or one you created. */
  PREDEFINED = 'predefined',
}

/**
 * FN11: the traffic shifting of a guarded function's deployment: a canary, linear steps, all at
 * once, or one of CodeDeploy's predefined configurations (`LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES`, ...).
 */
export class TrafficShifting {
  /**
   * `percentage` (1–99, whole) of the traffic goes to the new version. After `interval`
   * (1–2,880 whole minutes) the rest follows, unless an alarm fired.
   */
  public static canary(percentage: number, interval: Duration): TrafficShifting {
    return new TrafficShifting(TrafficShiftingKind.CANARY, percentage, interval);
  }

  /** Every `interval` (1–2,880 whole minutes), `percentage` (1–99, whole) more of the traffic goes to the new version. */
  public static linear(percentage: number, interval: Duration): TrafficShifting {
    return new TrafficShifting(TrafficShiftingKind.LINEAR, percentage, interval);
  }

  /** All traffic at once. The hooks and the alarms still decide whether the deployment stays. */
  public static allAtOnce(): TrafficShifting {
    return new TrafficShifting(TrafficShiftingKind.ALL_AT_ONCE);
  }

  /** A CodeDeploy deployment configuration for Lambda, e.g. `LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE`. */
  public static predefined(config: codedeploy.ILambdaDeploymentConfig): TrafficShifting {
    return new TrafficShifting(TrafficShiftingKind.PREDEFINED, undefined, undefined, config);
  }

  private constructor(
    /** Canary, linear, all at once or predefined. */
    public readonly kind: TrafficShiftingKind,
    /** The share of traffic of one step, for a canary or linear shift. */
    public readonly percentage?: number,
    /** The wait between steps, for a canary or linear shift. */
    public readonly interval?: Duration,
    /** The configuration, when predefined. */
    public readonly config?: codedeploy.ILambdaDeploymentConfig,
  ) {}
}

/** FN12: a scheduled change of the provisioned concurrency's range, e.g. more before the morning peak. */
export interface ScheduledProvisionedConcurrency {
  /** When the action runs, e.g. `Schedule.cron({ hour: '7', minute: '45' })`. */
  readonly schedule: appscaling.Schedule;
  /**
   * The new minimum, at least 1 and at most the reserved concurrency.
   * @default - unchanged
   */
  readonly minCapacity?: number;
  /**
   * The new maximum, at least 1 and at most the reserved concurrency.
   * @default - unchanged
   */
  readonly maxCapacity?: number;
}

/**
 * FN12: provisioned concurrency managed by Application Auto Scaling: target tracking on
 * `LambdaProvisionedConcurrencyUtilization` and optional scheduled actions.
 */
export interface ProvisionedConcurrencyScaling {
  /**
   * The fewest provisioned executions, at least 1.
   * @default 1
   */
  readonly minCapacity?: number;
  /** The most provisioned executions, at least `minCapacity` and at most the reserved concurrency (FN5). */
  readonly maxCapacity: number;
  /**
   * The share of provisioned concurrency kept in use, 0.1–0.9.
   * @default 0.7
   */
  readonly utilizationTarget?: number;
  /**
   * Scheduled changes of the range, by name (letters, digits, `-` and `_`, used in construct IDs).
   * @default - none
   */
  readonly schedules?: { [name: string]: ScheduledProvisionedConcurrency };
}

/** FN11: an alarm on a metric of the version being deployed that rolls the deployment back. */
export interface DeployedVersionAlarmProps {
  /** A Lambda metric, e.g. `Duration` or `Errors`. */
  readonly metricName: string;
  /** The alarm fires when the metric reaches this value (see `comparisonOperator`). */
  readonly threshold: number;
  /**
   * The statistic, e.g. `p99` or `Sum`.
   * @default 'Sum'
   */
  readonly statistic?: string;
  /**
   * How the metric is compared with the threshold.
   * @default ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
   */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  /**
   * Why somebody is paged.
   * @default - names the function, the metric and the threshold
   */
  readonly description?: string;
}
