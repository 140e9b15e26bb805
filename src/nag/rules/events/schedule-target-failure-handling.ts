import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isAbsent } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';

/**
 * EV1: the target of an EventBridge Scheduler schedule has an explicit retry policy and a
 * dead-letter queue. Without a RetryPolicy Scheduler retries for 24 hours and 185 attempts; without
 * a DeadLetterConfig a run whose retries run out is dropped (only the InvocationDroppedCount metric
 * remembers it). Findings: `RetryPolicy`, `DeadLetterConfig`.
 */
export const scheduleTargetFailureHandling: GuardrailsRule = {
  id: 'ScheduleTargetFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'EV1',
  info: 'An EventBridge Scheduler schedule\'s target has no RetryPolicy or no DeadLetterConfig (one finding each).',
  explanation: 'Without a RetryPolicy Scheduler keeps retrying a run for 24 hours and 185 attempts, so a failing target goes unnoticed for a day; without a DeadLetterConfig a run is dropped when its retries run out. Checked: the target of every AWS::Scheduler::Schedule, whatever it runs (Lambda, Step Functions, SQS, universal targets).',
  fix: 'Set Target.RetryPolicy (MaximumRetryAttempts, MaximumEventAgeInSeconds) and Target.DeadLetterConfig.Arn (an SQS queue); ScheduledJob does.',
  resourceTypes: ['AWS::Scheduler::Schedule'],
  lookupTypes: [],
  check: (resource) => {
    const target = resource.properties.Target;
    if (target === null || typeof target !== 'object') return NagRuleCompliance.NOT_APPLICABLE;
    const findings = [
      ...(isAbsent(target.RetryPolicy) ? ['RetryPolicy'] : []),
      ...(isAbsent(target.DeadLetterConfig?.Arn) ? ['DeadLetterConfig'] : []),
    ];
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};
