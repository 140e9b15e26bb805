import * as path from 'path';
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { GuardedFunction, QueueProcessor, TableStreamProcessor } from '../src';
import { queueDepthAlarm } from '../src/monitoring/alarms';
import { createFailureQueue } from '../src/queue/failure-queue';

const handlers = path.join(__dirname, 'handlers');

/** Guarded functions in their two configurations: synchronous and asynchronous. */
export class FunctionsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true, masterKey: undefined });

    // Synchronous: invoked by a caller that waits for the answer.
    new GuardedFunction(this, 'Hello', {
      entry: path.join(handlers, 'hello.ts'),
      description: 'Synchronous guarded function',
      alarmTopic,
    });

    // Asynchronous: a nightly EventBridge schedule (EV1) invokes the alias; failed events end in the
    // function's failure destination (FN9), undeliverable ones in the rule target's DLQ.
    const report = new GuardedFunction(this, 'NightlyReport', {
      entry: path.join(handlers, 'nightly-report.ts'),
      description: 'Asynchronous guarded function with a failure destination',
      timeout: Duration.minutes(2),
      asyncInvocation: { retryAttempts: 2, maxEventAge: Duration.hours(2) },
      alarmTopic,
    });
    const targetDlq = createFailureQueue(this, 'ScheduleTargetDlq');
    queueDepthAlarm(this, 'ScheduleTargetDlqDepthAlarm', targetDlq, alarmTopic);
    new events.Rule(this, 'NightlySchedule', {
      schedule: events.Schedule.cron({ minute: '0', hour: '2' }),
      targets: [new targets.LambdaFunction(report.alias, {
        retryAttempts: 2,
        maxEventAge: Duration.hours(2),
        deadLetterQueue: targetDlq,
      })],
    });
  }
}

/** Event processors that never lose or block a record: DynamoDB stream → Lambda and SQS → Lambda. */
export class EventProcessorsStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = new sns.Topic(this, 'AlarmTopic', { enforceSSL: true, masterKey: undefined });

    new TableStreamProcessor(this, 'Orders', {
      tableProps: {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        timeToLiveAttribute: 'expiresAt',
      },
      processor: { entry: path.join(handlers, 'order-stream-processor.ts'), timeout: Duration.seconds(30) },
      maxBatchingWindow: Duration.seconds(5),
      alarmTopic,
    });

    new QueueProcessor(this, 'Payments', {
      queueProps: { fifo: true, maxReceiveCount: 3 },
      processor: { entry: path.join(handlers, 'payment-queue-processor.ts'), timeout: Duration.seconds(20) },
      alarmTopic,
    });
  }
}

/** The reference app: every pattern of the library, as a user would write it. */
export function buildReferenceApp(app: App): Stack[] {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT ?? '123456789012', region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-1' };
  return [
    new FunctionsStack(app, 'GuardrailsFunctions', { env }),
    new EventProcessorsStack(app, 'GuardrailsEventProcessors', { env }),
  ];
}
