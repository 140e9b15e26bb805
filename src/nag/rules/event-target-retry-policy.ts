import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { flattenToString } from '../../template/cfn-values';
import { IndexedResource } from '../template-index';

/**
 * EV1: every target of an EventBridge rule has an explicit retry policy (attempts and event age)
 * next to its DLQ. One finding per target ID.
 */
export function eventTargetRetryPolicy(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::Events::Rule') return NagRuleCompliance.NOT_APPLICABLE;
  const targets = resource.properties.Targets;
  if (targets === undefined) return NagRuleCompliance.COMPLIANT;
  if (!Array.isArray(targets)) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = targets.filter((target) => target?.RetryPolicy === undefined).map((target) => flattenToString(target?.Id));
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
