import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { BucketEventProcessor } from '../../../../src';
import { s3TriggerRecursion } from '../../../../src/nag/rules/s3';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

const FINDING = 'Guardrails-S3TriggerRecursion';

/** A bucket that notifies `fn` of new objects under uploads/ (aws-cdk-lib's notifications custom resource). */
function notifying(trigger: s3.NotificationKeyFilter = { prefix: 'uploads/' }) {
  const { app, stack } = newStack();
  const bucket = new s3.Bucket(stack, 'Bucket');
  const fn = plainFunction(stack, 'Fn');
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), trigger);
  const notifications = bucket.node.findChild('Notifications').node.defaultChild!;
  return { app, stack, bucket, fn, notifications };
}

describe('Guardrails-S3TriggerRecursion (FN13)', () => {
  test('a function notified of uploads/ that may put uploads/* is a finding; thumbnails/* is not', () => {
    const looping = notifying();
    looping.bucket.grantPut(looping.fn, 'uploads/*');
    expect(ruleResult(s3TriggerRecursion, looping.notifications)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(looping.app)).toContain(`${FINDING} at TestStack/Bucket/Notifications/Resource`);

    const fixed = notifying();
    fixed.bucket.grantPut(fixed.fn, 'thumbnails/*');
    expect(ruleResult(s3TriggerRecursion, fixed.notifications)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(fixed.app).filter((finding) => finding.startsWith(FINDING))).toEqual([]);
  });

  test('the whole bucket (grantReadWrite: s3:PutObject* on <bucket>/*) or `*` is a finding; a suffix outside the filter is not', () => {
    const readWrite = notifying({ prefix: 'uploads/', suffix: '.jpg' });
    readWrite.bucket.grantReadWrite(readWrite.fn);
    expect(ruleResult(s3TriggerRecursion, readWrite.notifications)).toBe(NagRuleCompliance.NON_COMPLIANT);

    const star = notifying();
    star.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(ruleResult(s3TriggerRecursion, star.notifications)).toBe(NagRuleCompliance.NON_COMPLIANT);

    const png = notifying({ prefix: 'uploads/', suffix: '.jpg' });
    png.bucket.grantPut(png.fn, 'uploads/*.png');
    expect(ruleResult(s3TriggerRecursion, png.notifications)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('through a queue that the function consumes (an event source mapping): a finding; another function\'s write is not', () => {
    const { stack, bucket, fn, notifications } = notifying();
    const queue = new sqs.Queue(stack, 'Queue');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue), { prefix: 'raw/' });
    const consumer = plainFunction(stack, 'Consumer');
    consumer.addEventSource(new sources.SqsEventSource(queue));
    bucket.grantPut(consumer, 'raw/*');
    bucket.grantPut(fn, 'done/*');
    expect(ruleResult(s3TriggerRecursion, notifications)).toBe(NagRuleCompliance.NON_COMPLIANT);

    const other = notifying();
    const otherQueue = new sqs.Queue(other.stack, 'Queue');
    other.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(otherQueue), { prefix: 'raw/' });
    const writer = plainFunction(other.stack, 'Writer');
    other.bucket.grantPut(writer, 'raw/*');
    expect(ruleResult(s3TriggerRecursion, other.notifications)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an L1 bucket (CloudFormation\'s shape) with a literal name: a literal ARN of its objects is a finding, another bucket\'s is not', () => {
    const build = (resource: string) => {
      const { stack } = newStack();
      const fn = plainFunction(stack, 'Fn');
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [resource] }));
      const bucket = new s3.CfnBucket(stack, 'Uploads', {
        bucketName: 'my-uploads',
        notificationConfiguration: {
          lambdaConfigurations: [{
            event: 's3:ObjectCreated:Put',
            function: fn.functionArn,
            filter: { s3Key: { rules: [{ name: 'prefix', value: 'in/' }] } },
          }],
        },
      });
      return ruleResult(s3TriggerRecursion, bucket);
    };
    expect(build('arn:aws:s3:::my-uploads/*')).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(build('arn:aws:s3:::my-*/in/*')).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(build('arn:aws:s3:::other-bucket/*')).toBe(NagRuleCompliance.COMPLIANT);
    expect(build('arn:aws:s3:::my-uploads/out/*')).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('notifications of removed objects only are not applicable; a function without writes is compliant', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    const fn = plainFunction(stack, 'Fn');
    bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.LambdaDestination(fn));
    bucket.grantPut(fn);
    expect(ruleResult(s3TriggerRecursion, bucket.node.findChild('Notifications').node.defaultChild!)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const quiet = notifying();
    expect(ruleResult(s3TriggerRecursion, quiet.notifications)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('BucketEventProcessor: its own writes never loop; a write the user grants its processor later is reported', () => {
    const { app, stack } = newStack();
    const uploads = new BucketEventProcessor(stack, 'Uploads', {
      processor: { code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler' },
      filters: [{ prefix: 'uploads/' }],
      writeKeyPatterns: ['thumbnails/*'],
    });
    expect(guardrailsFindings(app).filter((finding) => finding.startsWith(FINDING))).toEqual([]);
    uploads.bucket.grantPut(uploads.processor!.role, 'uploads/*');
    expect(guardrailsFindings(app)).toContain(`${FINDING} at TestStack/Uploads/Bucket/Notifications/Resource`);
  });

  test('only buckets that hold notifications and the notifications custom resource are rendered (mayApply)', () => {
    const { bucket, notifications } = notifying();
    const l1 = bucket.node.defaultChild as s3.CfnBucket;
    expect(s3TriggerRecursion.mayApply!(l1)).toBe(false);
    expect(s3TriggerRecursion.mayApply!(notifications as s3.CfnBucket)).toBe(true);
    l1.addPropertyOverride('NotificationConfiguration.QueueConfigurations', [{ Event: 's3:ObjectCreated:*', Queue: 'arn:aws:sqs:eu-west-1:123456789012:q' }]);
    expect(s3TriggerRecursion.mayApply!(l1)).toBe(true);
    const { stack } = newStack();
    expect(s3TriggerRecursion.mayApply!(new s3.CfnBucket(stack, 'L1', { notificationConfiguration: { queueConfigurations: [] } }))).toBe(true);
  });
});
