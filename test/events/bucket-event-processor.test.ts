import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { BucketEventDelivery, BucketEventProcessor, BucketEventProcessorProps } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack, plainFunction, validationErrorOf } from '../support/stacks';

const processor = { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' };
const uploads = { prefix: 'uploads/', suffix: '.jpg' };

function synth(props: Partial<BucketEventProcessorProps> = {}) {
  const { app, stack } = newStack();
  const construct = new BucketEventProcessor(stack, 'Uploads', { processor, filters: [uploads], ...props });
  return { app, stack, construct, template: Template.fromStack(stack) };
}

function notificationConfiguration(template: Template) {
  return Object.values(template.findResources('Custom::S3BucketNotifications'))[0].Properties.NotificationConfiguration;
}

describe('BucketEventProcessor defaults', () => {
  test('EV3: a secure bucket (createSecureBucket): locked down, versioned, access logs, retained', () => {
    const { template, construct, stack } = synth();
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LoggingConfiguration: { DestinationBucketName: stack.resolve(construct.accessLogsBucket!.bucketName) },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('EV2: object-created events of the filter go to the QueueProcessor\'s queue; S3 may send only from this bucket (SEC2)', () => {
    const { template, construct, stack } = synth();
    expect(notificationConfiguration(template)).toEqual({
      QueueConfigurations: [{
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }, { Name: 'prefix', Value: 'uploads/' }] } },
        QueueArn: stack.resolve(construct.queueProcessor!.queue.queueArn),
      }],
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 's3.amazonaws.com' },
          Condition: { ArnLike: { 'aws:SourceArn': stack.resolve(construct.bucket.bucketArn) } },
        })]),
      },
    });
    // The QueueProcessor's defaults: partial batch responses, a DLQ after 5 receives.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 10 });
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 5 } });
    expect(construct.failureQueue).toBe(construct.queueProcessor!.deadLetterQueue);
  });

  test('FN6: the processor reads exactly the filtered objects, in a policy of its own; no write without writeKeyPatterns', () => {
    const { template, construct, stack } = synth();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^UploadsBucketAccessPolicy'),
      PolicyDocument: { Statement: [{ Action: ['s3:GetObject', 's3:GetObjectVersion'], Effect: 'Allow', Resource: stack.resolve(construct.bucket.arnForObjects('uploads/*.jpg')) }] },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('s3:PutObject');
  });

  test('the created processor is told the bucket\'s name; the mapping invokes its alias (FN10)', () => {
    const { template, stack, construct } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { BUCKET_NAME: stack.resolve(construct.bucket.bucketName) } } });
    expect(construct.processorTarget).toBe(construct.processor!.alias);
  });

  test('no unacknowledged findings with every delivery, a KMS bucket, a metadata table and writes', () => {
    for (const delivery of [BucketEventDelivery.QUEUE, BucketEventDelivery.DIRECT, BucketEventDelivery.EVENTBRIDGE]) {
      const { app, stack } = newStack();
      new BucketEventProcessor(stack, 'Uploads', {
        processor,
        delivery,
        filters: [uploads],
        writeKeyPatterns: ['thumbnails/*'],
        bucketProps: { encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) },
        metadataTableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } },
      });
      expectNoUnacknowledgedFindings(app);
    }
  });

  test('OBS1: alarms on the DLQ, the oldest message and the processor; key metrics of the queue processor', () => {
    const { construct } = synth();
    expect(alarmPathsOf(construct)).toEqual(expect.arrayContaining([
      'TestStack/Uploads/Notifications/DeadLetterQueueDepthAlarm',
      'TestStack/Uploads/Notifications/OldestMessageAlarm',
      'TestStack/Uploads/Notifications/Processor/ErrorsAlarm',
    ]));
    expect(keyMetricsOf(construct).map((m) => m.label)).toEqual(['Visible messages', 'Age of the oldest message (s)', 'Dead-letter queue depth']);
  });
});

describe('BucketEventProcessor deliveries', () => {
  test('DIRECT: S3 invokes the alias asynchronously, bounded retries, an on-failure queue with an alarm (FN9)', () => {
    const { template, construct, stack } = synth({ delivery: BucketEventDelivery.DIRECT });
    expect(notificationConfiguration(template).LambdaFunctionConfigurations[0]).toMatchObject({
      Events: ['s3:ObjectCreated:*'],
      LambdaFunctionArn: stack.resolve(construct.processor!.alias.functionArn),
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: stack.resolve(construct.processor!.lambdaFunction.functionName),
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: stack.resolve(construct.failureQueue!.queueArn) } },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 's3.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: stack.resolve(construct.bucket.bucketArn),
    });
    expect(alarmPathsOf(construct)).toContain('TestStack/Uploads/Processor/FailureQueueDepthAlarm');
  });

  test('DIRECT with an existing function: it gets bounded retries and an on-failure queue with an alarm too', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Existing');
    const construct = new BucketEventProcessor(stack, 'Uploads', { processorFunction: fn, delivery: BucketEventDelivery.DIRECT, filters: [uploads] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: stack.resolve(fn.functionName),
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: stack.resolve(construct.failureQueue!.queueArn) } },
    });
    expect(alarmPathsOf(construct)).toEqual(expect.arrayContaining(['TestStack/Uploads/ProcessorFailureQueueDepthAlarm', 'TestStack/Uploads/ProcessorErrorsAlarm']));
  });

  test('EVENTBRIDGE: the bucket sends to EventBridge; a rule with a retry policy and a DLQ invokes the alias (EV1)', () => {
    const { template, construct, stack } = synth({ delivery: BucketEventDelivery.EVENTBRIDGE, filters: [uploads, { prefix: 'raw/' }] });
    expect(notificationConfiguration(template)).toEqual({ EventBridgeConfiguration: {} });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.s3'],
        'detail-type': ['Object Created'],
        'detail': { bucket: { name: [stack.resolve(construct.bucket.bucketName)] }, object: { key: [{ wildcard: 'uploads/*.jpg' }, { prefix: 'raw/' }] } },
      },
      Targets: [{
        Arn: stack.resolve(construct.processor!.alias.functionArn),
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: stack.resolve(construct.failureQueue!.queueArn) },
      }],
    });
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    expect(alarmPathsOf(construct)).toEqual(expect.arrayContaining(['TestStack/Uploads/EventTargetDlqDepthAlarm', 'TestStack/Uploads/Processor/FailureQueueDepthAlarm']));
  });

  test('an existing versioned bucket is used as given; no bucket is created', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'Mine', { versioned: true });
    const construct = new BucketEventProcessor(stack, 'Uploads', { processor, bucket, filters: [uploads] });
    expect(construct.bucket).toBe(bucket);
    expect(construct.accessLogsBucket).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 1);
  });
});

describe('BucketEventProcessor writes and metadata', () => {
  test('FN13: writes outside the filter are granted exactly; KMS bucket: exactly GenerateDataKey and Decrypt', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const construct = new BucketEventProcessor(stack, 'Uploads', { processor, filters: [uploads], writeKeyPatterns: ['thumbnails/*'], bucketProps: { encryptionKey: key } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^UploadsBucketAccessPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 's3:PutObject', Effect: 'Allow', Resource: stack.resolve(construct.bucket.arnForObjects('thumbnails/*')) }]) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow', Resource: stack.resolve(key.keyArn) }]) },
    });
  });

  test('a metadata table with the library\'s DynamoDB defaults, read/write granted, its name in the environment', () => {
    const { template, construct, stack } = synth({ metadataTableProps: { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } } });
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: { BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ METADATA_TABLE_NAME: stack.resolve(construct.metadataTable!.tableName) }) } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem']), Resource: Match.arrayWith([stack.resolve(construct.metadataTable!.tableArn)]) })]) },
    });
  });
});

describe('BucketEventProcessor validation', () => {
  test.each([Duration.hours(5), Duration.days(0)])('EV3: noncurrent versions expire after whole days, at least 1 (%p is our error)', (expiration) => {
    expectValidationError(() => synth({ bucketProps: { noncurrentVersionExpiration: expiration } }), {
      path: 'TestStack/Uploads', prop: 'bucketProps.noncurrentVersionExpiration', rule: /whole number from 1 to/, value: String(expiration.toDays({ integral: false })), practice: 'EV3',
    });
  });

  test('the event target\'s retries and age apply to EventBridge delivery only (they would be ignored)', () => {
    expectOneErrorFor(() => synth({ eventTargetRetryAttempts: 2, eventTargetMaxEventAge: Duration.hours(1) }), 'TestStack/Uploads',
      [{ prop: 'eventTargetRetryAttempts', practice: 'EV1' }, { prop: 'eventTargetMaxEventAge', practice: 'EV1' }]);
  });

  test('an event target\'s max event age from a token must be in seconds (EventBridge reads seconds)', () => {
    const { stack } = newStack();
    const amount = new CfnParameter(stack, 'Age', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => new BucketEventProcessor(stack, 'Uploads', {
      processor, filters: [uploads], delivery: BucketEventDelivery.EVENTBRIDGE, eventTargetMaxEventAge: Duration.minutes(amount),
    }), { path: 'TestStack/Uploads', prop: 'eventTargetMaxEventAge', rule: /a duration from a token must be given in seconds/, value: '"Duration.minutes(<token>)"', practice: 'EV1' });
    new BucketEventProcessor(stack, 'Seconds', { processor, filters: [uploads], delivery: BucketEventDelivery.EVENTBRIDGE, eventTargetMaxEventAge: Duration.seconds(amount) });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ RetryPolicy: Match.objectLike({ MaximumEventAgeInSeconds: { Ref: 'Age' } }) })] });
  });

  const path = 'TestStack/Uploads';

  test.each([
    [['uploads/*'], { prefix: 'uploads/' }],
    [['*'], { prefix: 'uploads/' }],
    [['thumbnails/*'], undefined],
    [['*.jpg'], { prefix: 'uploads/', suffix: '.jpg' }],
    [['uploads/thumbs/*'], { prefix: 'uploads/' }],
  ])('FN13 rejects writes %j that the trigger %j matches', (writeKeyPatterns, filter) => {
    expectValidationError(() => synth({ writeKeyPatterns, filters: filter ? [filter] : undefined }), {
      path, prop: 'writeKeyPatterns[0]', rule: /processor would trigger itself/, value: JSON.stringify(writeKeyPatterns[0]), practice: 'FN13',
    });
  });

  test.each([
    [['thumbnails/*'], { prefix: 'uploads/' }],
    [['uploads/*.png'], { prefix: 'uploads/', suffix: '.jpg' }],
    [['thumbnails/*', 'meta/*.json'], { prefix: 'uploads/', suffix: '.jpg' }],
  ])('FN13 accepts writes %j outside the trigger %j', (writeKeyPatterns, filter) => {
    expect(() => synth({ writeKeyPatterns, filters: [filter] })).not.toThrow();
  });

  test('every rule in one error', () => {
    expectOneErrorFor(() => synth({
      filters: [{ prefix: '' }, { suffix: 'x'.repeat(1025) }],
      writeKeyPatterns: ['*'],
      delivery: BucketEventDelivery.DIRECT,
      queueProps: {},
      eventTargetRetryAttempts: 186,
    }), path, [
      { prop: 'filters[0].prefix', practice: 'EV2' },
      { prop: 'filters[1].suffix', practice: 'EV2' },
      { prop: 'filters[1]', practice: 'EV2' },
      { prop: 'queueProps', practice: 'EV2' },
      { prop: 'eventTargetRetryAttempts', practice: 'EV1' },
      { prop: 'writeKeyPatterns[0]', practice: 'FN13' },
      { prop: 'eventTargetRetryAttempts', practice: 'EV1' },
    ]);
  });

  test('EV2: S3 rejects overlapping notifications of one event type', () => {
    expectValidationError(() => synth({ filters: [{ prefix: 'uploads/' }, { prefix: 'uploads/raw/' }] }), {
      path, prop: 'filters[1]', rule: /S3 rejects overlapping notifications/, value: JSON.stringify('(prefix "uploads/raw/")'), practice: 'EV2',
    });
    expect(() => synth({ filters: [{ suffix: '.jpg' }, { suffix: '.png' }] })).not.toThrow();
  });

  test('EV2: EventBridge delivers event kinds, not sub-types', () => {
    expectValidationError(() => synth({ delivery: BucketEventDelivery.EVENTBRIDGE, eventTypes: [s3.EventType.OBJECT_CREATED_PUT] }), {
      path, prop: 'eventTypes', rule: /EventBridge delivers/, value: '"s3:ObjectCreated:Put"', practice: 'EV2',
    });
  });

  test('EV2: an existing bucket must be versioned', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'Plain');
    expectValidationError(() => new BucketEventProcessor(stack, 'Uploads', { processor, bucket }), {
      path, prop: 'bucket', rule: /must be versioned/, value: '"TestStack/Plain"', practice: 'EV2',
    });
    // A versioning status from a token is only known at deploy time: not judged.
    const decided = new s3.Bucket(stack, 'Decided');
    (decided.node.defaultChild as s3.CfnBucket).versioningConfiguration = { status: new CfnParameter(stack, 'Versioning').valueAsString };
    expect(() => new BucketEventProcessor(stack, 'DecidedUploads', { processor, bucket: decided })).not.toThrow();
  });

  test('the processor\'s own rules and the bucket\'s are listed in one error', () => {
    const error = validationErrorOf(() => synth({ writeKeyPatterns: ['*'], processor: { ...processor, memorySize: 1 } }));
    expect(error.problems.map((p) => [p.constructPath, p.prop, p.practice])).toEqual([
      [path, 'writeKeyPatterns[0]', 'FN13'],
      [`${path}/Notifications/Processor`, 'memorySize', 'FN1'],
    ]);
  });

  test('tokens skip the recursion guard', () => {
    const { stack } = newStack();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    expect(() => new BucketEventProcessor(stack, 'Uploads', { processor, filters: [{ prefix }], writeKeyPatterns: ['*'] })).not.toThrow();
  });
});
