import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { grantPublishToTopic, grantSendToQueue } from '../../src/resources/producer-grants';
import { newStack } from '../support/stacks';

function actionsOf(template: Template): string[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
}

describe('producer grants on encrypted queues and topics (MSG1, MSG3, SEC1)', () => {
  test('a queue with a customer-managed key: SendMessage plus exactly GenerateDataKey and Decrypt', () => {
    const { stack } = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    grantSendToQueue(role, new sqs.Queue(stack, 'Queue', { encryptionMasterKey: key }));
    expect(actionsOf(Template.fromStack(stack)).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'sqs:SendMessage']);
  });

  test('a topic with a customer-managed key: Publish plus exactly GenerateDataKey and Decrypt; no key, no key actions', () => {
    const { stack } = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    grantPublishToTopic(role, new sns.Topic(stack, 'Encrypted', { masterKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }) }));
    grantPublishToTopic(role, new sns.Topic(stack, 'Plain'));
    expect(actionsOf(Template.fromStack(stack)).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey', 'sns:Publish', 'sns:Publish']);
  });
});
