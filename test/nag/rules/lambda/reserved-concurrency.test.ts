import { App, CfnParameter, CfnResource, CustomResource, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import * as triggers from 'aws-cdk-lib/triggers';
import { frameworkFunctions } from './fixtures';
import { ServerlessGuardrailsChecks } from '../../../../src';
import { lambdaReservedConcurrency } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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

  describe('handlers named by a trigger\'s HandlerArn or by a custom resource of another stack', () => {
    /** The LambdaReservedConcurrency findings of the app, as construct paths. */
    const findings = (app: App) => guardrailsFindings(app)
      .filter((f) => f.startsWith('Guardrails-LambdaReservedConcurrency at ')).map((f) => f.replace('Guardrails-LambdaReservedConcurrency at ', ''));
    const env = { account: '123456789012', region: 'eu-west-1' };

    test('a triggers.TriggerFunction (Custom::Trigger\'s HandlerArn) is not applicable; with an event source mapping it is a finding', () => {
      const { app, stack } = newStack();
      const trigger = new triggers.TriggerFunction(stack, 'Seed', {
        code: lambda.Code.fromInline('exports.handler = async () => {};'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X,
      });
      expect(ruleResult(lambdaReservedConcurrency, trigger)).toBe(NagRuleCompliance.NOT_APPLICABLE);
      expect(findings(app)).toEqual([]);
      trigger.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Jobs')));
      expect(ruleResult(lambdaReservedConcurrency, trigger)).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(findings(app)).toEqual(['TestStack/Seed/Resource']);
    });

    test('HandlerArn is followed for Custom::Trigger only, and no other property of a custom resource is', () => {
      const { app, stack } = newStack();
      const handler = plainFunction(stack, 'Handler');
      const named = plainFunction(stack, 'Named');
      const other = plainFunction(stack, 'Other');
      new CustomResource(stack, 'Resource', { serviceToken: handler.functionArn, properties: { Target: named.functionArn } });
      new CustomResource(stack, 'NotATrigger', { serviceToken: handler.functionArn, resourceType: 'Custom::Seeder', properties: { HandlerArn: other.functionArn } });
      expect(findings(app)).toEqual(['TestStack/Named/Resource', 'TestStack/Other/Resource']);
    });

    test('a cr.Provider in another stack than its CustomResource (ServiceToken: Fn::ImportValue) is not applicable; with an invoke permission its handler is a finding', () => {
      const app = new App();
      const providers = new Stack(app, 'Providers', { env });
      const consumer = new Stack(app, 'Consumer', { env });
      const onEvent = plainFunction(providers, 'OnEvent');
      const provider = new cr.Provider(providers, 'Provider', { onEventHandler: onEvent });
      const resource = new CustomResource(consumer, 'Resource', { serviceToken: provider.serviceToken });
      expect(findings(app)).toEqual([]);
      for (const fn of [onEvent.node.defaultChild as CfnResource, ...frameworkFunctions(providers, [onEvent])]) {
        expect({ path: fn.node.path, result: ruleResult(lambdaReservedConcurrency, fn) })
          .toEqual({ path: fn.node.path, result: NagRuleCompliance.NOT_APPLICABLE });
      }
      // After synthesis the consumer's template names the provider only through an import.
      app.synth();
      expect(consumer.resolve((resource.node.defaultChild as CfnResource)._toCloudFormation()))
        .toMatchObject({ Resources: { [consumer.getLogicalId(resource.node.defaultChild as CfnResource)]: { Properties: { ServiceToken: { 'Fn::ImportValue': expect.any(String) } } } } });
      expect(findings(app)).toEqual([]);
      onEvent.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com') });
      expect(findings(app)).toEqual(['Providers/OnEvent/Resource']);
    });

    test('a cr.Provider in a nested stack with its CustomResource in the parent, and the reverse, is not applicable; with a function URL or an event source mapping its handler is a finding', () => {
      const app = new App();
      const parent = new Stack(app, 'Parent', { env });
      const nested = new NestedStack(parent, 'Nested');
      const inNested = plainFunction(nested, 'InNested');
      new CustomResource(parent, 'FromParent', { serviceToken: new cr.Provider(nested, 'NestedProvider', { onEventHandler: inNested }).serviceToken });
      const inParent = plainFunction(parent, 'InParent');
      new CustomResource(nested, 'FromNested', { serviceToken: new cr.Provider(parent, 'ParentProvider', { onEventHandler: inParent }).serviceToken });
      expect(findings(app)).toEqual([]);
      expect(ruleResult(lambdaReservedConcurrency, inNested)).toBe(NagRuleCompliance.NOT_APPLICABLE);
      expect(ruleResult(lambdaReservedConcurrency, inParent)).toBe(NagRuleCompliance.NOT_APPLICABLE);
      inNested.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      inParent.addEventSource(new sources.SqsEventSource(new sqs.Queue(parent, 'Jobs')));
      expect(findings(app).sort()).toEqual(['Parent/InParent/Resource', 'Parent/Nested/InNested/Resource']);
    });
  });
});
