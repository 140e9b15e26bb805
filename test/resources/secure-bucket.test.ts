import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createSecureBucket } from '../../src/resources/secure-bucket';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { newStack } from '../support/stacks';

const LOCKED_DOWN = {
  PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
};

describe('createSecureBucket (EV3)', () => {
  test('public access blocked, TLS only, SSE-S3, versioned, noncurrent versions expire, access logs to a log bucket; both retained', () => {
    const { stack } = newStack();
    const { bucket, accessLogsBucket } = createSecureBucket(stack, 'Uploads');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        ...LOCKED_DOWN,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [{ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }] },
        LoggingConfiguration: { DestinationBucketName: stack.resolve(accessLogsBucket!.bucketName) },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::S3::Bucket', {
      Properties: { ...LOCKED_DOWN, LifecycleConfiguration: { Rules: [{ ExpirationInDays: 90, Status: 'Enabled' }] }, LoggingConfiguration: Match.absent() },
      DeletionPolicy: 'Retain',
    });
    const denyWithoutTls = { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } };
    template.resourcePropertiesCountIs('AWS::S3::BucketPolicy', denyWithoutTls, 2);
    // SEC2: S3's log delivery may write for this bucket and account only.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: stack.resolve(accessLogsBucket!.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 's3:PutObject',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Resource: stack.resolve(accessLogsBucket!.arnForObjects('*')),
          Condition: { ArnLike: { 'aws:SourceArn': stack.resolve(bucket.bucketArn) }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
        }]),
      },
    });
    expect(bucket.node.id).toBe('Uploads');
  });

  test('a customer-managed key: SSE-KMS with a bucket key; an existing log bucket is used, no log bucket is created', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const logs = new s3.Bucket(stack, 'Logs');
    const { accessLogsBucket } = createSecureBucket(stack, 'Uploads', { encryptionKey: key, accessLogsBucket: logs, accessLogsPrefix: 'uploads/' });
    expect(accessLogsBucket).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(key.keyArn) } }] },
      LoggingConfiguration: { DestinationBucketName: stack.resolve(logs.bucketName), LogFilePrefix: 'uploads/' },
    });
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 2);
  });

  test('no unacknowledged findings; the log bucket alone acknowledges AwsSolutions-S1', () => {
    const { app, stack } = newStack();
    createSecureBucket(stack, 'Uploads');
    expectNoUnacknowledgedFindings(app);
  });
});
