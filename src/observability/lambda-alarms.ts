import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS, DEPLOYMENT_DEFAULTS, FUNCTION_DEFAULTS } from '../core/defaults';

/** OBS1: the metrics of a function that its alarms and dashboards read, over 5 minutes. */
export function functionMetrics(fn: lambda.IFunction) {
  const period = Duration.minutes(ALARM_PERIODS.eventsMinutes);
  return {
    invocations: fn.metricInvocations({ period, statistic: cloudwatch.Stats.SUM }),
    errors: fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
    throttles: fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
    duration: fn.metricDuration({ period, statistic: cloudwatch.Stats.MAXIMUM }),
  };
}

/** OBS1: a function's key metrics: invocations, errors, throttles, the slowest invocation. */
export function functionKeyMetrics(fn: lambda.IFunction): MonitoredMetric[] {
  const metrics = functionMetrics(fn);
  return [
    { label: 'Invocations', metric: metrics.invocations },
    { label: 'Errors', metric: metrics.errors },
    { label: 'Throttles', metric: metrics.throttles },
    { label: 'Duration (maximum)', metric: metrics.duration },
  ];
}

/** OBS1: any error of a function in 5 minutes, for guarded functions and the ones users bring alike. */
export function functionErrorsAlarm(scope: Construct, id: string, fn: lambda.IFunction, what: string, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: functionMetrics(fn).errors,
    threshold: 1,
    description: `${what} returned errors (OBS1).`,
  }, topic);
}

/** OBS1, FN5: any throttle of the function of `scope` in 5 minutes. */
export function functionThrottlesAlarm(scope: Construct, id: string, fn: lambda.IFunction, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: functionMetrics(fn).throttles,
    threshold: 1,
    description: `${scope.node.path}: invocations were throttled; check the reserved concurrency (FN5, OBS1).`,
  }, topic);
}

/** OBS1, FN2: the slowest invocation of the function of `scope` reached 90 % of its timeout. */
export function functionDurationAlarm(scope: Construct, id: string, fn: lambda.IFunction, timeoutSeconds: number,
  topic?: sns.ITopic): cloudwatch.Alarm {
  const ratio = FUNCTION_DEFAULTS.durationAlarmRatio;
  return createAlarm(scope, id, {
    metric: functionMetrics(fn).duration,
    threshold: Math.floor(timeoutSeconds * 1000 * ratio),
    description: `${scope.node.path}: an invocation took ${ratio * 100}% of the ${timeoutSeconds} s timeout (FN2, OBS1).`,
  }, topic);
}

/**
 * FN11: a metric of the invocations of `alias` that ran `version` only: Lambda's dimensions
 * `FunctionName`, `Resource` (function:alias) and `ExecutedVersion`. During a canary the alias
 * runs two versions; this metric counts only the one being deployed, over 1 minute by default.
 */
export function deployedVersionMetric(alias: lambda.Alias, version: lambda.IVersion, metricName: string,
  options: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
  const functionName = alias.version.lambda.functionName;
  return new cloudwatch.Metric({
    namespace: 'AWS/Lambda',
    metricName,
    period: Duration.minutes(DEPLOYMENT_DEFAULTS.rollbackAlarmPeriodMinutes),
    statistic: cloudwatch.Stats.SUM,
    ...options,
    dimensionsMap: { FunctionName: functionName, Resource: `${functionName}:${alias.aliasName}`, ExecutedVersion: version.version },
  });
}

/** FN11, OBS1: any error of the version being deployed, in 1 minute: the alarm that rolls a deployment back. */
export function deployedVersionErrorsAlarm(scope: Construct, id: string, alias: lambda.Alias, version: lambda.IVersion,
  topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: deployedVersionMetric(alias, version, 'Errors'),
    threshold: 1,
    description: `${scope.node.path}: the version being deployed returned errors; CodeDeploy rolls the deployment back (FN11, OBS1).`,
  }, topic);
}
