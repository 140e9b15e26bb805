import * as sqs from 'aws-cdk-lib/aws-sqs';
import { lambdaPlaintextSecret } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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
