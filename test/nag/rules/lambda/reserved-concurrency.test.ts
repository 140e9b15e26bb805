import { CfnParameter, CfnResource, CustomResource, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
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
});
