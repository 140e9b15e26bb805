import { CfnParameter, Duration, Validations } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { dlqRetention } from '../../../src/nag/rules/dlq-retention';
import { eventTargetRetryPolicy } from '../../../src/nag/rules/event-target-retry-policy';
import { sqsRedriveBeforeExpiry } from '../../../src/nag/rules/sqs-redrive-before-expiry';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

describe('Guardrails-EventTargetRetryPolicy (EV1)', () => {
  test('a target without retry policy and DLQ: one finding each, per target ID, with path', () => {
    const { app, stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['RetryPolicy:Target0', 'DeadLetterConfig:Target0']);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining([
      'Guardrails-EventTargetRetryPolicy[RetryPolicy:Target0] at TestStack/Rule/Resource',
      'Guardrails-EventTargetRetryPolicy[DeadLetterConfig:Target0] at TestStack/Rule/Resource',
    ]));
  });

  test('a retry policy without a DLQ is a finding: events are dropped when the retries run out', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['DeadLetterConfig:Target0']);
  });

  test('targets with a retry policy and a DLQ are compliant; a rule without targets is compliant', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: new sqs.Queue(stack, 'Dlq') }));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(eventTargetRetryPolicy, new events.Rule(stack, 'Empty', { schedule: events.Schedule.rate(Duration.hours(1)) }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('the DLQ finding of one target can be acknowledged alone', () => {
    const { app, stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    Validations.of(rule).acknowledge({ id: 'Guardrails-EventTargetRetryPolicy[DeadLetterConfig:Target0]', reason: 'EV1: test' });
    expect(guardrailsFindings(app).filter((finding) => finding.includes('EventTargetRetryPolicy')))
      .toEqual(['Guardrails-EventTargetRetryPolicy[RetryPolicy:Target0] at TestStack/Rule/Resource']);
  });

  test('targets that do no application work (a CodePipeline source trigger, a log group copy) are compliant; a queue target on the same rule is not', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.codecommit'] } });
    rule.addTarget(new targets.CodePipeline(codepipeline.Pipeline.fromPipelineArn(stack, 'Pipeline', 'arn:aws:codepipeline:eu-west-1:123456789012:deploy')));
    rule.addTarget(new targets.CloudWatchLogGroup(new logs.LogGroup(stack, 'EventLog')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toBe(NagRuleCompliance.COMPLIANT);
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['RetryPolicy:Target2', 'DeadLetterConfig:Target2']);
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

describe('Guardrails-SqsRedriveBeforeExpiry (ES4, MSG1)', () => {
  function queueWith(props: Partial<sqs.QueueProps>, maxReceiveCount: number) {
    const { app, stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
    const queue = new sqs.Queue(stack, 'Queue', { ...props, deadLetterQueue: { queue: dlq, maxReceiveCount } });
    return { app, stack, dlq, queue };
  }

  test('maxReceiveCount × visibility equal to the retention is a finding with path; one second less is compliant', () => {
    const equal = queueWith({ visibilityTimeout: Duration.seconds(600), retentionPeriod: Duration.seconds(6_000) }, 10);
    expect(ruleResult(sqsRedriveBeforeExpiry, equal.queue)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(equal.app)).toContain('Guardrails-SqsRedriveBeforeExpiry at TestStack/Queue/Resource');
    const below = queueWith({ visibilityTimeout: Duration.seconds(600), retentionPeriod: Duration.seconds(6_001) }, 10);
    expect(ruleResult(sqsRedriveBeforeExpiry, below.queue)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('defaults: 30 s visibility when absent (2 × 30 s ≥ 60 s retention), 4 days retention when absent (8 × 12 h ≥ 4 days)', () => {
    expect(ruleResult(sqsRedriveBeforeExpiry, queueWith({ retentionPeriod: Duration.seconds(60) }, 2).queue)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(sqsRedriveBeforeExpiry, queueWith({ retentionPeriod: Duration.seconds(60) }, 1).queue)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(sqsRedriveBeforeExpiry, queueWith({ visibilityTimeout: Duration.hours(12) }, 8).queue)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(sqsRedriveBeforeExpiry, queueWith({ visibilityTimeout: Duration.hours(12) }, 7).queue)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a redrive policy written as a JSON string (escape hatch) with a string count is read too', () => {
    const { stack } = newStack();
    const queue = new sqs.CfnQueue(stack, 'Queue', { visibilityTimeout: 3_600 });
    const redrive = (maxReceiveCount: string) => JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq', maxReceiveCount });
    queue.addPropertyOverride('RedrivePolicy', redrive('96'));
    expect(ruleResult(sqsRedriveBeforeExpiry, queue)).toBe(NagRuleCompliance.NON_COMPLIANT);
    queue.addPropertyOverride('RedrivePolicy', redrive('95'));
    expect(ruleResult(sqsRedriveBeforeExpiry, queue)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable: no redrive policy (the DLQ itself), or a visibility, retention or count only known at deploy time', () => {
    const plain = queueWith({ retentionPeriod: Duration.seconds(60) }, 2);
    expect(ruleResult(sqsRedriveBeforeExpiry, plain.dlq)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const { stack } = newStack();
    const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number', default: 60 }).valueAsNumber;
    const dlq = new sqs.Queue(stack, 'Dlq');
    const viaVisibility = new sqs.Queue(stack, 'Visibility', { visibilityTimeout: Duration.seconds(seconds), retentionPeriod: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 1000 } });
    const viaRetention = new sqs.Queue(stack, 'Retention', { retentionPeriod: Duration.seconds(seconds), deadLetterQueue: { queue: dlq, maxReceiveCount: 1000 } });
    const viaCount = new sqs.Queue(stack, 'Count', { retentionPeriod: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: seconds } });
    for (const queue of [viaVisibility, viaRetention, viaCount]) {
      expect(ruleResult(sqsRedriveBeforeExpiry, queue)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    }
  });

  test('the finding can be acknowledged on its queue alone', () => {
    const { app, stack, queue } = queueWith({ retentionPeriod: Duration.seconds(60) }, 2);
    new sqs.Queue(stack, 'Other', { retentionPeriod: Duration.seconds(60), deadLetterQueue: { queue: new sqs.Queue(stack, 'OtherDlq', { retentionPeriod: Duration.days(14) }), maxReceiveCount: 3 } });
    Validations.of(queue).acknowledge({ id: 'Guardrails-SqsRedriveBeforeExpiry', reason: 'ES4: test queue, messages are disposable' });
    expect(guardrailsFindings(app).filter((finding) => finding.startsWith('Guardrails-SqsRedriveBeforeExpiry'))).toEqual(['Guardrails-SqsRedriveBeforeExpiry at TestStack/Other/Resource']);
  });
});
