import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { flattenToString, isAbsent } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';

/** Target ARNs of services that do no work of the application (see below). */
const NO_APPLICATION_WORK = /^arn:(<[^>]*>|[^:<]*):(codepipeline|logs):/;

/**
 * EV1: every target of an EventBridge rule has an explicit retry policy (attempts and event age)
 * and a dead-letter queue: with retries but no DLQ, an event is still dropped when they run out.
 * Findings per target ID: `RetryPolicy:<id>`, `DeadLetterConfig:<id>`. Skipped: targets that do
 * no work of the application: CodePipeline pipelines (the source-change triggers aws-cdk-lib's
 * pipeline source actions create; no prop of those actions reaches their target) and CloudWatch
 * Logs log groups (a copy of the events for looking at them; losing one loses no work).
 */
export const eventTargetRetryPolicy: GuardrailsRule = {
  id: 'EventTargetRetryPolicy',
  level: NagMessageLevel.ERROR,
  practice: 'EV1',
  info: 'An EventBridge rule target has no RetryPolicy or no DeadLetterConfig (one finding each, per target).',
  explanation: 'The default keeps retrying for 24 hours and 185 attempts; bounded retries make failures visible sooner, and without a DLQ an event is dropped when its retries run out. Skipped: targets that do no work of the application: CodePipeline pipelines (source-change triggers of a deployment) and CloudWatch Logs log groups (a copy of the events to look at).',
  fix: 'Set RetryPolicy (MaximumRetryAttempts, MaximumEventAgeInSeconds) and a DeadLetterConfig on the target.',
  resourceTypes: ['AWS::Events::Rule'],
  lookupTypes: [],
  check: (resource) => {
    const targets = resource.properties.Targets;
    if (targets === undefined) return NagRuleCompliance.COMPLIANT;
    if (!Array.isArray(targets)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = targets.filter((target) => !NO_APPLICATION_WORK.test(flattenToString(target?.Arn))).flatMap((target) => {
      const id = flattenToString(target?.Id);
      return [
        ...(isAbsent(target?.RetryPolicy) ? [`RetryPolicy:${id}`] : []),
        ...(isAbsent(target?.DeadLetterConfig?.Arn) ? [`DeadLetterConfig:${id}`] : []),
      ];
    });
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
};
