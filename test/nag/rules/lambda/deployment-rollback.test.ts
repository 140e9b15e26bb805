import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { lambdaDeploymentRollback } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

describe('Guardrails-LambdaDeploymentRollback (FN11)', () => {
  function deploymentGroup(props: Partial<codedeploy.LambdaDeploymentGroupProps> = {}) {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const alias = new lambda.Alias(stack, 'Alias', { aliasName: 'live', version: fn.currentVersion });
    const alarm = new cloudwatch.Alarm(stack, 'Errors', { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    const group = new codedeploy.LambdaDeploymentGroup(stack, 'Group', { alias, ...props, alarms: props.alarms?.map(() => alarm) });
    return { app, stack, group };
  }

  test('a plain Lambda deployment group without alarms is a finding', () => {
    const { app, group } = deploymentGroup();
    expect(ruleResult(lambdaDeploymentRollback, group)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaDeploymentRollback at TestStack/Group/Resource');
  });

  test('alarms without rollback on them (deploymentInAlarm: false) are a finding', () => {
    const { group } = deploymentGroup({ alarms: [undefined as never], autoRollback: { deploymentInAlarm: false } });
    expect(ruleResult(lambdaDeploymentRollback, group)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('an alarm and rollback on it: compliant', () => {
    const { app, group } = deploymentGroup({ alarms: [undefined as never] });
    expect(ruleResult(lambdaDeploymentRollback, group)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.startsWith('Guardrails-LambdaDeploymentRollback'))).toEqual([]);
  });

  test('a group of an imported application is judged by its Lambda deployment configuration; a server group is not judged', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const alias = new lambda.Alias(stack, 'Alias', { aliasName: 'live', version: fn.currentVersion });
    const application = codedeploy.LambdaApplication.fromLambdaApplicationName(stack, 'App', 'orders');
    const imported = new codedeploy.LambdaDeploymentGroup(stack, 'Group', { alias, application });
    expect(ruleResult(lambdaDeploymentRollback, imported)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const server = new codedeploy.ServerDeploymentGroup(stack, 'Servers');
    expect(ruleResult(lambdaDeploymentRollback, server)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
