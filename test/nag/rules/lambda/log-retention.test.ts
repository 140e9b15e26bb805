import { Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { frameworkFunctions } from './fixtures';
import { ServerlessGuardrailsChecks } from '../../../../src';
import { lambdaLogRetention } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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
