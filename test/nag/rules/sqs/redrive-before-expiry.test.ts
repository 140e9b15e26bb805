import { CfnParameter, Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { sqsRedriveBeforeExpiry } from '../../../../src/nag/rules/sqs';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

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
