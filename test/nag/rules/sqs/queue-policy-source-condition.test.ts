import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { queuePolicySourceCondition } from '../../../../src/nag/rules/sqs';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

/** The policy aws-cdk-lib creates for a queue's resource policy statements. */
function policyOf(queue: sqs.Queue): sqs.QueuePolicy {
  return queue.node.findChild('Policy') as sqs.QueuePolicy;
}

/** A queue whose policy lets `service` send, with `conditions` (none when undefined). */
function queueAllowing(service: string, conditions?: { [operator: string]: unknown }, actions = ['sqs:SendMessage']) {
  const { app, stack } = newStack();
  const queue = new sqs.Queue(stack, 'Queue');
  queue.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(service)], actions, resources: [queue.queueArn], conditions,
  }));
  return { app, stack, queue, policy: policyOf(queue) };
}

describe('Guardrails-QueuePolicySourceCondition (SEC2)', () => {
  test.each(['sns.amazonaws.com', 's3.amazonaws.com', 'events.amazonaws.com', 'scheduler.amazonaws.com'])('%s may send without a source condition: a finding', (service) => {
    const { policy } = queueAllowing(service);
    expect(ruleResult(queuePolicySourceCondition, policy)).toEqual([`${service.split('.')[0]}:0`]);
  });

  test('the finding names the Sid and the path; sqs:* and sqs:Send* count as sending', () => {
    const { app, stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(new iam.PolicyStatement({ sid: 'FromTopics', principals: [new iam.ServicePrincipal('sns.amazonaws.com')], actions: ['sqs:*'], resources: [queue.queueArn] }));
    expect(ruleResult(queuePolicySourceCondition, policyOf(queue))).toEqual(['sns:FromTopics']);
    expect(guardrailsFindings(app)).toContain('Guardrails-QueuePolicySourceCondition[sns:FromTopics] at TestStack/Queue/Policy/Resource');
    expect(ruleResult(queuePolicySourceCondition, queueAllowing('sns.amazonaws.com', undefined, ['sqs:Send*']).policy)).toEqual(['sns:0']);
  });

  test('a source condition under IfExists holds when the key is missing: still a finding', () => {
    const { policy } = queueAllowing('sns.amazonaws.com', { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:orders' } });
    expect(ruleResult(queuePolicySourceCondition, policy)).toEqual(['sns:0']);
  });

  test.each([
    ['aws:SourceArn', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:orders' } }],
    ['aws:SourceAccount', { StringEquals: { 'aws:SourceAccount': '123456789012' } }],
    ['aws:sourcearn (case-insensitive key)', { ArnLike: { 'aws:sourcearn': 'arn:aws:s3:::bucket' } }],
  ])('a condition on %s is compliant', (_name, conditions) => {
    expect(ruleResult(queuePolicySourceCondition, queueAllowing('sns.amazonaws.com', conditions).policy)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('aws-cdk-lib\'s SNS subscription, S3 notification and EventBridge target write the condition: compliant', () => {
    const { app, stack } = newStack();
    const fromTopic = new sqs.Queue(stack, 'FromTopic');
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(fromTopic));
    const fromBucket = new sqs.Queue(stack, 'FromBucket');
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(fromBucket));
    const fromRule = new sqs.Queue(stack, 'FromRule');
    new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) }).addTarget(new eventTargets.SqsQueue(fromRule));
    for (const queue of [fromTopic, fromBucket, fromRule]) {
      expect(ruleResult(queuePolicySourceCondition, policyOf(queue))).toBe(NagRuleCompliance.COMPLIANT);
    }
    expect(guardrailsFindings(app).filter((finding) => finding.includes('QueuePolicySourceCondition'))).toEqual([]);
  });

  test('other principals, Deny statements and other actions are not judged', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
    const account = new iam.AccountPrincipal('123456789012');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [account], actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('sns.amazonaws.com')], actions: ['sqs:GetQueueAttributes'], resources: [queue.queueArn] }));
    queue.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.ServicePrincipal('sns.amazonaws.com')], actions: ['sqs:SendMessage'], resources: [queue.queueArn],
    }));
    expect(ruleResult(queuePolicySourceCondition, policyOf(queue))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(queuePolicySourceCondition, queue)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
