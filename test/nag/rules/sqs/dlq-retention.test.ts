import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dlqRetention } from '../../../../src/nag/rules/sqs';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-DlqRetention (MSG1)', () => {
  test('a DLQ with the 4-day default under a 14-day source is a finding, with path', () => {
    const { app, stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Source', { retentionPeriod: Duration.days(14), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(ruleResult(dlqRetention, dlq)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-DlqRetention at TestStack/Dlq/Resource');
  });

  test('equal or longer retention is compliant; the source queue itself is not applicable (not asked for a DLQ)', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const source = new sqs.Queue(stack, 'Source', { retentionPeriod: Duration.days(14), deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(ruleResult(dlqRetention, dlq)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(dlqRetention, source)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('a token retention on the DLQ is not applicable', () => {
    const { stack } = newStack();
    const days = new CfnParameter(stack, 'Retention', { type: 'Number', default: 1209600 });
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.seconds(days.valueAsNumber) });
    new sqs.Queue(stack, 'Source', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    expect(ruleResult(dlqRetention, dlq)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
