import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EntryBundler, GuardedFunction, GuardedFunctionProps, ReservedConcurrency } from '../../src';
import * as packageSize from '../../src/function/package-size';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { FIXTURES, expectOneErrorFor, expectValidationError, fixtureCode, newStack } from '../support/stacks';

function synth(props: Partial<GuardedFunctionProps> = {}) {
  const { app, stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', ...props } as GuardedFunctionProps);
  return { app, stack, fn, template: Template.fromStack(stack) };
}

function maximalProps(stack: import('aws-cdk-lib').Stack): GuardedFunctionProps {
  return {
    entry: path.join(FIXTURES, 'bundled-handler.ts'),
    memorySize: 1792,
    timeout: Duration.seconds(60),
    ephemeralStorageSize: Size.mebibytes(1024),
    environment: { TABLE_NAME: 'orders', STAGE: 'prod' },
    secrets: { API_CREDENTIALS_ARN: new secretsmanager.Secret(stack, 'Credentials') },
    reservedConcurrency: ReservedConcurrency.of(50),
    provisionedConcurrency: 2,
    logRetention: logs.RetentionDays.THREE_MONTHS,
    logLevel: lambda.ApplicationLogLevel.WARN,
    asyncInvocation: { retryAttempts: 2, maxEventAge: Duration.hours(2) },
    alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true, masterKey: undefined }),
    aliasName: 'prod',
    description: 'maximal configuration',
  };
}

describe('GuardedFunction defaults', () => {
  test('FN1, FN2, FN4, FN5, FN7, FN8, FN14: explicit settings on the function', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1024,
      Timeout: 10,
      EphemeralStorage: { Size: 512 },
      ReservedConcurrentExecutions: 10,
      TracingConfig: { Mode: 'Active' },
      Architectures: ['arm64'],
      Runtime: 'nodejs24.x',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: { Ref: Match.stringLikeRegexp('^FnLogGroup') } },
    });
  });

  test('FN8: own log group with one month of retention, retained', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
  });

  test('FN6: own role, no managed policy, logs only on its own log group', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::IAM::Role', 1);
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnLogGroup'), 'Arn'] } },
        ]),
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('/aws/lambda/*');
    expect(JSON.stringify(template.toJSON())).not.toContain('AWSLambdaBasicExecutionRole');
  });

  test('FN10: a version and a "live" alias on it', () => {
    const { template, fn } = synth();
    template.resourceCountIs('AWS::Lambda::Version', 1);
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnFunctionCurrentVersion'), 'Version'] } });
    expect(fn.alias.aliasName).toBe('live');
  });

  test('a synchronous function has no invoke config and no failure queue', () => {
    const { template, fn } = synth();
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    expect(fn.failureQueue).toBeUndefined();
  });

  test('OBS1: errors, throttles and duration-near-timeout alarms', () => {
    const { template, fn } = synth();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Statistic: 'Sum', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Statistic: 'Maximum', Threshold: 9000 });
    expect(fn.alarms).toEqual([fn.errorsAlarm, fn.throttlesAlarm, fn.durationAlarm]);
    expect(alarmPathsOf(fn)).toEqual(['TestStack/Fn/ErrorsAlarm', 'TestStack/Fn/ThrottlesAlarm', 'TestStack/Fn/DurationAlarm']);
  });

  test('IMonitored: key metrics are invocations, errors, throttles and the slowest invocation of the function', () => {
    const { fn, stack } = synth();
    expect(keyMetricsOf(fn)).toEqual([
      { label: 'Invocations', namespace: 'AWS/Lambda', metricName: 'Invocations', statistic: 'Sum', period: 300 },
      { label: 'Errors', namespace: 'AWS/Lambda', metricName: 'Errors', statistic: 'Sum', period: 300 },
      { label: 'Throttles', namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: 300 },
      { label: 'Duration (maximum)', namespace: 'AWS/Lambda', metricName: 'Duration', statistic: 'Maximum', period: 300 },
    ]);
    const dimensions = fn.keyMetrics.map(({ metric }) => stack.resolve(metric.toMetricConfig().metricStat!.dimensions));
    expect(new Set(dimensions.map((d) => JSON.stringify(d)))).toEqual(new Set([JSON.stringify([{ name: 'FunctionName', value: stack.resolve(fn.lambdaFunction.functionName) }])]));
  });

  test('nag: zero unacknowledged findings, every acknowledgement cites a practice', () => {
    const { app } = synth();
    expectNoUnacknowledgedFindings(app);
    const acknowledgements = acknowledgementsUnder(app);
    expect(acknowledgements.map((a) => a.id).sort()).toEqual(['AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaDLQ']);
    for (const acknowledgement of acknowledgements) {
      expect(acknowledgement.reason).toMatch(/^(FN|ES|DB|API|ID|WF|MSG|EV|SEC|OBS|DEP)\d+: \S/);
    }
  });

});

describe('GuardedFunction with asynchronous invocation (FN9)', () => {
  test('invoke config on the alias: retries, max event age, failure queue', () => {
    const { template, fn } = synth({ asyncInvocation: {} });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnFailureQueue'), 'Arn'] } } },
      Qualifier: Match.anyValue(),
    });
    expect(fn.failureQueue!.node.path).toBe('TestStack/Fn/FailureQueue');
  });

  test('the failure queue is encrypted, SSL only, keeps 14 days, retained, and alarmed', () => {
    const { template, fn } = synth({ asyncInvocation: {} });
    template.hasResource('AWS::SQS::Queue', { Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 }, DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(fn.alarms).toEqual([fn.errorsAlarm, fn.throttlesAlarm, fn.durationAlarm, fn.failureQueueDepthAlarm]);
    expect(fn.failureQueueDepthAlarm!.node.path).toBe('TestStack/Fn/FailureQueueDepthAlarm');
  });

  test('a user-supplied failure queue is used instead of a new one', () => {
    const { stack } = newStack();
    const queue = new sqs.Queue(stack, 'Mine', { enforceSSL: true });
    const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', asyncInvocation: { failureQueue: queue } });
    expect(fn.failureQueue).toBe(queue);
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 1);
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(synth({ asyncInvocation: {} }).app);
  });

});

describe('GuardedFunction maximal configuration', () => {
  function synthMaximal() {
    const { app, stack } = newStack();
    const fn = new GuardedFunction(stack, 'Fn', maximalProps(stack));
    return { app, fn, template: Template.fromStack(stack) };
  }

  test('every option reaches the template', () => {
    const { template, fn } = synthMaximal();
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 1792,
      Timeout: 60,
      EphemeralStorage: { Size: 1024 },
      ReservedConcurrentExecutions: 50,
      Description: 'maximal configuration',
      LoggingConfig: Match.objectLike({ ApplicationLogLevel: 'WARN' }),
      Environment: { Variables: { TABLE_NAME: 'orders', STAGE: 'prod', NODE_OPTIONS: '--enable-source-maps', API_CREDENTIALS_ARN: { Ref: Match.stringLikeRegexp('^Credentials') } } },
    });
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'prod', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'] })]) },
    });
    expect(fn.alarms).toHaveLength(4);
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] }, 4);
  });

  test('nag: zero unacknowledged findings for the function', () => {
    const { fn } = synthMaximal();
    expectNoUnacknowledgedFindings(fn);
  });

});

describe('GuardedFunction in a VPC (FN16)', () => {
  test('the role may manage the function\'s network interfaces, in a policy of its own the function waits for', () => {
    const { stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', vpc });
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ec2:CreateNetworkInterface']) })]) } },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    const [policyId, policy] = Object.entries<any>(policies)[0];
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow',
      Resource: '*',
      Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
    }]);
    expect(Object.values<any>(template.findResources('AWS::Lambda::Function'))[0].DependsOn).toContain(policyId);
    // Not the managed policy: it would also grant logs on every log group (FN6).
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
    expectNoUnacknowledgedFindings(fn);
  });

  test('outside a VPC, no network interface policy', () => {
    const { stack } = newStack();
    new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler' });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('ec2:CreateNetworkInterface');
  });
});

describe('GuardedFunction opt-outs', () => {
  test('unreserved concurrency is explicit and acknowledged with its reason', () => {
    const { template, fn } = synth({ reservedConcurrency: ReservedConcurrency.unreserved('bursty batch job; protected by the queue (FN5)') });
    const props = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties;
    expect(props.ReservedConcurrentExecutions).toBeUndefined();
    expect(fn.reservedConcurrentExecutions).toBeUndefined();
    expect(acknowledgementsUnder(fn).find((a) => a.id === 'Guardrails-LambdaReservedConcurrency')?.reason).toBe('FN5: bursty batch job; protected by the queue (FN5)');
  });

  test('disabled sets 0 and records the reason', () => {
    const { template, fn } = synth({ reservedConcurrency: ReservedConcurrency.disabled('switched off during incident 42') });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 0 });
    expect(fn.node.metadata.find((m) => m.type === 'cdk-serverless-guardrails:disabled')?.data).toBe('switched off during incident 42');
  });
});

describe('GuardedFunction validation', () => {
  test('FN15: bundling options with prebuilt `code` would be ignored: our error', () => {
    expectOneErrorFor(() => new GuardedFunction(newStack().stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', bundler: EntryBundler.NODEJS_FUNCTION, bundling: { minify: false },
    }), 'TestStack/Fn', [{ prop: 'bundler', practice: 'FN15' }, { prop: 'bundling', practice: 'FN15' }]);
  });

  const fnPath = 'TestStack/Fn';
  type Props = Partial<GuardedFunctionProps>;
  const cases: Array<{ prop: string; inside: Props; outside: Props; value: string; rule: RegExp; practice: string }> = [
    { prop: 'memorySize', inside: { memorySize: 128 }, outside: { memorySize: 127 }, value: '127', rule: /from 128 to 10240 MB/, practice: 'FN1' },
    { prop: 'memorySize', inside: { memorySize: 10_240 }, outside: { memorySize: 10_241 }, value: '10241', rule: /from 128 to 10240 MB/, practice: 'FN1' },
    { prop: 'memorySize', inside: { memorySize: 129 }, outside: { memorySize: 128.5 }, value: '128.5', rule: /whole number/, practice: 'FN1' },
    { prop: 'timeout', inside: { timeout: Duration.seconds(1) }, outside: { timeout: Duration.millis(999) }, value: '0.999', rule: /from 1 to 900 s/, practice: 'FN2' },
    { prop: 'timeout', inside: { timeout: Duration.seconds(900) }, outside: { timeout: Duration.seconds(901) }, value: '901', rule: /from 1 to 900 s/, practice: 'FN2' },
    { prop: 'ephemeralStorageSize', inside: { ephemeralStorageSize: Size.mebibytes(512) }, outside: { ephemeralStorageSize: Size.mebibytes(511) }, value: '511', rule: /from 512 to 10240 MB/, practice: 'FN4' },
    { prop: 'ephemeralStorageSize', inside: { ephemeralStorageSize: Size.mebibytes(10_240) }, outside: { ephemeralStorageSize: Size.mebibytes(10_241) }, value: '10241', rule: /from 512 to 10240 MB/, practice: 'FN4' },
    { prop: 'reservedConcurrency', inside: { reservedConcurrency: ReservedConcurrency.of(1) }, outside: { reservedConcurrency: ReservedConcurrency.of(0) }, value: '0', rule: /at least 1.*ReservedConcurrency.disabled/, practice: 'FN5' },
    { prop: 'provisionedConcurrency', inside: { provisionedConcurrency: 10 }, outside: { provisionedConcurrency: 11 }, value: '11', rule: /must not exceed the reserved concurrency \(10\)/, practice: 'FN5' },
    { prop: 'provisionedConcurrency', inside: { provisionedConcurrency: 1 }, outside: { provisionedConcurrency: 0 }, value: '0', rule: /from 1 to/, practice: 'FN5' },
    { prop: 'asyncInvocation.retryAttempts', inside: { asyncInvocation: { retryAttempts: 2 } }, outside: { asyncInvocation: { retryAttempts: 3 } }, value: '3', rule: /from 0 to 2 retries/, practice: 'FN9' },
    { prop: 'asyncInvocation.retryAttempts', inside: { asyncInvocation: { retryAttempts: 0 } }, outside: { asyncInvocation: { retryAttempts: -1 } }, value: '-1', rule: /from 0 to 2 retries/, practice: 'FN9' },
    { prop: 'asyncInvocation.maxEventAge', inside: { asyncInvocation: { maxEventAge: Duration.seconds(60) } }, outside: { asyncInvocation: { maxEventAge: Duration.seconds(59) } }, value: '59', rule: /from 60 to 21600 s/, practice: 'FN9' },
    { prop: 'asyncInvocation.maxEventAge', inside: { asyncInvocation: { maxEventAge: Duration.hours(6) } }, outside: { asyncInvocation: { maxEventAge: Duration.seconds(21_601) } }, value: '21601', rule: /from 60 to 21600 s/, practice: 'FN9' },
    { prop: 'logRetention', inside: { logRetention: logs.RetentionDays.TEN_YEARS }, outside: { logRetention: logs.RetentionDays.INFINITE }, value: '"INFINITE"', rule: /finite/, practice: 'FN8' },
    { prop: 'reservedConcurrency', inside: { reservedConcurrency: ReservedConcurrency.unreserved('why') }, outside: { reservedConcurrency: ReservedConcurrency.unreserved(' ') }, value: '" "', rule: /non-empty reason/, practice: 'FN5' },
  ];

  test.each(cases)('$prop: just inside passes, just outside throws ($value)', ({ prop, inside, outside, value, rule, practice }) => {
    expect(() => synth(inside)).not.toThrow();
    expectValidationError(() => synth(outside), { path: fnPath, prop, rule, value, practice });
  });

  test('every failed rule of the props in one error, one line each', () => {
    const { stack } = newStack();
    expectOneErrorFor(() => new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', memorySize: 64, timeout: Duration.seconds(901) }),
      fnPath, [{ prop: 'memorySize', practice: 'FN1' }, { prop: 'timeout', practice: 'FN2' }]);
    expectOneErrorFor(() => new GuardedFunction(stack, 'Fn2', {
      entry: 'x.ts', aliasName: '42', reservedConcurrency: ReservedConcurrency.unreserved(''), asyncInvocation: { retryAttempts: 3 },
    }), 'TestStack/Fn2', [
      { prop: 'aliasName', practice: 'FN10' }, { prop: 'reservedConcurrency', practice: 'FN5' }, { prop: 'asyncInvocation.retryAttempts', practice: 'FN9' },
    ]);
  });

  test('exactly one of code and entry', () => {
    const { stack } = newStack();
    expectValidationError(() => new GuardedFunction(stack, 'Fn', {}), { path: fnPath, prop: 'code/entry', rule: /exactly one/, value: '"neither"', practice: 'FN15' });
    expectValidationError(() => new GuardedFunction(stack, 'Fn2', { code: fixtureCode(), handler: 'i.h', entry: 'x.ts' }), { path: 'TestStack/Fn2', prop: 'code/entry', rule: /exactly one/, value: '"both"', practice: 'FN15' });
    expectValidationError(() => new GuardedFunction(stack, 'Fn3', { code: fixtureCode() }), { path: 'TestStack/Fn3', prop: 'handler', rule: /required/, value: 'undefined', practice: 'FN15' });
  });

  const notANumber: Array<{ prop: string; props: Props; value: string; practice: string }> = [NaN, Infinity].flatMap((n) => [
    { prop: 'memorySize', props: { memorySize: n }, value: `${n}`, practice: 'FN1' },
    { prop: 'memorySize', props: { memorySize: -n }, value: `${-n}`, practice: 'FN1' },
    { prop: 'timeout', props: { timeout: Duration.seconds(n) }, value: `${n}`, practice: 'FN2' },
    { prop: 'ephemeralStorageSize', props: { ephemeralStorageSize: Size.mebibytes(n) }, value: `${n}`, practice: 'FN4' },
    { prop: 'reservedConcurrency', props: { reservedConcurrency: ReservedConcurrency.of(n) }, value: `${n}`, practice: 'FN5' },
    { prop: 'provisionedConcurrency', props: { provisionedConcurrency: n }, value: `${n}`, practice: 'FN5' },
    { prop: 'provisionedConcurrency', props: { provisionedConcurrency: -n }, value: `${-n}`, practice: 'FN5' },
    { prop: 'asyncInvocation.retryAttempts', props: { asyncInvocation: { retryAttempts: n } }, value: `${n}`, practice: 'FN9' },
    { prop: 'asyncInvocation.maxEventAge', props: { asyncInvocation: { maxEventAge: Duration.seconds(n) } }, value: `${n}`, practice: 'FN9' },
    { prop: 'logRetention', props: { logRetention: n as logs.RetentionDays }, value: `${n}`, practice: 'FN8' },
  ]);
  test.each(notANumber)('$prop = $value: our error, never a template with null or a raw TypeError', ({ prop, props, value, practice }) => {
    expectValidationError(() => synth(props), { path: fnPath, prop, rule: /must be/, value, practice });
  });

  test('tokens are skipped by range checks, not mis-validated', () => {
    const { stack } = newStack();
    const memory = new CfnParameter(stack, 'Memory', { type: 'Number', default: 1024 });
    const timeout = new CfnParameter(stack, 'Timeout', { type: 'Number', default: 30 });
    const fn = new GuardedFunction(stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', memorySize: memory.valueAsNumber, timeout: Duration.seconds(timeout.valueAsNumber),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { MemorySize: { Ref: 'Memory' }, Timeout: { Ref: 'Timeout' } });
    expect(fn.durationAlarm).toBeUndefined();
  });

  test('FN5: reserved and provisioned concurrency only known at deploy time are not compared', () => {
    const { stack } = newStack();
    const reserved = new CfnParameter(stack, 'Reserved', { type: 'Number', default: 20 });
    const provisioned = new CfnParameter(stack, 'Provisioned', { type: 'Number', default: 2 });
    new GuardedFunction(stack, 'Fn', {
      code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(reserved.valueAsNumber), provisionedConcurrency: 2,
    });
    new GuardedFunction(stack, 'Both', {
      code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(reserved.valueAsNumber), provisionedConcurrency: provisioned.valueAsNumber,
    });
    new GuardedFunction(stack, 'Literal', {
      code: fixtureCode(), handler: 'index.handler', reservedConcurrency: ReservedConcurrency.of(5), provisionedConcurrency: provisioned.valueAsNumber,
    });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::Lambda::Function', { ReservedConcurrentExecutions: { Ref: 'Reserved' } }, 2);
    template.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    template.resourcePropertiesCountIs('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: { Ref: 'Provisioned' } } }, 2);
  });

  function build(environment: { [key: string]: string }) {
    const { app, stack } = newStack();
    const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', environment });
    return { app, stack, fn };
  }

  test('FN3: environment just under 4 KB passes, just over fails at synth naming path, prop, limit, size', () => {
    const key = 'PAYLOAD';
    expect(() => build({ [key]: 'x'.repeat(4096 - key.length) }).app.synth()).not.toThrow();
    expect(() => build({ [key]: 'x'.repeat(4097 - key.length) }).app.synth())
      .toThrow(/TestStack\/Fn: invalid environment = "4097 bytes": keys and values must total at most 4096 bytes.*practice FN3/);
  });

  test('FN3: values only known at deploy time count 0 bytes; their literal parts count', () => {
    const first = build({ BIG: 'y'.repeat(4000) });
    first.fn.addEnvironment('QUEUE_URL', new sqs.Queue(first.stack, 'Queue', { enforceSSL: true }).queueUrl);
    expect(() => first.app.synth()).not.toThrow();
    const second = build({ BIG: 'y'.repeat(4000) });
    const queue = new sqs.Queue(second.stack, 'Queue', { enforceSSL: true });
    second.fn.addEnvironment('URL', `https://${queue.queueName}/${'z'.repeat(100)}`);
    expect(() => second.app.synth()).toThrow(/practice FN3/);
  });

  test('FN15: an oversize local package is a synth warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'big-package-'));
    const archive = path.join(dir, 'big.zip');
    fs.writeFileSync(archive, '');
    fs.truncateSync(archive, 51 * 1024 * 1024);
    const { stack } = newStack();
    new GuardedFunction(stack, 'Fn', { code: lambda.Code.fromAsset(archive), handler: 'index.handler' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('archive is 51.0 MB zipped, over the 50.0 MB limit \\(FN15\\)'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('FN15: a small package has no warning', () => {
    const { stack } = synth();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('FN15: the warning names the problem once ("the deployment package is …", not "package package")', () => {
    const spy = jest.spyOn(packageSize, 'packageSizeProblems').mockReturnValue(['package is 289.1 MB unzipped, over the 250.0 MB limit']);
    try {
      const { stack } = synth();
      const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Fn', Match.anyValue()).map((w) => String(w.entry.data));
      expect(warnings).toEqual([expect.stringContaining('TestStack/Fn: the deployment package is 289.1 MB unzipped, over the 250.0 MB limit (FN15)')]);
      expect(warnings[0]).not.toContain('package package');
    } finally {
      spy.mockRestore();
    }
  });

  test('FN15: with bundling skipped (cdk ls: aws:cdk:bundling-stacks = []) the unbundled project root is neither scanned nor reported', () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'unbundled-project-'));
    fs.writeFileSync(path.join(project, 'package-lock.json'), '{}');
    fs.writeFileSync(path.join(project, 'handler.ts'), 'export const handler = async () => ({});');
    fs.mkdirSync(path.join(project, 'node_modules'));
    const big = path.join(project, 'node_modules', 'big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 251 * 1024 * 1024); // sparse: no disk space used
    const spy = jest.spyOn(packageSize, 'packageSizeProblems');
    try {
      const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
      const stack = new Stack(app, 'TestStack', { env: { account: '123456789012', region: 'eu-west-1' } });
      new GuardedFunction(stack, 'Fn', { entry: path.join(project, 'handler.ts'), depsLockFilePath: path.join(project, 'package-lock.json') });
      expect(spy).not.toHaveBeenCalled();
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('FN15'))).toEqual([]);
    } finally {
      spy.mockRestore();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });

  test('FN14: the default runtime is the newest fixed Node.js runtime, never NODEJS_LATEST: a default bundled function has no warning', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Fn', { entry: path.join(FIXTURES, 'bundled-handler.ts') });
    expect(fn.lambdaFunction.runtime).not.toBe(lambda.Runtime.NODEJS_LATEST);
    expect(fn.lambdaFunction.runtime.isVariable).toBe(false);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('GuardedFunction: stacks near CloudFormation\'s 500-resource limit', () => {
  /** Asynchronously invoked functions sharing one failure queue: 12 resources each. */
  function stackWith(functions: number): Stack {
    const { stack } = newStack();
    const code = fixtureCode();
    const failureQueue = new sqs.Queue(stack, 'Failures', { enforceSSL: true });
    for (let i = 0; i < functions; i++) new GuardedFunction(stack, `Fn${i}`, { code, handler: 'index.handler', asyncInvocation: { failureQueue } });
    return stack;
  }

  test('41 guarded functions in one stack: a warning naming the stack, the count and the limit', () => {
    const stack = stackWith(41);
    const count = Object.keys(Template.fromStack(stack).toJSON().Resources).length;
    expect(count).toBeGreaterThan(450);
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings).toEqual([expect.stringContaining(
      `TestStack has ${count} resources; CloudFormation allows at most 500 per stack (warning above 450). Split the app: one stack per bounded context, or NestedStack for a group of patterns.`,
    )]);
  });

  test('2 guarded functions: no warning', () => {
    Annotations.fromStack(stackWith(2)).hasNoWarning('*', Match.anyValue());
  });
});
