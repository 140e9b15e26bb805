import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { lambdaUnqualifiedTrigger } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

describe('Guardrails-LambdaUnqualifiedTrigger (FN10)', () => {
  /** Each trigger kind, wired to `target` (the function itself, or its alias). */
  const TRIGGERS: { [kind: string]: (scope: Construct, target: lambda.IFunction) => void } = {
    'event source mapping': (scope, target) => target.addEventSource(new sources.SqsEventSource(new sqs.Queue(scope, 'Queue'))),
    'EventBridge target': (scope, target) => new events.Rule(scope, 'Rule', { schedule: events.Schedule.expression('rate(1 hour)'), targets: [new targets.LambdaFunction(target)] }),
    'S3 notification': (scope, target) => new s3.Bucket(scope, 'Bucket').addObjectCreatedNotification(new s3n.LambdaDestination(target)),
    'SNS subscription': (scope, target) => new sns.Topic(scope, 'Topic').addSubscription(new subscriptions.LambdaSubscription(target)),
    'API integration': (scope, target) => new apigw.LambdaRestApi(scope, 'Api', { handler: target }),
  };

  function withAlias() {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const alias = new lambda.Alias(stack, 'Alias', { aliasName: 'live', version: fn.currentVersion });
    return { app, stack, fn, alias };
  }

  test.each(Object.keys(TRIGGERS))('%s on the unqualified function of a function with an alias: a finding', (kind) => {
    const { app, stack, fn } = withAlias();
    TRIGGERS[kind](stack, fn);
    expect(ruleResult(lambdaUnqualifiedTrigger, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaUnqualifiedTrigger at TestStack/Fn/Resource');
  });

  test.each(Object.keys(TRIGGERS))('%s on the alias: compliant', (kind) => {
    const { stack, fn, alias } = withAlias();
    TRIGGERS[kind](stack, alias);
    expect(ruleResult(lambdaUnqualifiedTrigger, fn)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a trigger on the function ARN with a qualifier (`<ARN>:live`) is qualified; a function without an alias is not judged', () => {
    const { stack, fn } = withAlias();
    new lambda.CfnPermission(stack, 'Qualified', { action: 'lambda:InvokeFunction', functionName: `${fn.functionArn}:live`, principal: 'sns.amazonaws.com' });
    expect(ruleResult(lambdaUnqualifiedTrigger, fn)).toBe(NagRuleCompliance.COMPLIANT);
    const plain = newStack().stack;
    const noAlias = plainFunction(plain, 'Fn');
    TRIGGERS['SNS subscription'](plain, noAlias);
    expect(ruleResult(lambdaUnqualifiedTrigger, noAlias)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
