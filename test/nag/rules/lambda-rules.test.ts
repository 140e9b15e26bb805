import { App, Aws, CfnParameter, CfnResource, CustomResource, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ServerlessGuardrailsChecks } from '../../../src';
import { lambdaAsyncFailureHandling } from '../../../src/nag/rules/lambda-async-failure-handling';
import { lambdaEnvironmentSize } from '../../../src/nag/rules/lambda-environment-size';
import { lambdaLogRetention } from '../../../src/nag/rules/lambda-log-retention';
import { lambdaPlaintextSecret } from '../../../src/nag/rules/lambda-plaintext-secret';
import { lambdaRecursiveInvoke } from '../../../src/nag/rules/lambda-recursive-invoke';
import { lambdaReservedConcurrency } from '../../../src/nag/rules/lambda-reserved-concurrency';
import { lambdaSharedRole } from '../../../src/nag/rules/lambda-shared-role';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

/** The Lambda functions of a stack that aws-cdk-lib added (every function but `own`). */
function frameworkFunctions(stack: Stack, own: lambda.Function[] = []): CfnResource[] {
  const ownResources = new Set<unknown>(own.map((fn) => fn.node.defaultChild));
  return stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Lambda::Function' && !ownResources.has(c));
}

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

  test('aws-cdk-lib\'s own custom-resource handlers (only CloudFormation invokes them) are not applicable; the app\'s function still is a finding', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_WEEK });
    const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
    new cr.AwsCustomResource(stack, 'Call', {
      onCreate: { service: 'SSM', action: 'getParameter', parameters: { Name: 'x' }, physicalResourceId: cr.PhysicalResourceId.of('x') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true, natGateways: 0 });
    const handlers = frameworkFunctions(stack, [fn]);
    // Bucket notifications, log retention, auto-delete objects, AwsCustomResource, VPC default security group.
    expect(handlers).toHaveLength(5);
    for (const handler of handlers) {
      expect({ path: handler.node.path, result: ruleResult(lambdaReservedConcurrency, handler) })
        .toEqual({ path: handler.node.path, result: NagRuleCompliance.NOT_APPLICABLE });
    }
    expect(ruleResult(lambdaReservedConcurrency, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.startsWith('Guardrails-LambdaReservedConcurrency'))).toEqual(['Guardrails-LambdaReservedConcurrency at TestStack/Fn/Resource']);
  });

  test('the provider framework: its functions and the user\'s handlers are not applicable; a handler that is also invoked at run time is a finding', () => {
    const { stack } = newStack();
    const onEvent = plainFunction(stack, 'OnEvent');
    const isComplete = plainFunction(stack, 'IsComplete');
    const provider = new cr.Provider(stack, 'Provider', { onEventHandler: onEvent, isCompleteHandler: isComplete });
    new CustomResource(stack, 'Resource', { serviceToken: provider.serviceToken });
    const handlers = frameworkFunctions(stack, [onEvent, isComplete]);
    expect(handlers.length).toBe(3);
    for (const handler of [...handlers, onEvent.node.defaultChild as CfnResource, isComplete.node.defaultChild as CfnResource]) {
      expect({ path: handler.node.path, result: ruleResult(lambdaReservedConcurrency, handler) })
        .toEqual({ path: handler.node.path, result: NagRuleCompliance.NOT_APPLICABLE });
    }
    onEvent.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
    expect(ruleResult(lambdaReservedConcurrency, onEvent)).toBe(NagRuleCompliance.NON_COMPLIANT);
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

describe('Guardrails-LambdaLogRetention (FN8)', () => {
  test('a function without a log group of its own is a warning with path (Lambda creates one that never expires)', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    expect(ruleResult(lambdaLogRetention, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaLogRetention at TestStack/Fn/Resource');
    const violation = new ServerlessGuardrailsChecks().validateScope(app).violations.find((v) => v.ruleName === 'Guardrails-LambdaLogRetention');
    expect(violation?.severity).toBe('warning');
  });

  test('LoggingConfig.LogGroup with a retention is compliant; without one it is a finding', () => {
    const { stack } = newStack();
    const kept = plainFunction(stack, 'Kept', { logGroup: new logs.LogGroup(stack, 'KeptLogs', { retention: logs.RetentionDays.ONE_MONTH }) });
    const forever = plainFunction(stack, 'Forever', { logGroup: new logs.LogGroup(stack, 'ForeverLogs', { retention: logs.RetentionDays.INFINITE }) });
    expect(ruleResult(lambdaLogRetention, kept)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaLogRetention, forever)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('the default log group created by the stack (by reference or by literal name) with a retention is compliant', () => {
    const { stack } = newStack();
    const byRef = plainFunction(stack, 'ByRef');
    new logs.LogGroup(stack, 'ByRefLogs', { logGroupName: `/aws/lambda/${byRef.functionName}`, retention: logs.RetentionDays.ONE_WEEK });
    const byName = plainFunction(stack, 'ByName', { functionName: 'orders' });
    new logs.LogGroup(stack, 'ByNameLogs', { logGroupName: '/aws/lambda/orders', retention: logs.RetentionDays.ONE_WEEK });
    const noRetention = plainFunction(stack, 'NoRetention', { functionName: 'payments' });
    new logs.LogGroup(stack, 'NoRetentionLogs', { logGroupName: '/aws/lambda/payments', retention: logs.RetentionDays.INFINITE });
    expect(ruleResult(lambdaLogRetention, byRef)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaLogRetention, byName)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaLogRetention, noRetention)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('aws-cdk-lib\'s logRetention (Custom::LogRetention) counts as retention, and its own handler is not applicable', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_WEEK });
    expect(ruleResult(lambdaLogRetention, fn)).toBe(NagRuleCompliance.COMPLIANT);
    const [handler] = frameworkFunctions(stack, [fn]);
    expect(ruleResult(lambdaLogRetention, handler)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('not applicable: a LoggingConfig.LogGroup outside the stack, other resources', () => {
    const { stack } = newStack();
    const shared = plainFunction(stack, 'Shared', { logGroup: logs.LogGroup.fromLogGroupName(stack, 'Central', '/central/lambda') });
    expect(ruleResult(lambdaLogRetention, shared)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(lambdaLogRetention, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('the finding can be acknowledged on its function', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn', { reservedConcurrentExecutions: 1 });
    Validations.of(fn).acknowledge({ id: 'Guardrails-LambdaLogRetention', reason: 'FN8: test' });
    expect(guardrailsFindings(app)).toEqual([]);
  });
});

describe('Guardrails-LambdaRecursiveInvoke (FN13)', () => {
  const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function';

  /** A function named `name` (literal FunctionName) whose role may invoke each of `resources`. */
  function invoking(stack: Stack, id: string, resources: (fn: lambda.Function) => string[], props: Partial<lambda.FunctionProps> = { functionName: 'name' }) {
    const fn = plainFunction(stack, id, props);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: resources(fn) }));
    return fn;
  }

  test('a role that may invoke its own function (GetAtt ARN) is a finding; another function\'s GetAtt is not', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.grantInvoke(fn.role!);
    const other = plainFunction(stack, 'Other');
    const caller = invoking(stack, 'Caller', () => [other.functionArn], {});
    expect(ruleResult(lambdaRecursiveInvoke, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaRecursiveInvoke at TestStack/Fn/Resource');
  });

  test('a literal ARN of its own literal name is a finding, qualified or not; another name, account or region is not', () => {
    const { app, stack } = newStack();
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Plain', () => [`${ARN}:name`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaRecursiveInvoke at TestStack/Plain/Resource');
    const others = newStack().stack;
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Plain', () => [`${ARN}:other`]))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Account', () => ['arn:aws:lambda:eu-west-1:210987654321:function:name']))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Region', () => ['arn:aws:lambda:us-east-1:123456789012:function:name']))).toBe(NagRuleCompliance.COMPLIANT);
    const qualified = newStack().stack;
    expect(ruleResult(lambdaRecursiveInvoke, invoking(qualified, 'Alias', () => [`${ARN}:name:live`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(qualified, 'OtherAlias', () => [`${ARN}:other:live`], { functionName: 'name2' }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a literal ARN built with the pseudo parameters (Fn::Sub, Fn::Join) is a finding in an environment-agnostic stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    const sub = invoking(stack, 'Sub', () => [Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:name')]);
    const join = invoking(stack, 'Join', () => [`arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:name:live`], { functionName: 'name' });
    const other = invoking(stack, 'Other', () => [Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:other')], { functionName: 'name3' });
    expect(ruleResult(lambdaRecursiveInvoke, sub)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, join)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, other)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('invoke on its alias (Ref) or version (Ref) is a finding; on another function\'s alias it is not', () => {
    const { stack } = newStack();
    const viaAlias = plainFunction(stack, 'ViaAlias');
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: viaAlias.currentVersion }).grantInvoke(viaAlias.role!);
    const viaVersion = plainFunction(stack, 'ViaVersion');
    const version = new lambda.Version(stack, 'V1', { lambda: viaVersion });
    viaVersion.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [version.functionArn] }));
    const target = plainFunction(stack, 'Target');
    const otherAlias = new lambda.Alias(stack, 'TargetLive', { aliasName: 'live', version: target.currentVersion });
    const caller = invoking(stack, 'Caller', () => [otherAlias.functionArn], {});
    expect(stack.resolve(otherAlias.functionArn)).toEqual({ Ref: expect.stringMatching(/^TargetLive/) });
    expect(ruleResult(lambdaRecursiveInvoke, viaAlias)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, viaVersion)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an Fn::Join building `<own function ARN>:live` is a finding; the same on another function is not', () => {
    const { stack } = newStack();
    const own = invoking(stack, 'Own', (fn) => [Fn.join(':', [fn.functionArn, 'live'])], {});
    const other = plainFunction(stack, 'Other');
    const caller = invoking(stack, 'Caller', () => [Fn.join(':', [other.functionArn, 'live'])], {});
    expect(ruleResult(lambdaRecursiveInvoke, own)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('wildcards: "*", lambda:*, a matching name pattern are findings; a pattern that cannot match the literal name is not', () => {
    const { stack } = newStack();
    const viaStar = plainFunction(stack, 'ViaStar');
    viaStar.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:*'], resources: ['*'] }));
    expect(ruleResult(lambdaRecursiveInvoke, viaStar)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Prefix', () => [`${ARN}:na*`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'AnyLambda', () => ['arn:aws:lambda:*'], { functionName: 'name4' }))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'OtherPrefix', () => [`${ARN}:other-*`], { functionName: 'name5' }))).toBe(NagRuleCompliance.COMPLIANT);
    // A generated name is unknown: a wildcard may match it, a literal name is not guessed.
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'GeneratedWildcard', () => [`${ARN}:Test*`], {}))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'GeneratedLiteral', () => [`${ARN}:name`], {}))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('the invoke grant is found in any policy of the role (L2 or L1 JSON), next to policies of other actions', () => {
    const { stack } = newStack();
    const viaManaged = plainFunction(stack, 'ViaManaged');
    viaManaged.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    new iam.ManagedPolicy(stack, 'Invoke', { roles: [viaManaged.role!], statements: [new iam.PolicyStatement({ actions: ['lambda:Invoke*'], resources: [viaManaged.functionArn] })] });
    const viaJson = plainFunction(stack, 'ViaJson');
    new iam.CfnPolicy(stack, 'Json', {
      policyName: 'json',
      roles: [viaJson.role!.roleName],
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }, { Effect: 'Allow', Action: 'lambda:*', Resource: viaJson.functionArn }] },
    });
    const otherActions = plainFunction(stack, 'OtherActions');
    otherActions.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:GetFunction'], resources: [otherActions.functionArn] }));
    expect(ruleResult(lambdaRecursiveInvoke, viaManaged)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, viaJson)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, otherActions)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a parameter in the ARN is not guessed; a function without a role in the stack is not applicable', () => {
    const { stack } = newStack();
    const param = new CfnParameter(stack, 'Target');
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Param', () => [`${ARN}:${param.valueAsString}`]))).toBe(NagRuleCompliance.COMPLIANT);
    const imported = plainFunction(stack, 'Imported', { role: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/x', { mutable: false }) });
    expect(ruleResult(lambdaRecursiveInvoke, imported)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
