import * as path from 'path';
import { CfnParameter, Duration, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ReservedConcurrency, TableStreamProcessor, TableStreamProcessorProps } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings, unacknowledgedFindings } from '../support/nag';
import { FIXTURES, expectOneErrorFor, expectValidationError, newStack, plainFunction, validationErrorOf } from '../support/stacks';

// Inline code is not an asset, so one props object can serve many test stacks.
const processor = { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' };
const tableProps = { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } };

function synth(props: Partial<TableStreamProcessorProps> = {}) {
  const { app, stack } = newStack();
  const construct = new TableStreamProcessor(stack, 'Orders', { tableProps, processor, ...props });
  return { app, stack, construct, template: Template.fromStack(stack) };
}

describe('TableStreamProcessor defaults', () => {
  test('DB1–DB4: on-demand table with PITR, deletion protection, retained, NEW_AND_OLD_IMAGES stream', () => {
    const { template } = synth();
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // DB3: encrypted with an AWS owned key (SSE "disabled" in CloudFormation means the AWS owned key).
    template.hasResourceProperties('AWS::DynamoDB::Table', { SSESpecification: { SSEEnabled: false } });
  });

  test('ES1/ES2: mapping on the alias with bisect, bounded retries and age, partial batch responses, failure queue', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 21_600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersFailureQueue'), 'Arn'] } } },
    });
  });

  test('FN10: the mapping invokes the processor\'s alias', () => {
    const { template } = synth();
    const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))[0];
    expect(JSON.stringify(mapping.Properties.FunctionName)).toMatch(/OrdersProcessorAlias/);
  });

  test('FN5: the processor reserves what the mapping can use (parallelization factor × 4 shards)', () => {
    synth().template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 4 });
    synth({ parallelizationFactor: 3 }).template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 12 });
  });

  test('OBS1: iterator age, failure queue depth and function errors alarms', () => {
    const { template, construct } = synth();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Statistic: 'Maximum', Threshold: 60_000, ComparisonOperator: 'GreaterThanThreshold' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    expect(construct.processorErrorsAlarm).toBe(construct.processor!.errorsAlarm);
    expect(construct.failureQueueDepthAlarm!.node.path).toBe('TestStack/Orders/FailureQueueDepthAlarm');
  });

  test('IMonitored: every alarm, the processor\'s included; iterator age and the failure queue\'s depth as key metrics', () => {
    const { construct, stack } = synth();
    expect(alarmPathsOf(construct)).toEqual([
      'TestStack/Orders/Processor/ErrorsAlarm', 'TestStack/Orders/Processor/ThrottlesAlarm', 'TestStack/Orders/Processor/DurationAlarm',
      'TestStack/Orders/FailureQueueDepthAlarm', 'TestStack/Orders/IteratorAgeAlarm',
    ]);
    expect(keyMetricsOf(construct)).toEqual([
      { label: 'Iterator age (ms)', namespace: 'AWS/Lambda', metricName: 'IteratorAge', statistic: 'Maximum', period: 60 },
      { label: 'Failure queue depth', namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum', period: 60 },
    ]);
    expect(stack.resolve(construct.keyMetrics[1].metric.toMetricConfig().metricStat!.dimensions))
      .toEqual([{ name: 'QueueName', value: stack.resolve(construct.failureQueue!.queueName) }]);
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(synth().app);
  });
});

describe('TableStreamProcessor maximal configuration', () => {
  function maximal() {
    const { app, stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const alarmTopic = new sns.Topic(stack, 'Alarms', { enforceSSL: true, masterKey: key });
    const construct = new TableStreamProcessor(stack, 'Orders', {
      tableProps: {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
        provisionedCapacity: { minReadCapacity: 5, maxReadCapacity: 50, minWriteCapacity: 5, maxWriteCapacity: 20, targetUtilizationPercent: 60 },
        encryptionKey: key,
        streamViewType: dynamodb.StreamViewType.NEW_IMAGE,
        timeToLiveAttribute: 'expiresAt',
        globalSecondaryIndexes: [{ indexName: 'byStatus', partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING }, readCapacity: 5, writeCapacity: 5 }],
        localSecondaryIndexes: [{ indexName: 'byDate', sortKey: { name: 'date', type: dynamodb.AttributeType.STRING } }],
      },
      processor: { entry: path.join(FIXTURES, 'bundled-handler.ts'), reservedConcurrency: ReservedConcurrency.of(20), timeout: Duration.seconds(30) },
      startingPosition: lambda.StartingPosition.LATEST,
      batchSize: 500,
      maxBatchingWindow: Duration.seconds(10),
      parallelizationFactor: 2,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(1),
      filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
      iteratorAgeAlarmThreshold: Duration.minutes(5),
      alarmTopic,
    });
    return { app, construct, template: Template.fromStack(stack) };
  }

  test('every option reaches the template', () => {
    const { template } = maximal();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: Match.absent(),
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byStatus' })],
      LocalSecondaryIndexes: [Match.objectLike({ IndexName: 'byDate' })],
    });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 2);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 60 }) });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'LATEST',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 10,
      ParallelizationFactor: 2,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 20, Timeout: 30 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 300_000, AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] });
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(maximal().app);
  });
});

describe('TableStreamProcessor with existing resources', () => {
  test('an existing table and function; an SNS failure topic', () => {
    const { stack } = newStack();
    const table = new dynamodb.Table(stack, 'Existing', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.KEYS_ONLY,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    const fn = plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 3, timeout: Duration.seconds(5) });
    const failureTopic = new sns.Topic(stack, 'Failures', { enforceSSL: true });
    const construct = new TableStreamProcessor(stack, 'P', { table, processorFunction: fn, failureTopic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: Match.stringLikeRegexp('^Fn') }, DestinationConfig: { OnFailure: { Destination: { Ref: Match.stringLikeRegexp('^Failures') } } } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Fn') } }] });
    expect(construct.processor).toBeUndefined();
    expect(construct.failureQueue).toBeUndefined();
    // IMonitored: no failure queue of its own, so neither its alarm nor its depth.
    expect(alarmPathsOf(construct)).toEqual(['TestStack/P/ProcessorErrorsAlarm', 'TestStack/P/IteratorAgeAlarm']);
    expect(construct.keyMetrics.map((m) => m.label)).toEqual(['Iterator age (ms)']);
  });

  test('infinite retries only when explicitly allowed, and then acknowledged with the reason', () => {
    const { construct } = synth({ retryAttempts: -1, allowInfiniteRetries: true });
    expect(acknowledgementsUnder(construct).find((a) => a.id === 'Guardrails-StreamFailureHandling[MaximumRetryAttempts]')?.reason).toMatch(/^ES1: infinite retries/);
  });
});

/** Every statement of the stack's IAM policies that grants a KMS action, as actions and resource. */
function kmsGrants(template: Template): Array<{ actions: string[]; resource: unknown }> {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
    .map((statement) => ({ actions: [statement.Action].flat().sort(), resource: statement.Resource }))
    .filter((grant) => grant.actions.some((action) => action.startsWith('kms:')));
}

describe('TableStreamProcessor stream read grants (ES1, FN6)', () => {
  test('dynamodb:ListStreams on * lives in a policy of its own, which the mapping waits for; the stream actions name the stream', () => {
    const { template } = synth();
    const policies = template.findResources('AWS::IAM::Policy');
    const [listId, list] = Object.entries(policies).find(([id]) => id.startsWith('OrdersListStreamsPolicy'))!;
    expect(list.Properties.PolicyDocument.Statement).toEqual([{ Action: 'dynamodb:ListStreams', Effect: 'Allow', Resource: '*' }]);
    const statements = Object.entries(policies).filter(([id]) => id !== listId).flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const streamRead = statements.find((s: any) => JSON.stringify(s.Action).includes('dynamodb:GetRecords'));
    expect(streamRead).toEqual({
      Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersTable/), 'StreamArn'] },
    });
    expect(statements.some((s: any) => JSON.stringify(s.Action).includes('dynamodb:ListStreams'))).toBe(false);
    const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping'))[0];
    expect(mapping.DependsOn).toContain(listId);
  });

  test('a wildcard grant the user adds to the processor role is still reported (AwsSolutions-IAM5)', () => {
    const { app, construct } = synth();
    construct.processor!.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    expect(unacknowledgedFindings(app).filter((f) => f.startsWith('AwsSolutions-IAM5'))).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::\*\] at TestStack\/Orders\/Processor\/Role\/DefaultPolicy/),
    ]);
  });
});

describe('TableStreamProcessor on-failure destinations with a customer-managed key (SEC1, ES1)', () => {
  function withEncryptedDestination(kind: 'queue' | 'topic') {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const destination = kind === 'queue'
      ? { failureQueue: new sqs.Queue(stack, 'Failures', { encryptionMasterKey: key, enforceSSL: true }) }
      : { failureTopic: new sns.Topic(stack, 'Failures', { masterKey: key, enforceSSL: true }) };
    const construct = new TableStreamProcessor(stack, 'Orders', { tableProps, processor, ...destination });
    return { construct, template: Template.fromStack(stack), keyArn: stack.resolve(key.keyArn) };
  }

  test.each(['queue', 'topic'] as const)('an encrypted failure %s: the role may use exactly kms:GenerateDataKey and kms:Decrypt on its key', (kind) => {
    const { template, keyArn } = withEncryptedDestination(kind);
    expect(kmsGrants(template)).toEqual([{ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resource: keyArn }]);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: kind === 'queue' ? 'sqs:SendMessage' : 'sns:Publish' })]) },
    });
  });

  test.each(['queue', 'topic'] as const)('an encrypted failure %s: no unacknowledged findings on the construct (no wildcard key actions)', (kind) => {
    expectNoUnacknowledgedFindings(withEncryptedDestination(kind).construct);
  });
});

describe('TableStreamProcessor with tokens (CloudFormation parameters)', () => {
  function parameter(stack: Stack, id: string, value: number): number {
    return Token.asNumber(new CfnParameter(stack, id, { type: 'Number', default: value }).valueAsNumber);
  }

  test('a token parallelization factor is passed on; the processor reserves for its maximum (10 × 4 shards)', () => {
    const { stack } = newStack();
    new TableStreamProcessor(stack, 'Orders', { tableProps, processor, parallelizationFactor: parameter(stack, 'Factor', 2) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ParallelizationFactor: { Ref: 'Factor' } });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 40 });
  });

  test('comparisons between props skip tokens: reserved concurrency vs factor, capacity min vs max', () => {
    const { stack } = newStack();
    expect(() => new TableStreamProcessor(stack, 'A', {
      tableProps: { ...tableProps, provisionedCapacity: { ...capacity(parameter(stack, 'MinRead', 5), 10), minWriteCapacity: 1, maxWriteCapacity: parameter(stack, 'MaxWrite', 5) } },
      processor: { ...processor, reservedConcurrency: ReservedConcurrency.of(parameter(stack, 'Reserved', 8)) },
      parallelizationFactor: 3,
    })).not.toThrow();
    expect(() => new TableStreamProcessor(stack, 'B', {
      tableProps,
      processor: { ...processor, reservedConcurrency: ReservedConcurrency.of(2) },
      parallelizationFactor: parameter(stack, 'Factor', 2),
      batchSize: parameter(stack, 'Batch', 100),
      retryAttempts: parameter(stack, 'Retries', 3),
      maxBatchingWindow: Duration.seconds(parameter(stack, 'Window', 5)),
      iteratorAgeAlarmThreshold: Duration.millis(parameter(stack, 'IteratorAge', 60_000)),
    })).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: { Ref: 'IteratorAge' } });
  });

  test('a token alarm threshold in another unit than the metric\'s is our error, not CDK\'s', () => {
    const { stack } = newStack();
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders', { tableProps, processor, iteratorAgeAlarmThreshold: Duration.seconds(parameter(stack, 'Age', 60)) }),
      { path: 'TestStack/Orders', prop: 'iteratorAgeAlarmThreshold', rule: /must be given in milliseconds/, value: '"Duration.seconds(…', practice: 'OBS1' });
  });

  test('a token maximum record age is our error: aws-cdk-lib compares it at synth', () => {
    const { stack } = newStack();
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders', { tableProps, processor, maxRecordAge: Duration.seconds(parameter(stack, 'Age', 3_600)) }),
      { path: 'TestStack/Orders', prop: 'maxRecordAge', rule: /must be a literal duration/, value: '"Duration.seconds(…', practice: 'ES1' });
  });

  test('a token target utilization is our error: aws-cdk-lib compares it at synth', () => {
    const { stack } = newStack();
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders', {
      tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 2), targetUtilizationPercent: parameter(stack, 'Target', 70) } }, processor,
    }), { path: 'TestStack/Orders', prop: 'tableProps.provisionedCapacity.targetUtilizationPercent', rule: /must be a literal number/, value: '"${Token…', practice: 'DB1' });
  });
});

describe('TableStreamProcessor validation', () => {
  const at = 'TestStack/Orders';
  type Props = Partial<TableStreamProcessorProps>;
  const cases: Array<{ prop: string; inside: Props; outside: Props; value: string; rule: RegExp; practice: string }> = [
    { prop: 'batchSize', inside: { batchSize: 10_000 }, outside: { batchSize: 10_001 }, value: '10001', rule: /from 1 to 10000 records/, practice: 'ES2' },
    { prop: 'batchSize', inside: { batchSize: 1 }, outside: { batchSize: 0 }, value: '0', rule: /from 1 to 10000 records/, practice: 'ES2' },
    { prop: 'maxBatchingWindow', inside: { maxBatchingWindow: Duration.seconds(300) }, outside: { maxBatchingWindow: Duration.seconds(301) }, value: '301', rule: /from 0 to 300 s/, practice: 'ES2' },
    { prop: 'parallelizationFactor', inside: { parallelizationFactor: 10 }, outside: { parallelizationFactor: 11 }, value: '11', rule: /from 1 to 10/, practice: 'ES2' },
    { prop: 'parallelizationFactor', inside: { parallelizationFactor: 1 }, outside: { parallelizationFactor: 0 }, value: '0', rule: /from 1 to 10/, practice: 'ES2' },
    { prop: 'retryAttempts', inside: { retryAttempts: 0 }, outside: { retryAttempts: -1 }, value: '-1', rule: /bounded.*allowInfiniteRetries/, practice: 'ES1' },
    { prop: 'retryAttempts', inside: { retryAttempts: 10_000 }, outside: { retryAttempts: 10_001 }, value: '10001', rule: /from 0 to 10000 retries/, practice: 'ES1' },
    { prop: 'maxRecordAge', inside: { maxRecordAge: Duration.seconds(60) }, outside: { maxRecordAge: Duration.seconds(59) }, value: '59', rule: /from 60 to 86400 s/, practice: 'ES1' },
    // ES1: a DynamoDB stream keeps records 24 h; a longer age would never be reached.
    { prop: 'maxRecordAge', inside: { maxRecordAge: Duration.hours(24) }, outside: { maxRecordAge: Duration.seconds(86_401) }, value: '86401', rule: /from 60 to 86400 s \(a DynamoDB stream keeps records 24 h\)/, practice: 'ES1' },
    { prop: 'maxRecordAge', inside: { maxRecordAge: Duration.hours(24) }, outside: { maxRecordAge: Duration.days(7) }, value: '604800', rule: /from 60 to 86400 s/, practice: 'ES1' },
    { prop: 'iteratorAgeAlarmThreshold', inside: { iteratorAgeAlarmThreshold: Duration.hours(24) }, outside: { iteratorAgeAlarmThreshold: Duration.seconds(86_401) }, value: '86401', rule: /from 1 to 86400 s/, practice: 'OBS1' },
    { prop: 'iteratorAgeAlarmThreshold', inside: { iteratorAgeAlarmThreshold: Duration.seconds(1) }, outside: { iteratorAgeAlarmThreshold: Duration.millis(999) }, value: '0.999', rule: /from 1 to 86400 s/, practice: 'OBS1' },
    {
      prop: 'tableProps.localSecondaryIndexes',
      inside: { tableProps: { ...tableProps, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, localSecondaryIndexes: lsis(5) } },
      outside: { tableProps: { ...tableProps, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, localSecondaryIndexes: lsis(6) } },
      value: '"6 indexes"',
      rule: /at most 5/,
      practice: 'DB6',
    },
    {
      prop: 'processor.reservedConcurrency',
      inside: { parallelizationFactor: 2, processor: { ...processor, reservedConcurrency: ReservedConcurrency.of(2) } },
      outside: { parallelizationFactor: 3, processor: { ...processor, reservedConcurrency: ReservedConcurrency.of(2) } },
      value: '2',
      rule: /at least the parallelization factor \(3\)/,
      practice: 'FN5',
    },
    {
      prop: 'tableProps.provisionedCapacity.maxReadCapacity',
      inside: { tableProps: { ...tableProps, provisionedCapacity: capacity(5, 5) } },
      outside: { tableProps: { ...tableProps, provisionedCapacity: capacity(5, 4) } },
      value: '4',
      rule: /from 5 to 40000/,
      practice: 'DB1',
    },
    {
      prop: 'tableProps.provisionedCapacity.minWriteCapacity',
      inside: { tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 1), minWriteCapacity: 40_000, maxWriteCapacity: 40_000 } } },
      outside: { tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 1), minWriteCapacity: 40_001, maxWriteCapacity: 40_001 } } },
      value: '40001',
      rule: /from 1 to 40000 capacity units/,
      practice: 'DB1',
    },
    // DB1: Application Auto Scaling accepts 10–90 % for DynamoDB.
    ...[[90, 91], [90, 150], [10, 9]].map(([inside, outside]) => ({
      prop: 'tableProps.provisionedCapacity.targetUtilizationPercent',
      inside: { tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 2), targetUtilizationPercent: inside } } },
      outside: { tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 2), targetUtilizationPercent: outside } } },
      value: String(outside),
      rule: /from 10 to 90 %/,
      practice: 'DB1',
    })),
    // Names and formats, with DynamoDB's own rules.
    ...[['abc', 'ab'], ['a'.repeat(255), 'a'.repeat(256)], ['Orders_v1.2-eu', 'orders table'], ['x.y', 'orders!']].map(([inside, outside]) => ({
      prop: 'tableProps.tableName',
      inside: { tableProps: { ...tableProps, tableName: inside } },
      outside: { tableProps: { ...tableProps, tableName: outside } },
      value: JSON.stringify(outside),
      rule: /must be 3–255 characters of a-z, A-Z, 0-9, _, - and \./,
      practice: 'DB2',
    })),
    ...[['e', ''], ['t'.repeat(255), 't'.repeat(256)]].map(([inside, outside]) => ({
      prop: 'tableProps.timeToLiveAttribute',
      inside: { tableProps: { ...tableProps, timeToLiveAttribute: inside } },
      outside: { tableProps: { ...tableProps, timeToLiveAttribute: outside } },
      value: JSON.stringify(outside),
      rule: /must be 1–255 characters/,
      practice: 'DB5',
    })),
  ];

  test.each(cases)('$prop: just inside passes, just outside throws ($value)', ({ prop, inside, outside, value, rule, practice }) => {
    expect(() => synth(inside)).not.toThrow();
    expectValidationError(() => synth(outside), { path: at, prop, rule, value, practice });
  });

  // NaN and Infinity are our error naming the prop, never a template with null or a raw TypeError.
  const notFinite: Array<{ prop: string; practice: string; props: (n: number) => Props }> = [
    { prop: 'batchSize', practice: 'ES2', props: (n) => ({ batchSize: n }) },
    { prop: 'parallelizationFactor', practice: 'ES2', props: (n) => ({ parallelizationFactor: n }) },
    { prop: 'retryAttempts', practice: 'ES1', props: (n) => ({ retryAttempts: n }) },
    { prop: 'maxRecordAge', practice: 'ES1', props: (n) => ({ maxRecordAge: Duration.seconds(n) }) },
    { prop: 'maxBatchingWindow', practice: 'ES2', props: (n) => ({ maxBatchingWindow: Duration.seconds(n) }) },
    { prop: 'iteratorAgeAlarmThreshold', practice: 'OBS1', props: (n) => ({ iteratorAgeAlarmThreshold: Duration.seconds(n) }) },
    { prop: 'tableProps.provisionedCapacity.minReadCapacity', practice: 'DB1', props: (n) => ({ tableProps: { ...tableProps, provisionedCapacity: capacity(n, 5) } }) },
    { prop: 'tableProps.provisionedCapacity.maxReadCapacity', practice: 'DB1', props: (n) => ({ tableProps: { ...tableProps, provisionedCapacity: capacity(1, n) } }) },
    { prop: 'tableProps.provisionedCapacity.targetUtilizationPercent', practice: 'DB1', props: (n) => ({ tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 2), targetUtilizationPercent: n } } }) },
    { prop: 'tableProps.provisionedCapacity.minWriteCapacity', practice: 'DB1', props: (n) => ({ tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 5), minWriteCapacity: n } } }) },
    { prop: 'tableProps.provisionedCapacity.maxWriteCapacity', practice: 'DB1', props: (n) => ({ tableProps: { ...tableProps, provisionedCapacity: { ...capacity(1, 5), maxWriteCapacity: n } } }) },
  ];
  test.each(notFinite.flatMap((c) => [NaN, Infinity].map((n) => ({ ...c, n }))))('$prop = $n is our error', ({ prop, practice, props, n }) => {
    expectValidationError(() => synth(props(n)), { path: at, prop, rule: /must be a (whole )?number from/, value: String(n), practice });
  });

  test('every failed rule of the props in one error, one line each (the table\'s and the processor\'s included)', () => {
    expectOneErrorFor(() => synth({ batchSize: 0, parallelizationFactor: 11, tableProps: { ...tableProps, tableName: 'x' } }), at, [
      { prop: 'batchSize', practice: 'ES2' }, { prop: 'parallelizationFactor', practice: 'ES2' }, { prop: 'tableProps.tableName', practice: 'DB2' },
    ]);
    const error = validationErrorOf(() => synth({ retryAttempts: 10_001, processor: { ...processor, memorySize: 64 } }));
    expect(error.problems.map((p) => `${p.constructPath} ${p.prop}`)).toEqual([`${at} retryAttempts`, `${at}/Processor memorySize`]);
  });

  test('a FIFO failure queue or topic is rejected: Lambda sends stream failures to standard destinations only', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Fifo', { fifo: true });
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders', { tableProps, processor, failureQueue: queue }),
      { path: at, prop: 'failureQueue', rule: /standard queue or topic/, value: '"TestStack/Fifo"', practice: 'ES1' });
    const topic = new sns.Topic(stack, 'FifoTopic', { fifo: true });
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders2', { tableProps, processor, failureTopic: topic }),
      { path: 'TestStack/Orders2', prop: 'failureTopic', rule: /standard queue or topic/, value: '"TestStack/FifoTopic"', practice: 'ES1' });
  });

  test('exactly one of table/tableProps and of processor/processorFunction; a table needs a stream', () => {
    expectValidationError(() => synth({ tableProps: undefined }), { path: at, prop: 'table/tableProps', rule: /exactly one/, value: '"neither"', practice: 'DB4' });
    expectValidationError(() => synth({ processor: undefined }), { path: at, prop: 'processor/processorFunction', rule: /exactly one/, value: '"neither"', practice: 'FN10' });
    const { stack } = newStack();
    const noStream = new dynamodb.Table(stack, 'NoStream', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    expectValidationError(() => new TableStreamProcessor(stack, 'Orders', { table: noStream, processor }), { path: at, prop: 'table', rule: /must have a stream/, value: '"TestStack/NoStream"', practice: 'DB4' });
  });
});

function capacity(minReadCapacity: number, maxReadCapacity: number) {
  return { minReadCapacity, maxReadCapacity, minWriteCapacity: 1, maxWriteCapacity: 1 };
}

function lsis(count: number): dynamodb.LocalSecondaryIndexProps[] {
  return Array.from({ length: count }, (_, i) => ({ indexName: `lsi${i}`, sortKey: { name: `a${i}`, type: dynamodb.AttributeType.STRING } }));
}
