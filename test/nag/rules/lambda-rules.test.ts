import { CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessGuardrailsChecks } from '../../../src';
import { lambdaAsyncFailureHandling } from '../../../src/nag/rules/lambda-async-failure-handling';
import { lambdaEnvironmentSize } from '../../../src/nag/rules/lambda-environment-size';
import { lambdaPlaintextSecret } from '../../../src/nag/rules/lambda-plaintext-secret';
import { lambdaRecursiveInvoke } from '../../../src/nag/rules/lambda-recursive-invoke';
import { lambdaReservedConcurrency } from '../../../src/nag/rules/lambda-reserved-concurrency';
import { lambdaSharedRole } from '../../../src/nag/rules/lambda-shared-role';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

function plainFunction(stack: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    ...props,
  });
}

describe('Guardrails-LambdaEnvironmentSize (FN3)', () => {
  test('compliant: 4 KB exactly; non-compliant: one byte more, with rule id and path', () => {
    const { app, stack } = newStack();
    const ok = plainFunction(stack, 'Ok', { environment: { K: 'x'.repeat(4095) } });
    const big = plainFunction(stack, 'Big', { environment: { K: 'x'.repeat(4096) } });
    expect(ruleResult(lambdaEnvironmentSize, ok)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaEnvironmentSize, big)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaEnvironmentSize at TestStack/Big/Resource');
    expect(guardrailsFindings(app)).not.toContain('Guardrails-LambdaEnvironmentSize at TestStack/Ok/Resource');
  });

  test('tokens: a Ref counts 0 bytes, the literal parts of an Fn::Join count', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const withRef = plainFunction(stack, 'WithRef', { environment: { K: 'x'.repeat(4000), URL: queue.queueUrl } });
    const withJoin = plainFunction(stack, 'WithJoin', { environment: { K: 'x'.repeat(4000), URL: Fn.join('', ['https://', queue.queueName, '/', 'y'.repeat(100)]) } });
    expect(ruleResult(lambdaEnvironmentSize, withRef)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaEnvironmentSize, withJoin)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(lambdaEnvironmentSize, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-LambdaPlaintextSecret (FN3)', () => {
  test('a literal under a secret-like name is a finding per variable; references are not', () => {
    const { app, stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const fn = plainFunction(stack, 'Fn', {
      environment: {
        DB_PASSWORD: 'hunter2',
        STRIPE_API_KEY: 'sk_live_123',
        TOKEN_TABLE_NAME: 'tokens',
        DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
        SESSION_SECRET: queue.queueArn,
        GREETING: 'hello',
      },
    });
    expect(ruleResult(lambdaPlaintextSecret, fn)).toEqual(['DB_PASSWORD', 'STRIPE_API_KEY']);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining([
      'Guardrails-LambdaPlaintextSecret[DB_PASSWORD] at TestStack/Fn/Resource',
      'Guardrails-LambdaPlaintextSecret[STRIPE_API_KEY] at TestStack/Fn/Resource',
    ]));
  });

  test('compliant without secret-like literals; not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(lambdaPlaintextSecret, plainFunction(stack, 'Fn', { environment: { STAGE: 'prod' } }))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaPlaintextSecret, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-LambdaReservedConcurrency (FN5)', () => {
  test('missing is a warning with rule id and path; a number, a token or 0 is compliant', () => {
    const { app, stack } = newStack();
    const missing = plainFunction(stack, 'Missing');
    expect(ruleResult(lambdaReservedConcurrency, missing)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaReservedConcurrency, plainFunction(stack, 'Set', { reservedConcurrentExecutions: 5 }))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaReservedConcurrency, plainFunction(stack, 'Off', { reservedConcurrentExecutions: 0 }))).toBe(NagRuleCompliance.COMPLIANT);
    const param = new CfnParameter(stack, 'Reserved', { type: 'Number', default: 3 });
    expect(ruleResult(lambdaReservedConcurrency, plainFunction(stack, 'Token', { reservedConcurrentExecutions: param.valueAsNumber }))).toBe(NagRuleCompliance.COMPLIANT);
    const violation = new ServerlessGuardrailsChecks().validateScope(app).violations
      .find((v) => v.ruleName === 'Guardrails-LambdaReservedConcurrency');
    expect(violation?.severity).toBe('warning');
    expect(violation?.violatingResources.map((r) => r.constructPath)).toEqual(['TestStack/Missing/Resource']);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(lambdaReservedConcurrency, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-LambdaSharedRole (FN6)', () => {
  test('two functions on one role are both findings; own roles are compliant', () => {
    const { app, stack } = newStack();
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const a = plainFunction(stack, 'A', { role });
    plainFunction(stack, 'B', { role });
    const own = plainFunction(stack, 'Own');
    expect(ruleResult(lambdaSharedRole, a)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaSharedRole, own)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining(['Guardrails-LambdaSharedRole at TestStack/A/Resource', 'Guardrails-LambdaSharedRole at TestStack/B/Resource']));
  });

  test('an imported role ARN (literal) shared by two functions is found too', () => {
    const { stack } = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/shared', { mutable: false });
    const a = plainFunction(stack, 'A', { role });
    plainFunction(stack, 'B', { role });
    expect(ruleResult(lambdaSharedRole, a)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(lambdaSharedRole, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-LambdaAsyncFailureHandling (FN9)', () => {
  test('an S3-triggered function without invoke config: both pieces are findings', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const bucket = new s3.Bucket(stack, 'Bucket');
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toEqual(['MaximumRetryAttempts', 'OnFailure']);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining([
      'Guardrails-LambdaAsyncFailureHandling[MaximumRetryAttempts] at TestStack/Fn/Resource',
      'Guardrails-LambdaAsyncFailureHandling[OnFailure] at TestStack/Fn/Resource',
    ]));
  });

  test('an EventBridge target through an alias, with a complete invoke config on the alias, is compliant', () => {
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

  test('an existing invoke config alone makes the rule apply', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(new sqs.Queue(stack, 'Failures')) });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toEqual(['MaximumRetryAttempts']);
  });

  test('not applicable: a function with only a synchronous caller (API Gateway permission)', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.addPermission('Api', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    expect(ruleResult(lambdaAsyncFailureHandling, fn)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-LambdaRecursiveInvoke (FN13)', () => {
  test('a role that may invoke its own function (GetAtt ARN) is a finding', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.grantInvoke(fn.role!);
    expect(ruleResult(lambdaRecursiveInvoke, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaRecursiveInvoke at TestStack/Fn/Resource');
  });

  test('invoke on its alias (Fn::Join / Ref), on "*" or via lambda:* is a finding', () => {
    const { stack } = newStack();
    const viaAlias = plainFunction(stack, 'ViaAlias');
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: viaAlias.currentVersion }).grantInvoke(viaAlias.role!);
    const viaStar = plainFunction(stack, 'ViaStar');
    viaStar.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:*'], resources: ['*'] }));
    expect(ruleResult(lambdaRecursiveInvoke, viaAlias)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, viaStar)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('invoking another function is compliant; a function without a role in the stack is not applicable', () => {
    const { stack } = newStack();
    const caller = plainFunction(stack, 'Caller');
    plainFunction(stack, 'Callee').grantInvoke(caller);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
    const imported = plainFunction(stack, 'Imported', { role: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/x', { mutable: false }) });
    expect(ruleResult(lambdaRecursiveInvoke, imported)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
