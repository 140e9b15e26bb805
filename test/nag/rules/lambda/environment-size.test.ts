import { Fn } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { lambdaEnvironmentSize } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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
