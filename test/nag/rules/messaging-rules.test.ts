import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dlqRetention } from '../../../src/nag/rules/dlq-retention';
import { eventTargetRetryPolicy } from '../../../src/nag/rules/event-target-retry-policy';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

describe('Guardrails-EventTargetRetryPolicy (EV1)', () => {
  test('a target without retry policy is a finding per target ID, with path', () => {
    const { app, stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['Target0']);
    expect(guardrailsFindings(app)).toContain('Guardrails-EventTargetRetryPolicy[Target0] at TestStack/Rule/Resource');
  });

  test('targets with a retry policy are compliant; a rule without targets is compliant', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(eventTargetRetryPolicy, new events.Rule(stack, 'Empty', { schedule: events.Schedule.rate(Duration.hours(1)) }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(eventTargetRetryPolicy, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

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
