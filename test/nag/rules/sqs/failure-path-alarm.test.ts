import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { failurePathAlarm } from '../../../../src/nag/rules/sqs';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

function depthAlarm(stack: Stack, id: string, queue: sqs.IQueue): cloudwatch.Alarm {
  return queue.metricApproximateNumberOfMessagesVisible().createAlarm(stack, id, { threshold: 0, evaluationPeriods: 1 });
}

/** Each way a plain app makes a queue the end of a failure path. */
const FAILURE_PATHS: { [name: string]: (stack: Stack, queue: sqs.Queue) => void } = {
  'a queue\'s redrive policy': (stack, queue) => new sqs.Queue(stack, 'Source', { deadLetterQueue: { queue, maxReceiveCount: 3 } }),
  'an SNS subscription\'s redrive policy': (stack, queue) => new sns.Topic(stack, 'Topic')
    .addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(stack, 'Subscriber'), { deadLetterQueue: queue })),
  'a stream event source mapping\'s on-failure destination': (stack, queue) => {
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE,
    });
    plainFunction(stack, 'Fn').addEventSource(new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.LATEST, onFailure: new sources.SqsDlq(queue),
    }));
  },
  'an event invoke config\'s on-failure destination': (stack, queue) => plainFunction(stack, 'Fn', {
    onFailure: new destinations.SqsDestination(queue),
  }),
  'a function\'s dead-letter queue': (stack, queue) => plainFunction(stack, 'Fn', { deadLetterQueue: queue }),
  'an EventBridge target\'s dead-letter queue': (stack, queue) => new events.Rule(stack, 'Rule', {
    schedule: events.Schedule.rate(Duration.hours(1)),
    targets: [new targets.LambdaFunction(plainFunction(stack, 'Fn'), { deadLetterQueue: queue })],
  }),
  'a Scheduler target\'s dead-letter queue': (stack, queue) => new scheduler.CfnSchedule(stack, 'Schedule', {
    scheduleExpression: 'rate(1 hour)',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: plainFunction(stack, 'Fn').functionArn, roleArn: 'arn:aws:iam::123456789012:role/s', deadLetterConfig: { arn: queue.queueArn } },
  }),
  'a pipe\'s dead-letter queue': (stack, queue) => new pipes.CfnPipe(stack, 'Pipe', {
    roleArn: 'arn:aws:iam::123456789012:role/p',
    source: 'arn:aws:kinesis:eu-west-1:123456789012:stream/s',
    target: plainFunction(stack, 'Fn').functionArn,
    sourceParameters: { kinesisStreamParameters: { startingPosition: 'LATEST', deadLetterConfig: { arn: queue.queueArn } } },
  }),
};

describe('Guardrails-FailurePathAlarm (OBS1)', () => {
  test.each(Object.keys(FAILURE_PATHS))('a queue at the end of %s without an alarm is a finding; with a depth alarm it is compliant', (name) => {
    const bare = newStack();
    const unwatched = new sqs.Queue(bare.stack, 'Failures');
    FAILURE_PATHS[name](bare.stack, unwatched);
    expect(ruleResult(failurePathAlarm, unwatched)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(bare.app)).toContain('Guardrails-FailurePathAlarm at TestStack/Failures/Resource');

    const fixed = newStack();
    const watched = new sqs.Queue(fixed.stack, 'Failures');
    FAILURE_PATHS[name](fixed.stack, watched);
    depthAlarm(fixed.stack, 'FailuresDepth', watched);
    expect(ruleResult(failurePathAlarm, watched)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(fixed.app).filter((finding) => finding.startsWith('Guardrails-FailurePathAlarm'))).toEqual([]);
  });

  test('a queue that ends no failure path is not applicable, alarmed or not', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Work');
    const alarmed = new sqs.Queue(stack, 'Alarmed');
    depthAlarm(stack, 'AlarmedDepth', alarmed);
    expect(ruleResult(failurePathAlarm, queue)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(failurePathAlarm, alarmed)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('only the visible-messages metric of this queue counts: another metric or another queue\'s alarm is a finding', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const other = new sqs.Queue(stack, 'Other');
    new sqs.Queue(stack, 'Source', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    dlq.metricApproximateAgeOfOldestMessage().createAlarm(stack, 'Age', { threshold: 60, evaluationPeriods: 1 });
    depthAlarm(stack, 'OtherDepth', other);
    expect(ruleResult(failurePathAlarm, dlq)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('an alarm on a math expression over the depth, or on the literal queue name, counts', () => {
    const { stack } = newStack();
    const viaMath = new sqs.Queue(stack, 'ViaMath');
    const viaName = new sqs.Queue(stack, 'ViaName', { queueName: 'orders-dlq' });
    new sqs.Queue(stack, 'Source1', { deadLetterQueue: { queue: viaMath, maxReceiveCount: 3 } });
    new sqs.Queue(stack, 'Source2', { deadLetterQueue: { queue: viaName, maxReceiveCount: 3 } });
    new cloudwatch.MathExpression({ expression: 'depth * 1', usingMetrics: { depth: viaMath.metricApproximateNumberOfMessagesVisible() } })
      .createAlarm(stack, 'MathAlarm', { threshold: 0, evaluationPeriods: 1 });
    new cloudwatch.Metric({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionsMap: { QueueName: 'orders-dlq' } })
      .createAlarm(stack, 'NameAlarm', { threshold: 0, evaluationPeriods: 1 });
    expect(ruleResult(failurePathAlarm, viaMath)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(failurePathAlarm, viaName)).toBe(NagRuleCompliance.COMPLIANT);
  });
});
