import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { secureQueueProps } from '../../src/resources/secure-queue';
import { newStack } from '../support/stacks';

describe('secureQueueProps', () => {
  test('SSE-SQS without a key, SSE-KMS with the given key; TLS only either way (MSG1, SEC1)', () => {
    const { stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new sqs.Queue(stack, 'Plain', secureQueueProps());
    new sqs.Queue(stack, 'Keyed', secureQueueProps(key));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, KmsMasterKeyId: Match.absent() });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: stack.resolve(key.keyArn), SqsManagedSseEnabled: Match.absent() });
    const denyWithoutTls = { PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] } };
    template.resourcePropertiesCountIs('AWS::SQS::QueuePolicy', denyWithoutTls, 2);
  });
});
