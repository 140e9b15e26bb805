import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { fn, literal, machine } from './fixtures';
import { stateMachineTimeout } from '../../../../src/nag/rules/stepfunctions';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-StateMachineTimeout (WF2, WF4)', () => {
  test('no timeout is a finding with path; a timeout is compliant', () => {
    const { app, stack } = newStack();
    expect(ruleResult(stateMachineTimeout, machine(stack, (task) => task))).toEqual(['NoTimeoutSeconds']);
    expect(guardrailsFindings(app)).toContain('Guardrails-StateMachineTimeout[NoTimeoutSeconds] at TestStack/Machine/Resource');
    const second = newStack();
    const withTimeout = machine(second.stack, (task) => task, { timeout: Duration.minutes(5) });
    expect(ruleResult(stateMachineTimeout, withTimeout)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('EXPRESS: 300 s is compliant, 301 s is a finding', () => {
    const { stack } = newStack();
    const ok = literal(stack, { StartAt: 'P', TimeoutSeconds: 300, States: { P: { Type: 'Pass', End: true } } }, 'EXPRESS');
    expect(ruleResult(stateMachineTimeout, ok)).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    const long = literal(second.stack, { StartAt: 'P', TimeoutSeconds: 301, States: { P: { Type: 'Pass', End: true } } }, 'EXPRESS');
    expect(ruleResult(stateMachineTimeout, long)).toEqual(['ExpressOver300Seconds']);
  });

  test('EXPRESS without TimeoutSeconds is compliant (stopped at 300 s anyway); the STANDARD twin is a finding', () => {
    const { stack } = newStack();
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(ruleResult(stateMachineTimeout, literal(stack, definition, 'EXPRESS'))).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    expect(ruleResult(stateMachineTimeout, literal(second.stack, definition, 'STANDARD'))).toEqual(['NoTimeoutSeconds']);
    const third = newStack();
    const express = machine(third.stack, (task) => task, { stateMachineType: sfn.StateMachineType.EXPRESS });
    expect(ruleResult(stateMachineTimeout, express)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(stateMachineTimeout, fn(stack))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
