import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { Construct } from 'constructs';
import { GuardedFunction, ReservedConcurrency, TrafficHook, TrafficShifting } from '../src';
import { createAlarmTopic } from './topics';

const handlers = path.join(__dirname, 'handlers');

/**
 * Safe rollout (FN11) and provisioned concurrency that scales (FN12): a function whose new versions
 * reach its alias through a CodeDeploy canary after a pre-traffic smoke test, and a function whose
 * provisioned concurrency follows its utilization and a schedule.
 */
export class SafeRolloutStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    // Each new version: the hook invokes it with a smoke payload first, then 10 % of the traffic
    // for 5 minutes, then all of it; any error of the new version rolls it back.
    const greeter = new GuardedFunction(this, 'Greeter', {
      entry: path.join(handlers, 'hello.ts'),
      description: 'Rolled out by a CodeDeploy canary after a pre-traffic smoke test',
      deployment: {
        trafficShifting: TrafficShifting.canary(10, Duration.minutes(5)),
        preTraffic: TrafficHook.guarded({
          entry: path.join(handlers, 'pre-traffic-hook.ts'),
          description: 'Pre-traffic hook: smoke test of the version under test',
          timeout: Duration.seconds(30),
        }),
      },
      alarmTopic,
    });
    greeter.addRollbackAlarm('LatencyRollbackAlarm', { metricName: 'Duration', statistic: 'p99', threshold: 1_000 });

    // No cold starts in business hours: 1–5 provisioned executions kept 70 % busy, at least 3 on weekdays 8–18 UTC.
    new GuardedFunction(this, 'Catalog', {
      entry: path.join(handlers, 'hello.ts'),
      description: 'Provisioned concurrency managed by Application Auto Scaling',
      reservedConcurrency: ReservedConcurrency.of(20),
      provisionedConcurrencyScaling: {
        maxCapacity: 5,
        schedules: {
          BusinessHours: { schedule: appscaling.Schedule.cron({ weekDay: 'MON-FRI', hour: '8', minute: '0' }), minCapacity: 3 },
          AfterHours: { schedule: appscaling.Schedule.cron({ weekDay: 'MON-FRI', hour: '18', minute: '0' }), minCapacity: 1 },
        },
      },
      alarmTopic,
    });
  }
}
