import { CfnParameter, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisStreamProcessor, KinesisStreamProcessorProps, ReservedConcurrency } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { expectNoUnacknowledgedFindings, unacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack, plainFunction } from '../support/stacks';

const processor = { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' };

function synth(props: Partial<KinesisStreamProcessorProps> = {}) {
  const { app, stack } = newStack();
  const construct = new KinesisStreamProcessor(stack, 'Clicks', { processor, ...props });
  return { app, stack, construct, template: Template.fromStack(stack) };
}

function reservedConcurrency(template: Template): number {
  return Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.ReservedConcurrentExecutions;
}

describe('KinesisStreamProcessor defaults', () => {
  test('ES1/ES2: an on-demand stream, KMS-encrypted (aws/kinesis), 24 h retention, retained', () => {
    const { template } = synth();
    template.hasResource('AWS::Kinesis::Stream', {
      Properties: {
        StreamModeDetails: { StreamMode: 'ON_DEMAND' },
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
        RetentionPeriodHours: 24,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('ES1/ES2: the shared stream mapping on the alias: bisect, bounded retries and age, partial batch responses, failure queue', () => {
    const { template, stack, construct } = synth();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(construct.stream.streamArn),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 21_600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: stack.resolve(construct.failureQueue!.queueArn) } },
      TumblingWindowInSeconds: Match.absent(),
    });
    expect(JSON.stringify(template.findResources('AWS::Lambda::EventSourceMapping'))).toMatch(/ClicksProcessorAlias/);
  });

  test('FN5: on-demand reserves factor × 4 (assumed shards); provisioned reserves factor × its shards', () => {
    expect(reservedConcurrency(synth({ parallelizationFactor: 2 }).template)).toBe(8);
    expect(reservedConcurrency(synth({ parallelizationFactor: 3, streamProps: { shardCount: 5 } }).template)).toBe(15);
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Existing', { shardCount: 6, encryption: kinesis.StreamEncryption.MANAGED });
    new KinesisStreamProcessor(stack, 'Clicks', { processor, stream });
    expect(reservedConcurrency(Template.fromStack(stack))).toBe(6);
  });

  test('provisioned with shards, a customer-managed key and 7 days; a tumbling window; the processor may decrypt', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new KinesisStreamProcessor(stack, 'Clicks', { processor, streamProps: { shardCount: 2, encryptionKey: key, retentionPeriod: Duration.days(7) }, tumblingWindow: Duration.seconds(60) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 2,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: stack.resolve(key.keyArn) },
      RetentionPeriodHours: 168,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { TumblingWindowInSeconds: 60 });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt', Resource: stack.resolve(key.keyArn) })]) },
    });
  });

  test('ES2: enhanced fan-out: a consumer of the stream, which the mapping reads', () => {
    const { template, stack, construct } = synth({ enhancedFanOut: true, consumerName: 'clicks-processor' });
    template.hasResourceProperties('AWS::Kinesis::StreamConsumer', { ConsumerName: 'clicks-processor', StreamARN: stack.resolve(construct.stream.streamArn) });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: stack.resolve(construct.consumer!.streamConsumerArn) });
  });

  test('OBS1: alarms on iterator age, throttled reads and writes, the failure queue and processor errors; key metrics', () => {
    const { template, construct } = synth();
    expect(alarmPathsOf(construct)).toEqual([
      'TestStack/Clicks/Processor/ErrorsAlarm',
      'TestStack/Clicks/Processor/ThrottlesAlarm',
      'TestStack/Clicks/Processor/DurationAlarm',
      'TestStack/Clicks/FailureQueueDepthAlarm',
      'TestStack/Clicks/IteratorAgeAlarm',
      'TestStack/Clicks/ReadThroughputExceededAlarm',
      'TestStack/Clicks/WriteThroughputExceededAlarm',
    ]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ReadProvisionedThroughputExceeded', Namespace: 'AWS/Kinesis', Threshold: 1, Statistic: 'Sum' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'WriteProvisionedThroughputExceeded', Namespace: 'AWS/Kinesis', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 60_000 });
    expect(keyMetricsOf(construct).map((m) => m.label)).toEqual(['Iterator age (ms)', 'Failure queue depth', 'Reads throttled', 'Writes throttled']);
  });

  test('no unacknowledged findings, with and without enhanced fan-out, with an existing function', () => {
    for (const props of [{}, { enhancedFanOut: true }]) {
      const { app } = synth(props);
      expectNoUnacknowledgedFindings(app);
    }
    const { app, stack } = newStack();
    new KinesisStreamProcessor(stack, 'Clicks', { processorFunction: plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 4 }) });
    expect(unacknowledgedFindings(app).filter((finding) => finding.includes('TestStack/Clicks'))).toEqual([]);
  });
});

describe('KinesisStreamProcessor validation', () => {
  test('a tumbling window from a token must be in seconds (Lambda reads seconds)', () => {
    const { stack } = newStack();
    const amount = new CfnParameter(stack, 'Window', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => new KinesisStreamProcessor(stack, 'Clicks', { processor, tumblingWindow: Duration.minutes(amount) }),
      { path: 'TestStack/Clicks', prop: 'tumblingWindow', rule: /a duration from a token must be given in seconds/, value: '"Duration.minutes(<token>)"', practice: 'ES2' });
    new KinesisStreamProcessor(stack, 'Seconds', { processor, tumblingWindow: Duration.seconds(amount) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', { TumblingWindowInSeconds: { Ref: 'Window' } });
  });

  const path = 'TestStack/Clicks';

  test('ES1: the record age stays within the stream\'s retention (24 h by default), and Lambda\'s 7 days', () => {
    expectValidationError(() => synth({ maxRecordAge: Duration.hours(25) }), {
      path, prop: 'maxRecordAge', rule: /from 60 to 86400 s \(the stream keeps records 24 h\)/, value: '90000', practice: 'ES1',
    });
    expect(() => synth({ maxRecordAge: Duration.hours(25), streamProps: { retentionPeriod: Duration.days(2) } })).not.toThrow();
    expectValidationError(() => synth({ maxRecordAge: Duration.days(8), streamProps: { retentionPeriod: Duration.days(30) } }), {
      path, prop: 'maxRecordAge', rule: /from 60 to 604800 s/, value: '691200', practice: 'ES1',
    });
  });

  test('ES1: an imported stream\'s retention is not known at synth: only Lambda\'s 7 days bound the record age', () => {
    const { stack } = newStack();
    const stream = kinesis.Stream.fromStreamArn(stack, 'Imported', 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks');
    expect(() => new KinesisStreamProcessor(stack, 'Week', { processor, stream, maxRecordAge: Duration.days(2) })).not.toThrow();
    expectValidationError(() => new KinesisStreamProcessor(stack, 'Clicks', { processor, stream, maxRecordAge: Duration.days(8) }), {
      path, prop: 'maxRecordAge', rule: /from 60 to 604800 s \(the stream's retention is not known at synth/, value: '691200', practice: 'ES1',
    });
  });

  test('every rule in one error', () => {
    expectOneErrorFor(() => synth({
      streamProps: { shardCount: 0, retentionPeriod: Duration.hours(12), streamName: 'bad name' },
      consumerName: 'c',
      tumblingWindow: Duration.seconds(901),
      iteratorAgeAlarmThreshold: Duration.hours(25),
    }), path, [
      { prop: 'tumblingWindow', practice: 'ES2' },
      { prop: 'iteratorAgeAlarmThreshold', practice: 'OBS1' },
      { prop: 'streamProps.shardCount', practice: 'ES2' },
      { prop: 'streamProps.retentionPeriod', practice: 'ES1' },
      { prop: 'streamProps.streamName', practice: 'ES2' },
      { prop: 'consumerName', practice: 'ES2' },
    ]);
  });

  test('retention of 366 days is rejected; an existing stream must be encrypted; not both stream and streamProps', () => {
    expectValidationError(() => synth({ streamProps: { retentionPeriod: Duration.days(366) } }), {
      path, prop: 'streamProps.retentionPeriod', rule: /from 24 to 8760 h/, value: '8784', practice: 'ES1',
    });
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Plain', { encryption: kinesis.StreamEncryption.UNENCRYPTED });
    expectOneErrorFor(() => new KinesisStreamProcessor(stack, 'Clicks', { processor, stream, streamProps: {} }), path, [
      { prop: 'stream/streamProps', practice: 'ES2' },
      { prop: 'stream', practice: 'ES2' },
    ]);
  });

  test('FN5: a reserved concurrency below the parallelization factor', () => {
    const reserved = { ...processor, reservedConcurrency: ReservedConcurrency.of(2) };
    expectValidationError(() => synth({ parallelizationFactor: 5, processor: reserved }), {
      path, prop: 'processor.reservedConcurrency', rule: /at least the parallelization factor/, value: '2', practice: 'FN5',
    });
  });

  test('tokens skip the checks', () => {
    const { stack } = newStack();
    const shards = new CfnParameter(stack, 'Shards', { type: 'Number' }).valueAsNumber;
    expect(() => new KinesisStreamProcessor(stack, 'Clicks', { processor, streamProps: { shardCount: shards, removalPolicy: RemovalPolicy.DESTROY } })).not.toThrow();
    expect(reservedConcurrency(Template.fromStack(stack))).toBe(4);
  });
});
