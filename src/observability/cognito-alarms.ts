import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { MonitoredMetric } from './monitored';
import { ALARM_PERIODS } from '../core/defaults';

/**
 * OBS1: a user pool's sign-ins, sign-in throttles and token refreshes through its app client, per
 * alarm period of events (Cognito publishes them per pool and client).
 */
export function userPoolKeyMetrics(userPool: cognito.IUserPool, client: cognito.IUserPoolClient): MonitoredMetric[] {
  const metric = (metricName: string) => new cloudwatch.Metric({
    namespace: 'AWS/Cognito',
    metricName,
    dimensionsMap: { UserPool: userPool.userPoolId, UserPoolClient: client.userPoolClientId },
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(ALARM_PERIODS.eventsMinutes),
  });
  return [
    { label: 'Sign-ins', metric: metric('SignInSuccesses') },
    { label: 'Sign-in throttles', metric: metric('SignInThrottles') },
    { label: 'Token refreshes', metric: metric('TokenRefreshSuccesses') },
  ];
}
