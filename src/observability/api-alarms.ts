import { Duration, Tokenization } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { createAlarm } from './alarms';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS, API_DEFAULTS } from '../core/defaults';
import { API_INTEGRATION_TIMEOUT_SECONDS } from '../core/limits';

/** OBS1: a REST API's requests, 4XX and 5XX responses (sums) and p99 latency over 5 minutes. */
export function apiMetrics(api: apigw.RestApi) {
  const period = Duration.minutes(ALARM_PERIODS.eventsMinutes);
  return {
    count: api.metricCount({ period, statistic: cloudwatch.Stats.SUM }),
    clientErrors: api.metricClientError({ period, statistic: cloudwatch.Stats.SUM }),
    serverErrors: api.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
    latency: api.metricLatency({ period, statistic: cloudwatch.Stats.p(99) }),
  };
}

/** OBS1: a REST API's key metrics: requests, 4XX and 5XX responses, p99 latency. */
export function apiKeyMetrics(api: apigw.RestApi): MonitoredMetric[] {
  const metrics = apiMetrics(api);
  return [
    { label: 'Requests', metric: metrics.count },
    { label: '4XX responses', metric: metrics.clientErrors },
    { label: '5XX responses', metric: metrics.serverErrors },
    { label: 'Latency (p99, ms)', metric: metrics.latency },
  ];
}

/** OBS1: any 5XX response of the API of `scope` in 5 minutes. */
export function serverErrorAlarm(scope: Construct, id: string, api: apigw.RestApi, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: apiMetrics(api).serverErrors,
    threshold: 1,
    description: `${scope.node.path}: the API returned 5XX responses (OBS1).`,
  }, topic);
}

/** OBS1, API6: p99 latency at 90 % of the 29 s integration timeout. */
export function latencyAlarm(scope: Construct, id: string, api: apigw.RestApi, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: apiMetrics(api).latency,
    threshold: API_DEFAULTS.latencyAlarmMillis,
    description: `${scope.node.path}: p99 latency is near the ${API_INTEGRATION_TIMEOUT_SECONDS} s integration timeout (API6, OBS1).`,
  }, topic);
}

/** OBS1: 4XX responses above `percent` of the requests in 5 minutes. */
export function clientErrorRateAlarm(scope: Construct, id: string, api: apigw.RestApi, percent: number, topic?: sns.ITopic): cloudwatch.Alarm {
  return createAlarm(scope, id, {
    metric: new cloudwatch.MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: {
        errors: api.metricClientError({ statistic: cloudwatch.Stats.SUM }),
        requests: api.metricCount({ statistic: cloudwatch.Stats.SUM }),
      },
      period: Duration.minutes(ALARM_PERIODS.eventsMinutes),
    }),
    threshold: percent,
    comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    // stringifyNumber keeps a token a token (a number token in a template string prints as a huge negative number).
    description: `${scope.node.path}: more than ${Tokenization.stringifyNumber(percent)} % of requests got a 4XX response (OBS1).`,
  }, topic);
}
