import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ReservedConcurrency, TableStreamProcessor, TableStreamProcessorProps } from '../../src';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { FIXTURES, expectValidationError, fixtureCode, newStack } from '../support/stacks';

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
    expect(construct.failureQueueDepthAlarm).toBeDefined();
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(synth().app);
  });

  test('snapshot: default configuration', () => {
    expect(synth().template.toJSON()).toMatchSnapshot();
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

  test('snapshot: maximal configuration', () => {
    expect(maximal().template.toJSON()).toMatchSnapshot();
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
    const fn = new lambda.Function(stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, reservedConcurrentExecutions: 3, timeout: Duration.seconds(5),
    });
    const failureTopic = new sns.Topic(stack, 'Failures', { enforceSSL: true });
    const construct = new TableStreamProcessor(stack, 'P', { table, processorFunction: fn, failureTopic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: Match.stringLikeRegexp('^Fn') }, DestinationConfig: { OnFailure: { Destination: { Ref: Match.stringLikeRegexp('^Failures') } } } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^Fn') } }] });
    expect(construct.processor).toBeUndefined();
    expect(construct.failureQueue).toBeUndefined();
  });

  test('infinite retries only when explicitly allowed, and then acknowledged with the reason', () => {
    const { construct } = synth({ retryAttempts: -1, allowInfiniteRetries: true });
    expect(acknowledgementsUnder(construct).find((a) => a.id === 'Guardrails-StreamFailureHandling[MaximumRetryAttempts]')?.reason).toMatch(/^ES1: infinite retries/);
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
    { prop: 'maxRecordAge', inside: { maxRecordAge: Duration.seconds(60) }, outside: { maxRecordAge: Duration.seconds(59) }, value: '59', rule: /from 60 to 604800 s/, practice: 'ES1' },
    { prop: 'maxRecordAge', inside: { maxRecordAge: Duration.days(7) }, outside: { maxRecordAge: Duration.seconds(604_801) }, value: '604801', rule: /from 60 to 604800 s/, practice: 'ES1' },
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
  ];

  test.each(cases)('$prop: just inside passes, just outside throws ($value)', ({ prop, inside, outside, value, rule, practice }) => {
    expect(() => synth(inside)).not.toThrow();
    expectValidationError(() => synth(outside), { path: at, prop, rule, value, practice });
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
