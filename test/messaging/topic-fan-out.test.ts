import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TopicFanOut, TopicFanOutProps } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectValidationError, newStack, validationErrorOf } from '../support/stacks';

const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');
const processor = { code, handler: 'index.handler' };
const large = sns.SubscriptionFilter.numericFilter({ greaterThan: 100 });

function fanOut(props: TopicFanOutProps = {}, stack: Stack = newStack().stack) {
  return new TopicFanOut(stack, 'Orders', props);
}

/** The standard fan-out of the README: a queue processor for large orders, a function for EU orders. */
function standard() {
  const { app, stack } = newStack();
  const orders = fanOut({}, stack);
  const billing = orders.addQueueProcessor('Billing', { processor }, { filterPolicy: { total: large }, rawMessageDelivery: true });
  const audit = orders.addFunction('Audit', processor, { filterPolicy: { region: sns.SubscriptionFilter.stringFilter({ allowlist: ['eu'] }) } });
  return { app, stack, orders, billing, audit, template: Template.fromStack(stack) };
}

describe('TopicFanOut defaults', () => {
  test('MSG3/SEC1: the topic is encrypted with a rotating, retained key and accepts publishing over TLS only', () => {
    const { template } = standard();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersKey'), 'Arn'] } });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('MSG3: every subscription redrives to a DLQ of its own, with a depth alarm', () => {
    const { template } = standard();
    for (const [endpoint, dlq] of [['^OrdersBillingQueue', '^OrdersBillingDeadLetterQueue'], ['^OrdersAuditAlias', '^OrdersAuditDeadLetterQueue']]) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Endpoint: Match.anyValue(),
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp(dlq), 'Arn'] } },
      });
      expect(JSON.stringify(template.findResources('AWS::SNS::Subscription'))).toMatch(new RegExp(endpoint.slice(1)));
    }
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResource('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true }, DeletionPolicy: 'Retain' });
  });

  test('filter policies and raw delivery as given', () => {
    const { template } = standard();
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs', RawMessageDelivery: true, FilterPolicy: { total: [{ numeric: ['>', 100] }] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', FilterPolicy: { region: ['eu'] } });
  });

  test('SEC2: queue policies let only this topic send, to the subscribed queue and to each subscription DLQ', () => {
    const { template } = standard();
    const sendStatements = Object.values(template.findResources('AWS::SQS::QueuePolicy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow' && statement.Principal?.Service === 'sns.amazonaws.com');
    expect(sendStatements.length).toBe(3);
    for (const statement of sendStatements) {
      expect(statement).toMatchObject({ Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: expect.stringMatching(/^OrdersTopic/) } } } });
    }
  });

  test('SEC2/FN9: the function is invoked through its alias by this topic only, and keeps failed invocations', () => {
    const { template, audit } = standard();
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: { Ref: Match.stringLikeRegexp('^OrdersTopic') },
      FunctionName: { Ref: Match.stringLikeRegexp('^OrdersAuditAlias') },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersAuditFailureQueue'), 'Arn'] } } },
    });
    expect(audit.failureQueue).toBeInstanceOf(sqs.Queue);
  });

  test('grantPublish: sns:Publish on the topic and exactly kms:GenerateDataKey and kms:Decrypt on its key', () => {
    const { stack } = newStack();
    const orders = fanOut({}, stack);
    const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    orders.grantPublish(role);
    const statements = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: expect.stringMatching(/^OrdersTopic/) } },
      { Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey']), Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] } },
    ]);
    expect(statements[1].Action).toHaveLength(2);
  });

  test('OBS1: alarms on failed, redriven and lost notifications and on each DLQ; the subscribers\' own alarms', () => {
    const { orders, template } = standard();
    const paths = alarmPathsOf(orders).map((p) => p.replace('TestStack/Orders/', ''));
    expect(paths).toEqual(expect.arrayContaining([
      'NotificationsFailedAlarm', 'NotificationsRedrivenAlarm', 'NotificationsFailedToRedriveAlarm',
      'BillingDeadLetterQueueDepthAlarm', 'AuditDeadLetterQueueDepthAlarm', 'Billing/DeadLetterQueueDepthAlarm', 'Audit/ErrorsAlarm',
    ]));
    for (const metric of ['NumberOfNotificationsFailed', 'NumberOfNotificationsRedrivenToDlq', 'NumberOfNotificationsFailedToRedriveToDlq']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SNS', MetricName: metric, Threshold: 1 });
    }
    expect(keyMetricsOf(orders).map((m) => m.label)).toEqual([
      'Messages published', 'Notifications delivered', 'Notifications failed', 'Notifications redriven to a DLQ',
      'Subscription DLQ depth (Billing)', 'Subscription DLQ depth (Audit)',
    ]);
  });

  test('FIFO: a FIFO topic with content-based deduplication, FIFO queue processor and FIFO subscription DLQ', () => {
    const { stack } = newStack();
    const orders = fanOut({ fifo: true }, stack);
    orders.addQueueProcessor('Ledger', { processor, queueProps: { fifo: true } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: true, ContentBasedDeduplication: true });
    template.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, MessageRetentionPeriod: 1_209_600 });
    expect(Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { FifoQueue: true } })).length).toBe(3);
  });

  test('an existing queue', () => {
    const { stack } = newStack();
    const orders = fanOut({}, stack);
    const queue = new sqs.Queue(stack, 'Archive', { enforceSSL: true });
    orders.addQueue('Archive', queue, { rawMessageDelivery: true });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Archive'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersArchiveDeadLetterQueue'), 'Arn'] } },
    });
  });

  test('no unacknowledged nag finding', () => {
    const { app } = standard();
    expectNoUnacknowledgedFindings(app);
  });
});

describe('TopicFanOut validation', () => {
  test('FIFO topics fan out to FIFO queues only; standard topics not to FIFO queues', () => {
    const { stack } = newStack();
    const fifo = fanOut({ fifo: true }, stack);
    expectValidationError(() => fifo.addQueueProcessor('Billing', { processor }),
      { path: 'Orders', prop: 'Billing', rule: /FIFO topic fans out to FIFO queues only/, value: '"a QueueProcessor (standard)"', practice: 'MSG2' });
    expectValidationError(() => fifo.addFunction('Audit', processor),
      { path: 'Orders', prop: 'Audit', rule: /FIFO queues only/, value: '"a function (standard)"', practice: 'MSG2' });
    const plain = new TopicFanOut(stack, 'Plain');
    expectValidationError(() => plain.addQueue('Ledger', new sqs.Queue(stack, 'Ledger', { fifo: true })),
      { path: 'Plain', prop: 'Ledger', rule: /standard topic cannot deliver to a FIFO queue/, value: '"the queue (FIFO)"', practice: 'MSG2' });
  });

  test('filter policies: at most 5 keys, 150 combinations, 256 KB, one kind', () => {
    const orders = fanOut();
    const six = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, sns.SubscriptionFilter.existsFilter()]));
    expectValidationError(() => orders.addQueueProcessor('A', { processor }, { filterPolicy: six }),
      { path: 'Orders', prop: 'A filterPolicy', rule: /at most 5 keys/, value: '"a, b, c, d, e, f"', practice: 'MSG3' });
    const values = (n: number) => sns.SubscriptionFilter.stringFilter({ allowlist: Array.from({ length: n }, (_, i) => `v${i}`) });
    expectValidationError(() => orders.addQueueProcessor('B', { processor }, { filterPolicy: { x: values(13), y: values(12) } }),
      { path: 'Orders', prop: 'B filterPolicy', rule: /at most 150 combinations/, value: '"156 combinations"', practice: 'MSG3' });
    const lines = sns.FilterOrPolicy.policy({ sku: sns.FilterOrPolicy.filter(values(100)) });
    const body = { order: sns.FilterOrPolicy.policy({ lines, total: sns.FilterOrPolicy.filter(values(2)) }) };
    expectValidationError(() => orders.addQueueProcessor('C', { processor }, { filterPolicyWithMessageBody: body }),
      { path: 'Orders', prop: 'C filterPolicyWithMessageBody', rule: /at most 150 combinations/, value: '"200 combinations"', practice: 'MSG3' });
    const huge = sns.SubscriptionFilter.stringFilter({ allowlist: Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(3000, 'x')) });
    expectValidationError(() => orders.addQueueProcessor('D', { processor }, { filterPolicy: { x: huge } }),
      { path: 'Orders', prop: 'D filterPolicy', rule: /at most 262144 bytes/, value: '"300307 bytes"', practice: 'MSG3' });
    expectValidationError(() => orders.addQueueProcessor('E', { processor }, { filterPolicy: { x: values(1) }, filterPolicyWithMessageBody: body }),
      { path: 'Orders', prop: 'E filterPolicy/E filterPolicyWithMessageBody', rule: /at most one/, value: '"both"', practice: 'MSG3' });
  });

  test('a nested message body policy within the limits passes', () => {
    const orders = fanOut();
    const nested = sns.FilterOrPolicy.policy({ c: sns.FilterOrPolicy.filter(large) });
    const body = { order: sns.FilterOrPolicy.policy({ a: sns.FilterOrPolicy.filter(large), b: nested }) };
    expect(() => orders.addQueueProcessor('Billing', { processor }, { filterPolicyWithMessageBody: body })).not.toThrow();
  });

  test('names, deduplication, raw delivery; the processor\'s own props in the same error', () => {
    expectValidationError(() => fanOut({ topicName: 'orders topic' }),
      { path: 'Orders', prop: 'topicName', rule: /1–256 characters/, value: '"orders topic"', practice: 'MSG3' });
    expectValidationError(() => fanOut({ displayName: 'x'.repeat(101) }),
      { path: 'Orders', prop: 'displayName', rule: /at most 100 characters/, value: `"${'x'.repeat(101)}"`, practice: 'MSG3' });
    expectValidationError(() => fanOut({ contentBasedDeduplication: true }),
      { path: 'Orders', prop: 'contentBasedDeduplication', rule: /FIFO topics only/, value: 'true', practice: 'MSG2' });
    const orders = fanOut();
    expectValidationError(() => orders.addFunction('Audit', processor, { rawMessageDelivery: true }),
      { path: 'Orders', prop: 'Audit rawMessageDelivery', rule: /queue subscribers only/, value: 'true', practice: 'MSG3' });
    const error = validationErrorOf(() => orders.addQueueProcessor('Billing', { processor: { ...processor, memorySize: 1 }, batchSize: 0 },
      { filterPolicy: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, large])) }));
    expect(error.problems.map((p) => [p.constructPath, p.prop])).toEqual([
      ['TestStack/Orders', 'Billing filterPolicy'], ['TestStack/Orders/Billing', 'batchSize'], ['TestStack/Orders/Billing/Processor', 'memorySize'],
    ]);
  });
});
