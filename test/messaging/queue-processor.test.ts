import { CfnParameter, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueProcessor, QueueProcessorProps, ReservedConcurrency } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack, plainFunction, validationErrorOf } from '../support/stacks';

// Inline code is not an asset, so one props object can serve many test stacks.
const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');
const processor = { code, handler: 'index.handler' };

function synth(props: Partial<QueueProcessorProps> = {}) {
  const { app, stack } = newStack();
  const construct = new QueueProcessor(stack, 'Payments', { processor, ...props });
  return { app, stack, construct, template: Template.fromStack(stack) };
}

describe('QueueProcessor defaults', () => {
  test('MSG1/ES3: encrypted queue, long polling, visibility 6 × timeout, DLQ with redrive after 5 receives', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      ReceiveMessageWaitTimeSeconds: 20,
      VisibilityTimeout: 60,
      MessageRetentionPeriod: 345_600,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PaymentsDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 5 },
    });
    template.hasResource('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true }, DeletionPolicy: 'Retain' });
    expect(Object.values(template.findResources('AWS::SQS::QueuePolicy')).length).toBe(2); // SSL only on both
  });

  test('ES4: partial batch responses, batch size 10, max concurrency = reserved concurrency, on the alias', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 10 },
      FunctionName: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
  });

  test('the SQS mapping is not asked for a destination: acknowledged with its reason', () => {
    const { construct } = synth();
    const acknowledgement = acknowledgementsUnder(construct).find((a) => a.id === 'Serverless-LambdaEventSourceMappingDestination');
    expect(acknowledgement?.path).toBe(construct.eventSourceMapping.node.path);
    expect(acknowledgement?.reason).toMatch(/^ES4: /);
  });

  test('OBS1: DLQ depth, oldest message and function errors alarms', () => {
    const { template, construct } = synth();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 300, ComparisonOperator: 'GreaterThanThreshold' });
    expect(construct.processorErrorsAlarm).toBe(construct.processor!.errorsAlarm);
  });

  test('IMonitored: every alarm, the processor\'s included; the backlog and the DLQ\'s depth as key metrics', () => {
    const { construct, stack } = synth();
    expect(alarmPathsOf(construct)).toEqual([
      'TestStack/Payments/Processor/ErrorsAlarm', 'TestStack/Payments/Processor/ThrottlesAlarm', 'TestStack/Payments/Processor/DurationAlarm',
      'TestStack/Payments/DeadLetterQueueDepthAlarm', 'TestStack/Payments/OldestMessageAlarm',
    ]);
    expect(keyMetricsOf(construct)).toEqual([
      { label: 'Visible messages', namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', period: 60 },
      { label: 'Age of the oldest message (s)', namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', statistic: 'Maximum', period: 60 },
      { label: 'Dead-letter queue depth', namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', period: 60 },
    ]);
    const queueOf = (i: number) => stack.resolve(construct.keyMetrics[i].metric.toMetricConfig().metricStat!.dimensions);
    expect(queueOf(0)).toEqual([{ name: 'QueueName', value: stack.resolve(construct.queue.queueName) }]);
    expect(queueOf(2)).toEqual([{ name: 'QueueName', value: stack.resolve(construct.deadLetterQueue!.queueName) }]);
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(synth().app);
  });
});

describe('QueueProcessor maximal configuration', () => {
  function maximal() {
    const { app, stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const alarmTopic = new sns.Topic(stack, 'Alarms', { enforceSSL: true, masterKey: key });
    const construct = new QueueProcessor(stack, 'Payments', {
      queueProps: { fifo: true, visibilityTimeout: Duration.minutes(5), retentionPeriod: Duration.days(7), maxReceiveCount: 3, encryptionKey: key, queueName: 'payments.fifo' },
      processor: { ...processor, timeout: Duration.seconds(30), reservedConcurrency: ReservedConcurrency.of(20) },
      batchSize: 10,
      maxConcurrency: 15,
      oldestMessageAlarmThreshold: Duration.minutes(10),
      alarmTopic,
    });
    return { app, construct, template: Template.fromStack(stack) };
  }

  test('MSG2: FIFO queue with content-based dedup and a FIFO DLQ; every option reaches the template', () => {
    const { template } = maximal();
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      QueueName: 'payments.fifo',
      VisibilityTimeout: 300,
      MessageRetentionPeriod: 604_800,
      KmsMasterKeyId: Match.anyValue(),
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, MessageRetentionPeriod: 1_209_600, KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, ScalingConfig: { MaximumConcurrency: 15 } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 600, AlarmActions: [Match.anyValue()] });
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(maximal().app);
  });
});

describe('QueueProcessor with existing resources', () => {
  test('an existing queue with a DLQ and an existing function', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack, 'Existing', { visibilityTimeout: Duration.seconds(30), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const fn = plainFunction(stack, 'Fn', { timeout: Duration.seconds(5), reservedConcurrentExecutions: 4 });
    const construct = new QueueProcessor(stack, 'P', { queue, processorFunction: fn });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: Match.stringLikeRegexp('^Fn') }, ScalingConfig: { MaximumConcurrency: 4 } });
    expect(construct.deadLetterQueue).toBeUndefined();
    expect(construct.processor).toBeUndefined();
    // IMonitored: the errors alarm made for the user's function; the given queue's own DLQ is a key metric.
    expect(alarmPathsOf(construct)).toEqual(['TestStack/P/ProcessorErrorsAlarm', 'TestStack/P/OldestMessageAlarm']);
    expect(construct.keyMetrics.map((m) => m.label)).toEqual(['Visible messages', 'Age of the oldest message (s)', 'Dead-letter queue depth']);
    expect(stack.resolve(construct.keyMetrics[2].metric.toMetricConfig().metricStat!.dimensions)).toEqual([{ name: 'QueueName', value: stack.resolve(dlq.queueName) }]);
  });
});

describe('QueueProcessor validation', () => {
  const at = 'TestStack/Payments';
  type Props = Partial<QueueProcessorProps>;
  const timeout10 = { ...processor, timeout: Duration.seconds(10) };
  const timeout900 = { ...processor, timeout: Duration.seconds(900) };

  const cases: Array<{ prop: string; inside: Props; outside: Props; value: string; rule: RegExp; practice: string }> = [
    { prop: 'queueProps.visibilityTimeout', inside: { processor: timeout10, queueProps: { visibilityTimeout: Duration.seconds(60) } }, outside: { processor: timeout10, queueProps: { visibilityTimeout: Duration.seconds(59) } }, value: '59', rule: /from 60 to 43200 s \(at least 6 × the function timeout/, practice: 'ES3' },
    { prop: 'queueProps.visibilityTimeout', inside: { processor: timeout10, maxBatchingWindow: Duration.seconds(5), queueProps: { visibilityTimeout: Duration.seconds(65) } }, outside: { processor: timeout10, maxBatchingWindow: Duration.seconds(5), queueProps: { visibilityTimeout: Duration.seconds(64) } }, value: '64', rule: /from 65 to/, practice: 'ES3' },
    { prop: 'batchSize', inside: { queueProps: { fifo: true }, batchSize: 10 }, outside: { queueProps: { fifo: true }, batchSize: 11 }, value: '11', rule: /from 1 to 10 messages \(FIFO\)/, practice: 'ES4' },
    { prop: 'batchSize', inside: { batchSize: 10_000, maxBatchingWindow: Duration.seconds(1) }, outside: { batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }, value: '10001', rule: /from 1 to 10000 messages/, practice: 'ES4' },
    { prop: 'batchSize', inside: { batchSize: 11, maxBatchingWindow: Duration.seconds(1) }, outside: { batchSize: 11 }, value: '11', rule: /maxBatchingWindow of at least 1 second/, practice: 'ES4' },
    { prop: 'maxConcurrency', inside: { maxConcurrency: 2 }, outside: { maxConcurrency: 1 }, value: '1', rule: /from 2 to 1000/, practice: 'ES4' },
    { prop: 'maxConcurrency', inside: { maxConcurrency: 10 }, outside: { maxConcurrency: 11 }, value: '11', rule: /must not exceed the function's reserved concurrency \(10\)/, practice: 'ES4' },
    { prop: 'queueProps.maxReceiveCount', inside: { queueProps: { maxReceiveCount: 1000 } }, outside: { queueProps: { maxReceiveCount: 1001 } }, value: '1001', rule: /from 1 to 1000 receives/, practice: 'ES4' },
    { prop: 'queueProps.maxReceiveCount', inside: { queueProps: { maxReceiveCount: 1 } }, outside: { queueProps: { maxReceiveCount: 0 } }, value: '0', rule: /from 1 to 1000 receives/, practice: 'ES4' },
    { prop: 'queueProps.retentionPeriod', inside: { queueProps: { retentionPeriod: Duration.days(14) } }, outside: { queueProps: { retentionPeriod: Duration.seconds(1_209_601) } }, value: '1209601', rule: /from 60 to 1209600 s/, practice: 'MSG1' },
    { prop: 'maxBatchingWindow', inside: { maxBatchingWindow: Duration.seconds(300) }, outside: { maxBatchingWindow: Duration.seconds(301) }, value: '301', rule: /from 0 to 300 s/, practice: 'ES2' },
    { prop: 'maxBatchingWindow', inside: { queueProps: { fifo: true } }, outside: { queueProps: { fifo: true }, maxBatchingWindow: Duration.seconds(1) }, value: '1 s', rule: /not supported for FIFO/, practice: 'ES4' },
    { prop: 'queueProps.contentBasedDeduplication', inside: { queueProps: { fifo: true, contentBasedDeduplication: false } }, outside: { queueProps: { contentBasedDeduplication: true } }, value: 'true', rule: /FIFO queues only/, practice: 'MSG2' },
    // SQS's range (1 s – 14 days); a queue of the app bounds it by its retention too (at most 14 days; see below).
    {
      prop: 'oldestMessageAlarmThreshold',
      inside: { queueProps: { retentionPeriod: Duration.days(14) }, oldestMessageAlarmThreshold: Duration.seconds(1_209_599) },
      outside: { queueProps: { retentionPeriod: Duration.days(14) }, oldestMessageAlarmThreshold: Duration.seconds(1_209_601) },
      value: '1209601',
      rule: /from 1 to 1209600 s/,
      practice: 'OBS1',
    },
    // ES4/MSG1: a message that keeps failing must reach the DLQ before it expires (95 × 1 h < 4 days = 96 × 1 h).
    {
      prop: 'queueProps.maxReceiveCount',
      inside: { queueProps: { maxReceiveCount: 95, visibilityTimeout: Duration.hours(1) } },
      outside: { queueProps: { maxReceiveCount: 96, visibilityTimeout: Duration.hours(1) } },
      value: '96',
      rule: /× queueProps.visibilityTimeout \(3600 s\) = 345600 s must stay below queueProps.retentionPeriod \(345600 s\).*before it reaches the DLQ \(MSG1\)/,
      practice: 'ES4',
    },
    // The case: a 900 s function (visibility 5,400 s) with 1,000 receives needs 62 days.
    {
      prop: 'queueProps.maxReceiveCount',
      inside: { processor: timeout900, queueProps: { maxReceiveCount: 223, retentionPeriod: Duration.days(14) } },
      outside: { processor: timeout900, queueProps: { maxReceiveCount: 1000 } },
      value: '1000',
      rule: /× queueProps.visibilityTimeout \(5400 s\) = 5400000 s must stay below queueProps.retentionPeriod \(345600 s\)/,
      practice: 'ES4',
    },
    // Names, with SQS's own rules.
    ...[['a'.repeat(80), 'a'.repeat(81)], ['payments_v1-eu', 'payments.v1'], ['payments', 'payments.fifo'], ['p', '']].map(([inside, outside]) => ({
      prop: 'queueProps.queueName',
      inside: { queueProps: { queueName: inside } },
      outside: { queueProps: { queueName: outside } },
      value: JSON.stringify(outside),
      rule: /must be 1–80 characters of a-z, A-Z, 0-9, - and _ \(only a FIFO queue's name ends in .fifo\)/,
      practice: 'MSG1',
    })),
    ...[[`${'a'.repeat(75)}.fifo`, `${'a'.repeat(76)}.fifo`], ['payments.fifo', 'payments'], ['p.fifo', '.fifo']].map(([inside, outside]) => ({
      prop: 'queueProps.queueName',
      inside: { queueProps: { fifo: true, queueName: inside } },
      outside: { queueProps: { fifo: true, queueName: outside } },
      value: JSON.stringify(outside),
      rule: /ending in .fifo \(a FIFO queue\)/,
      practice: 'MSG2',
    })),
  ];

  test('every failed rule of the props in one error, one line each (the processor\'s props included)', () => {
    expectOneErrorFor(() => synth({ batchSize: 0, queueProps: { maxReceiveCount: 0 } }), at,
      [{ prop: 'batchSize', practice: 'ES4' }, { prop: 'queueProps.maxReceiveCount', practice: 'ES4' }]);
    const error = validationErrorOf(() => synth({ maxConcurrency: 1, processor: { ...processor, memorySize: 64 } }));
    expect(error.problems.map((p) => `${p.constructPath} ${p.prop}`)).toEqual([`${at}/Processor memorySize`, `${at} maxConcurrency`]);
  });

  test.each(cases)('$prop: just inside passes, just outside throws ($value)', ({ prop, inside, outside, value, rule, practice }) => {
    expect(() => synth(inside)).not.toThrow();
    expectValidationError(() => synth(outside), { path: at, prop, rule, value, practice });
  });

  test('an existing queue without a DLQ, or with a short visibility timeout, is rejected', () => {
    const { stack } = newStack();
    const noDlq = new sqs.Queue(stack, 'NoDlq');
    expectValidationError(() => new QueueProcessor(stack, 'Payments', { queue: noDlq, processor }), { path: at, prop: 'queue', rule: /dead-letter queue/, value: '"TestStack/NoDlq"', practice: 'ES4' });
    const dlq = new sqs.Queue(stack, 'Dlq');
    const short = new sqs.Queue(stack, 'Short', { visibilityTimeout: Duration.seconds(59), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expectValidationError(() => new QueueProcessor(stack, 'Payments2', { queue: short, processor }), { path: 'TestStack/Payments2', prop: 'queue.visibilityTimeout', rule: /from 60/, value: '59', practice: 'ES3' });
  });

  test('an existing queue whose receives outlast its retention is rejected (ES4/MSG1)', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const slow = new sqs.Queue(stack, 'Slow', { visibilityTimeout: Duration.hours(1), retentionPeriod: Duration.days(2), deadLetterQueue: { queue: dlq, maxReceiveCount: 48 } });
    expectValidationError(() => new QueueProcessor(stack, 'Payments', { queue: slow, processor }),
      { path: at, prop: 'queue.maxReceiveCount', rule: /× queue.visibilityTimeout \(3600 s\) = 172800 s must stay below queue.retentionPeriod \(172800 s\)/, value: '48', practice: 'ES4' });
    const fits = new sqs.Queue(stack, 'Fits', { visibilityTimeout: Duration.hours(1), deadLetterQueue: { queue: dlq, maxReceiveCount: 95 } });
    expect(() => new QueueProcessor(stack, 'Payments2', { queue: fits, processor })).not.toThrow(); // 95 h < the default 4 days
  });

  test('an oldest-message alarm at or above the queue\'s retention is rejected (OBS1): the alarm could never fire', () => {
    const rule = /must be below the queue's message retention period \(3600 s\)/;
    expectValidationError(() => synth({ queueProps: { retentionPeriod: Duration.hours(1) }, oldestMessageAlarmThreshold: Duration.hours(1) }),
      { path: at, prop: 'oldestMessageAlarmThreshold', rule, value: '3600', practice: 'OBS1' });
    expect(() => synth({ queueProps: { retentionPeriod: Duration.hours(1) }, oldestMessageAlarmThreshold: Duration.minutes(59) })).not.toThrow();
    // The library's default retention (4 days) bounds the threshold too.
    expectValidationError(() => synth({ oldestMessageAlarmThreshold: Duration.days(5) }),
      { path: at, prop: 'oldestMessageAlarmThreshold', rule: /retention period \(345600 s\)/, value: '432000', practice: 'OBS1' });
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const existing = new sqs.Queue(stack, 'Existing', { retentionPeriod: Duration.hours(2), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expectValidationError(() => new QueueProcessor(stack, 'Payments', { queue: existing, processor, oldestMessageAlarmThreshold: Duration.hours(3) }),
      { path: at, prop: 'oldestMessageAlarmThreshold', rule: /retention period \(7200 s\)/, value: '10800', practice: 'OBS1' });
    // An imported queue's retention is not in the app: not checked.
    const imported = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:123456789012:orders');
    expect(() => new QueueProcessor(stack, 'Payments2', { queue: imported, processor, oldestMessageAlarmThreshold: Duration.days(13) })).not.toThrow();
  });

  // NaN and Infinity are our error naming the prop, never a template with null or a raw TypeError.
  const notFinite: Array<{ prop: string; practice: string; props: (n: number) => Props }> = [
    { prop: 'batchSize', practice: 'ES4', props: (n) => ({ batchSize: n }) },
    { prop: 'maxConcurrency', practice: 'ES4', props: (n) => ({ maxConcurrency: n }) },
    { prop: 'maxBatchingWindow', practice: 'ES2', props: (n) => ({ maxBatchingWindow: Duration.seconds(n) }) },
    { prop: 'oldestMessageAlarmThreshold', practice: 'OBS1', props: (n) => ({ oldestMessageAlarmThreshold: Duration.seconds(n) }) },
    { prop: 'queueProps.maxReceiveCount', practice: 'ES4', props: (n) => ({ queueProps: { maxReceiveCount: n } }) },
    { prop: 'queueProps.retentionPeriod', practice: 'MSG1', props: (n) => ({ queueProps: { retentionPeriod: Duration.seconds(n) } }) },
    { prop: 'queueProps.visibilityTimeout', practice: 'ES3', props: (n) => ({ queueProps: { visibilityTimeout: Duration.seconds(n) } }) },
  ];
  test.each(notFinite.flatMap((c) => [NaN, Infinity].map((n) => ({ ...c, n }))))('$prop = $n is our error', ({ prop, practice, props, n }) => {
    expectValidationError(() => synth(props(n)), { path: at, prop, rule: /must be a (whole )?number from/, value: String(n), practice });
  });

  test('with a function whose timeout is unknown, the visibility timeout still gets SQS\'s range (0–43,200 s), NaN included', () => {
    const withImported = (visibilityTimeout: Duration) => {
      const { stack } = newStack();
      const processorFunction = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:payments');
      return new QueueProcessor(stack, 'Payments', { processorFunction, queueProps: { visibilityTimeout, maxReceiveCount: 1 } });
    };
    expect(() => withImported(Duration.hours(12))).not.toThrow();
    for (const [seconds, value] of [[43_201, '43201'], [NaN, 'NaN'], [Infinity, 'Infinity']] as const) {
      expectValidationError(() => withImported(Duration.seconds(seconds)), { path: at, prop: 'queueProps.visibilityTimeout', rule: /from 0 to 43200 s/, value, practice: 'ES3' });
    }
  });

  test('a token visibility timeout is not validated', () => {
    const { stack } = newStack();
    const seconds = new CfnParameter(stack, 'Visibility', { type: 'Number', default: 120 });
    expect(() => new QueueProcessor(stack, 'Payments', { processor, queueProps: { visibilityTimeout: Duration.seconds(seconds.valueAsNumber) } })).not.toThrow();
  });
});

describe('QueueProcessor with tokens (CloudFormation parameters)', () => {
  function parameter(stack: Stack, id: string, value: number): number {
    return Token.asNumber(new CfnParameter(stack, id, { type: 'Number', default: value }).valueAsNumber);
  }

  test('a token batching window: batch size above 10 is allowed, the default visibility covers the window\'s 300 s maximum', () => {
    const { stack } = newStack();
    new QueueProcessor(stack, 'Payments', {
      processor: { ...processor, timeout: Duration.seconds(10) }, batchSize: 100, maxBatchingWindow: Duration.seconds(parameter(stack, 'Window', 5)),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 360, RedrivePolicy: Match.anyValue() });
  });

  test('comparisons between props skip tokens: max concurrency vs reserved concurrency, receive budget vs retention', () => {
    const { stack } = newStack();
    expect(() => new QueueProcessor(stack, 'A', {
      processor: { ...processor, reservedConcurrency: ReservedConcurrency.of(parameter(stack, 'Reserved', 20)) },
      maxConcurrency: 15,
      batchSize: parameter(stack, 'Batch', 10),
    })).not.toThrow();
    expect(() => new QueueProcessor(stack, 'B', {
      processor,
      maxConcurrency: parameter(stack, 'MaxConcurrency', 5),
      queueProps: { maxReceiveCount: parameter(stack, 'Receives', 1_000), visibilityTimeout: Duration.hours(12) },
    })).not.toThrow();
    expect(() => new QueueProcessor(stack, 'C', {
      processor, queueProps: { maxReceiveCount: 1_000, visibilityTimeout: Duration.hours(12), retentionPeriod: Duration.seconds(parameter(stack, 'Retention', 1_209_600)) },
    })).not.toThrow();
  });

  test('a token alarm threshold in seconds is passed on; in another unit it is our error, not CDK\'s', () => {
    const { stack } = newStack();
    new QueueProcessor(stack, 'Payments', { processor, oldestMessageAlarmThreshold: Duration.seconds(parameter(stack, 'Oldest', 600)) });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: { Ref: 'Oldest' } });
    expectValidationError(() => new QueueProcessor(stack, 'Payments2', { processor, oldestMessageAlarmThreshold: Duration.minutes(parameter(stack, 'OldestMinutes', 10)) }),
      { path: 'TestStack/Payments2', prop: 'oldestMessageAlarmThreshold', rule: /must be given in seconds/, value: '"Duration.minutes(…', practice: 'OBS1' });
  });
});

describe('QueueProcessor with a customer-managed key (SEC1, MSG1)', () => {
  test('the processor may only decrypt with the key (kms:Decrypt), no wildcard key actions, no unacknowledged findings', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const construct = new QueueProcessor(stack, 'Payments', { processor, queueProps: { encryptionKey: key } });
    const template = Template.fromStack(stack);
    const kmsStatements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
      .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:')));
    expect(kmsStatements.map((statement) => ({ actions: statement.Action, resource: statement.Resource }))).toEqual([{ actions: 'kms:Decrypt', resource: stack.resolve(key.keyArn) }]);
    expectNoUnacknowledgedFindings(construct);
  });
});

describe('QueueProcessor removal policy (MSG1)', () => {
  test('the queue is retained by default, like its DLQ, so messages in flight survive a replacement; logical IDs unchanged', () => {
    const { stack, template } = synth();
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues).sort()).toEqual([
      stack.getLogicalId(stack.node.findChild('Payments').node.findChild('DeadLetterQueue').node.defaultChild as any),
      stack.getLogicalId(stack.node.findChild('Payments').node.findChild('Queue').node.defaultChild as any),
    ].sort());
    expect(Object.keys(queues).sort()).toEqual([expect.stringMatching(/^PaymentsDeadLetterQueue[0-9A-F]{8}$/), expect.stringMatching(/^PaymentsQueue[0-9A-F]{8}$/)]);
    for (const queue of Object.values(queues)) {
      expect({ deletion: queue.DeletionPolicy, replace: queue.UpdateReplacePolicy }).toEqual({ deletion: 'Retain', replace: 'Retain' });
    }
  });

  test('removalPolicy overrides it for the queue only; the DLQ stays retained', () => {
    const { template } = synth({ queueProps: { removalPolicy: RemovalPolicy.DESTROY } });
    template.hasResource('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() }, DeletionPolicy: 'Delete' });
    template.hasResource('AWS::SQS::Queue', { Properties: { MessageRetentionPeriod: 1_209_600 }, DeletionPolicy: 'Retain' });
  });
});
