import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { lambdaAsyncFailureHandling } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

describe('Guardrails-LambdaAsyncFailureHandling (FN9)', () => {
  test('an S3-triggered function without invoke config: the missing on-failure handling is the finding, with path', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toEqual(['OnFailure']);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaAsyncFailureHandling[OnFailure] at TestStack/Fn/Resource');
  });

  test('retries left at the service default (bounded at 2) are no finding when an on-failure destination is set', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failures')) });
    fn.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.includes('LambdaAsyncFailureHandling'))).toEqual([]);
  });

  test('a Lambda dead-letter queue (DeadLetterConfig) is failure handling; without it the same function is a finding', () => {
    const { stack } = newStack();
    const withDlq = plainFunction(stack, 'WithDlq', { deadLetterQueueEnabled: true });
    const without = plainFunction(stack, 'Without');
    const topic = new sns.Topic(stack, 'Topic');
    for (const fn of [withDlq, without]) fn.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com'), sourceArn: topic.topicArn });
    expect(ruleResult(lambdaAsyncFailureHandling, withDlq)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaAsyncFailureHandling, without)).toEqual(['OnFailure']);
  });

  test('an EventBridge target through an alias, with an on-failure destination on the alias, is compliant', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    alias.configureAsyncInvoke({ retryAttempts: 1, onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failures')) });
    new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(alias)] });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an SNS subscription with an invoke config lacking the destination: OnFailure is the finding', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.configureAsyncInvoke({ retryAttempts: 0 });
    new sns.Subscription(stack, 'Sub', { topic: new sns.Topic(stack, 'Topic'), endpoint: fn.functionArn, protocol: sns.SubscriptionProtocol.LAMBDA });
    fn.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toEqual(['OnFailure']);
  });

  test('an invoke config alone makes the rule apply, unless event source mappings (synchronous) are the callers', () => {
    const { stack } = newStack();
    const configured = plainFunction(stack, 'Configured', { retryAttempts: 0 });
    expect(ruleResult(lambdaAsyncFailureHandling, configured)).toEqual(['OnFailure']);
    const fromQueue = plainFunction(stack, 'FromQueue', { retryAttempts: 0 });
    fromQueue.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue')));
    expect(ruleResult(lambdaAsyncFailureHandling, fromQueue)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    // Also invoked by S3: asynchronous again.
    new s3.Bucket(stack, 'Bucket').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fromQueue));
    expect(ruleResult(lambdaAsyncFailureHandling, fromQueue)).toEqual(['OnFailure']);
  });

  test('not applicable: a function with only a synchronous caller (API Gateway permission)', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.addPermission('Api', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
