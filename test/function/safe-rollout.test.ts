import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DeploymentOptions, GuardedFunction, GuardedFunctionProps, QueueProcessor, TrafficHook, TrafficShifting } from '../../src';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack, plainFunction } from '../support/stacks';

// Inline code is not an asset: a change of it is a new version, as a change of a bundle would be.
function code(body = 'exports.handler = async () => ({});'): lambda.Code {
  return lambda.Code.fromInline(body);
}

function synth(deployment: DeploymentOptions, props: Partial<GuardedFunctionProps> = {}) {
  const { app, stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: code(), handler: 'index.handler', deployment, ...props });
  return { app, stack, fn, template: Template.fromStack(stack) };
}

function logicalIdOf(construct: { node: { defaultChild?: unknown } }): string {
  const resource = construct.node.defaultChild as import('aws-cdk-lib').CfnResource;
  return Stack.of(resource).resolve(resource.logicalId);
}

const hookProps = (): GuardedFunctionProps => ({ code: code('exports.handler = async () => {};'), handler: 'index.handler' });

describe('GuardedFunction deployment (FN11)', () => {
  test('default: CodeDeploy canary 10 % for 5 minutes on the live alias, rollback on failure, stop and alarm', () => {
    const { fn, template } = synth({});
    template.resourceCountIs('AWS::CodeDeploy::Application', 1);
    template.hasResourceProperties('AWS::CodeDeploy::Application', { ComputePlatform: 'Lambda' });
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
      AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'] },
      AlarmConfiguration: { Enabled: true, Alarms: [{ Name: { Ref: logicalIdOf(fn.rollbackAlarm!) } }] },
    });
    template.hasResource('AWS::Lambda::Alias', {
      Properties: { Name: 'live' },
      UpdatePolicy: {
        CodeDeployLambdaAliasUpdate: {
          ApplicationName: { Ref: Match.stringLikeRegexp('^FnDeploymentGroupApplication') },
          DeploymentGroupName: { Ref: logicalIdOf(fn.deploymentGroup!) },
        },
      },
    });
    expect(fn.alarms).toContain(fn.rollbackAlarm);
  });

  test('canary and linear: a deployment configuration with the given percentage and whole minutes', () => {
    synth({ trafficShifting: TrafficShifting.canary(20, Duration.minutes(3)) }).template.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: { Type: 'TimeBasedCanary', TimeBasedCanary: { CanaryPercentage: 20, CanaryInterval: 3 } },
    });
    synth({ trafficShifting: TrafficShifting.linear(25, Duration.hours(1)) }).template.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      TrafficRoutingConfig: { Type: 'TimeBasedLinear', TimeBasedLinear: { LinearPercentage: 25, LinearInterval: 60 } },
    });
  });

  test('all at once and the predefined configurations: CodeDeploy\'s own, no configuration resource', () => {
    const allAtOnce = synth({ trafficShifting: TrafficShifting.allAtOnce() }).template;
    allAtOnce.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { DeploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce' });
    allAtOnce.resourceCountIs('AWS::CodeDeploy::DeploymentConfig', 0);
    synth({ trafficShifting: TrafficShifting.predefined(codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE) }).template
      .hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { DeploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute' });
  });

  test('an application of the user\'s serves the deployment group', () => {
    const { app, stack } = newStack();
    const application = new codedeploy.LambdaApplication(stack, 'Application');
    new GuardedFunction(stack, 'Fn', { code: code(), handler: 'index.handler', deployment: { application } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CodeDeploy::Application', 1);
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { ApplicationName: { Ref: logicalIdOf(application) } });
    expectNoUnacknowledgedFindings(app);
  });

  test('no deployment: no CodeDeploy resource and no update policy on the alias', () => {
    const { stack } = newStack();
    new GuardedFunction(stack, 'Fn', { code: code(), handler: 'index.handler' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
    expect(Object.values(template.findResources('AWS::Lambda::Alias'))[0].UpdatePolicy).toBeUndefined();
  });
});

describe('the rollback alarm judges the version being deployed only (FN11)', () => {
  test('its dimensions are the function, the alias (Resource function:live) and the executed version', () => {
    const { fn, template } = synth({});
    const versionLogicalId = logicalIdOf(fn.lambdaFunction.currentVersion);
    const functionLogicalId = logicalIdOf(fn.lambdaFunction);
    const alarm = template.toJSON().Resources[logicalIdOf(fn.rollbackAlarm!)];
    expect(alarm.Type).toBe('AWS::CloudWatch::Alarm');
    expect(alarm.Properties).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Properties.Dimensions).toEqual([
      { Name: 'ExecutedVersion', Value: { 'Fn::GetAtt': [versionLogicalId, 'Version'] } },
      { Name: 'FunctionName', Value: { Ref: functionLogicalId } },
      { Name: 'Resource', Value: { 'Fn::Join': ['', [{ Ref: functionLogicalId }, ':live']] } },
    ]);
  });

  test('each new version gets a new alarm (fresh state), created before the alias update starts the deployment', () => {
    const first = synth({}, { code: code('exports.handler = async () => 1;') });
    const second = synth({}, { code: code('exports.handler = async () => 2;') });
    const [firstAlarm, secondAlarm] = [logicalIdOf(first.fn.rollbackAlarm!), logicalIdOf(second.fn.rollbackAlarm!)];
    expect(firstAlarm).not.toBe(secondAlarm);
    expect(firstAlarm.slice(-32)).toBe(logicalIdOf(first.fn.lambdaFunction.currentVersion).slice(-32));
    // The function's own errors alarm (operations, the whole function) keeps its logical ID.
    expect(logicalIdOf(first.fn.errorsAlarm)).toBe(logicalIdOf(second.fn.errorsAlarm));
    const alias = Object.values(second.template.findResources('AWS::Lambda::Alias'))[0];
    expect(alias.DependsOn).toEqual(expect.arrayContaining([secondAlarm, logicalIdOf(second.fn.deploymentGroup!)]));
  });

  test('addRollbackAlarm: an alarm on the deployed version\'s p99 duration joins the rollback alarms, renewed with each version', () => {
    const { stack } = newStack();
    const fn = new GuardedFunction(stack, 'Fn', { code: code(), handler: 'index.handler', deployment: {} });
    const latency = fn.addRollbackAlarm('LatencyRollbackAlarm', { metricName: 'Duration', statistic: 'p99', threshold: 500 });
    const template = Template.fromStack(stack);
    const versionLogicalId = logicalIdOf(fn.lambdaFunction.currentVersion);
    expect(logicalIdOf(latency).slice(-32)).toBe(versionLogicalId.slice(-32));
    template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: {
        Enabled: true,
        Alarms: [{ Name: { Ref: logicalIdOf(fn.rollbackAlarm!) } }, { Name: { Ref: logicalIdOf(latency) } }],
      },
    });
    const alarm = template.toJSON().Resources[logicalIdOf(latency)];
    expect(alarm.Properties).toMatchObject({ MetricName: 'Duration', ExtendedStatistic: 'p99', Period: 60, Threshold: 500 });
    expect(alarm.Properties.Dimensions).toContainEqual({ Name: 'ExecutedVersion', Value: { 'Fn::GetAtt': [versionLogicalId, 'Version'] } });
    const alias = Object.values(template.findResources('AWS::Lambda::Alias'))[0];
    expect(alias.DependsOn).toContain(logicalIdOf(latency));
  });

  test('alarms of the user\'s own (deployment.alarms) join the rollback alarm; addRollbackAlarm without a deployment is an error', () => {
    const { stack } = newStack();
    const other = new cloudwatch.Alarm(stack, 'Api5xx', { metric: new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: '5XXError' }), threshold: 1, evaluationPeriods: 1 });
    const deployed = new GuardedFunction(stack, 'Deployed', { code: code(), handler: 'index.handler', deployment: { alarms: [other] } });
    Template.fromStack(stack).hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      AlarmConfiguration: { Enabled: true, Alarms: [{ Name: { Ref: logicalIdOf(deployed.rollbackAlarm!) } }, { Name: { Ref: logicalIdOf(other) } }] },
    });
    const plain = new GuardedFunction(stack, 'Plain', { code: code(), handler: 'index.handler' });
    expectValidationError(() => plain.addRollbackAlarm('Latency', { metricName: 'Duration', threshold: 1 }), {
      path: 'TestStack/Plain', prop: 'deployment', rule: 'is required for a rollback alarm', value: 'undefined', practice: 'FN11',
    });
    expectValidationError(() => deployed.addRollbackAlarm('Latency', { metricName: 'Duration', threshold: NaN }), {
      path: 'TestStack/Deployed', prop: 'addRollbackAlarm(Latency) threshold', rule: 'must be a finite number', value: 'NaN', practice: 'FN11',
    });
    expectValidationError(() => deployed.addRollbackAlarm('Unnamed', { metricName: ' ', threshold: 1 }), {
      path: 'TestStack/Deployed', prop: 'addRollbackAlarm(Unnamed) metricName', rule: 'must name a Lambda metric', value: '" "', practice: 'FN11',
    });
  });
});

describe('traffic hooks (FN11)', () => {
  test('a guarded hook reports for its own deployment group only and invokes only the version under test', () => {
    const { fn, template } = synth({ preTraffic: TrafficHook.guarded(hookProps()) });
    const hook = fn.preTrafficHook!;
    const versionLogicalId = logicalIdOf(fn.lambdaFunction.currentVersion);
    const groupLogicalId = logicalIdOf(fn.deploymentGroup!);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: logicalIdOf(hook.role!) }] } });
    const statements = Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    // Besides its own log group and X-Ray (a policy of its own), exactly these two statements:
    expect(statements.filter((s) => !/^(logs|xray):/.test([s.Action].flat()[0]))).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { Ref: versionLogicalId } },
      {
        Action: 'codedeploy:PutLifecycleEventHookExecutionStatus',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':codedeploy:eu-west-1:123456789012:deploymentgroup:',
            { Ref: logicalIdOf(fn.deploymentGroup!.application as codedeploy.LambdaApplication) }, '/', { Ref: groupLogicalId }]],
        },
      },
    ].map((statement) => expect.objectContaining(statement)));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { VERSION_UNDER_TEST: { Ref: versionLogicalId } } },
      ReservedConcurrentExecutions: 10,
      TracingConfig: { Mode: 'Active' },
    });
    template.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: { CodeDeployLambdaAliasUpdate: { BeforeAllowTrafficHook: { Ref: logicalIdOf(hook) } } },
      DependsOn: Match.arrayWith([logicalIdOf(hook)]),
    });
  });

  test('a post-traffic hook from an existing function gets the same permissions and variable', () => {
    const { stack } = newStack();
    const existing = plainFunction(stack, 'Smoke');
    const fn = new GuardedFunction(stack, 'Fn', { code: code(), handler: 'index.handler', deployment: { postTraffic: TrafficHook.fromFunction(existing) } });
    const template = Template.fromStack(stack);
    expect(fn.postTrafficHook).toBe(existing);
    template.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: { AfterAllowTrafficHook: { Ref: logicalIdOf(existing) } } } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalIdOf(existing.role!) }],
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { Ref: logicalIdOf(fn.lambdaFunction.currentVersion) } }]) },
    });
  });

  test('0 unacknowledged findings; the service role\'s acknowledgements name the managed policy and the hook\'s ARN pattern only', () => {
    const { app, fn } = synth({ preTraffic: TrafficHook.guarded(hookProps()), postTraffic: TrafficHook.guarded(hookProps()) });
    expectNoUnacknowledgedFindings(app);
    const roleAcks = acknowledgementsUnder(fn.deploymentGroup!.role).map((ack) => ack.id).sort();
    expect(roleAcks).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn.postTrafficHook!)}.Arn>:*]`,
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn.preTrafficHook!)}.Arn>:*]`,
    ].sort());
  });
});

describe('deployment validation (FN11)', () => {
  const deploy = (deployment: DeploymentOptions) => () => synth(deployment);

  test('an interval from a token must be in minutes (CodeDeploy reads minutes)', () => {
    const { stack } = newStack();
    const amount = new CfnParameter(stack, 'Interval', { type: 'Number' }).valueAsNumber;
    const fn = (id: string, interval: Duration) => () => new GuardedFunction(stack, id, {
      code: code(),
      handler: 'index.handler',
      deployment: { trafficShifting: TrafficShifting.linear(10, interval) },
    });
    expectValidationError(fn('Seconds', Duration.seconds(amount)), {
      path: 'TestStack/Seconds',
      prop: 'deployment.trafficShifting (linear) interval',
      rule: /a duration from a token must be given in minutes/,
      value: '"Duration.seconds(<token>)"',
      practice: 'FN11',
    });
    fn('Minutes', Duration.minutes(amount))();
    Template.fromStack(stack).hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      TrafficRoutingConfig: { TimeBasedLinear: { LinearInterval: { Ref: 'Interval' } } },
    });
  });

  test.each([0, 100, 12.5, NaN])('percentage %p is outside 1–99 whole percent', (percentage) => {
    expectValidationError(deploy({ trafficShifting: TrafficShifting.canary(percentage, Duration.minutes(5)) }), {
      path: 'TestStack/Fn', prop: 'deployment.trafficShifting (canary) percentage', rule: 'must be a whole number from 1 to 99 %', value: String(percentage), practice: 'FN11',
    });
  });

  test.each([Duration.seconds(90), Duration.minutes(2881), Duration.seconds(30)])('interval %p is not 1–2,880 whole minutes', (interval) => {
    expectValidationError(deploy({ trafficShifting: TrafficShifting.linear(10, interval) }), {
      path: 'TestStack/Fn',
      prop: 'deployment.trafficShifting (linear) interval',
      rule: 'must be a whole number from 1 to 2880 minutes',
      value: String(interval.toSeconds() / 60),
      practice: 'FN11',
    });
  });

  test('a hook with a deployment of its own, and one hook for both lifecycle events, are errors', () => {
    const hook = TrafficHook.guarded({ ...hookProps(), deployment: {} });
    expectOneErrorFor(deploy({ preTraffic: hook, postTraffic: hook }), 'TestStack/Fn', [
      { prop: 'deployment.preTraffic', practice: 'FN11' },
      { prop: 'deployment.postTraffic', practice: 'FN11' },
      { prop: 'deployment.postTraffic', practice: 'FN11' },
    ]);
  });

  test('all failed rules in one error, with the function\'s other rules', () => {
    expectOneErrorFor(() => synth({ trafficShifting: TrafficShifting.canary(0, Duration.seconds(30)) }, { memorySize: 64 }), 'TestStack/Fn', [
      { prop: 'memorySize', practice: 'FN1' },
      { prop: 'deployment.trafficShifting (canary) percentage', practice: 'FN11' },
      { prop: 'deployment.trafficShifting (canary) interval', practice: 'FN11' },
    ]);
  });
});

describe('deployment flows through the patterns (FN10, FN11)', () => {
  test('a queue processor\'s handler with a deployment: the mapping invokes the alias that CodeDeploy shifts', () => {
    const { app, stack } = newStack();
    const construct = new QueueProcessor(stack, 'Payments', {
      processor: { code: code('exports.handler = async () => ({ batchItemFailures: [] });'), handler: 'index.handler', deployment: {} },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 1);
    const alias = construct.node.findAll().find((c): c is lambda.Alias => c instanceof lambda.Alias)!;
    // The mapping names the function qualified by the alias: function:live.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { 'Fn::Join': ['', [Match.objectLike({ 'Fn::Select': Match.anyValue() }), ':live']] },
    });
    expect(alias.aliasName).toBe('live');
    template.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.anyValue() } });
    expectNoUnacknowledgedFindings(app);
  });
});
