import * as path from 'path';
import { Duration, Stack, StackProps, TimeZone } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { JobSchedule, JobTarget, ScheduledJob, TopicFanOut } from '../src';
import { createAlarmTopic } from './topics';

const handlers = path.join(__dirname, 'handlers');

/**
 * Scheduled work and fan-out (EV1, MSG3, SEC2): a nightly job in Berlin time, and order events
 * fanned out to two consumers that each see only what their filter policy admits.
 */
export class JobsFanOutStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    new ScheduledJob(this, 'NightlyCleanup', {
      schedule: JobSchedule.cron('0 3 * * ? *', TimeZone.EUROPE_BERLIN),
      target: JobTarget.function({ entry: path.join(handlers, 'nightly-cleanup.ts'), timeout: Duration.minutes(5) }),
      description: 'Deletes expired drafts every night at 03:00 Berlin time',
      alarmTopic,
    });

    const orderEvents = new TopicFanOut(this, 'OrderEvents', { alarmTopic });
    // Billing: orders above 100 (a numeric attribute), as published.
    orderEvents.addQueueProcessor('Billing', {
      processor: { entry: path.join(handlers, 'order-event-consumer.ts'), handler: 'billing' },
    }, {
      filterPolicy: { total: sns.SubscriptionFilter.numericFilter({ greaterThan: 100 }) },
      rawMessageDelivery: true,
    });
    // Shipping: paid orders (a string attribute), in SNS's envelope.
    orderEvents.addQueueProcessor('Shipping', {
      processor: { entry: path.join(handlers, 'order-event-consumer.ts'), handler: 'shipping' },
    }, {
      filterPolicy: { status: sns.SubscriptionFilter.stringFilter({ allowlist: ['paid'] }) },
    });
  }
}
