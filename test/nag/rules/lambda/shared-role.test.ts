import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { lambdaSharedRole } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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
