import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IndexedResource } from '../template-index';

/**
 * FN5: a function without reserved concurrency shares the account pool: a spike elsewhere can
 * throttle it, and a spike of its own can throttle everything else. 0 (switched off) is a choice.
 */
export function lambdaReservedConcurrency(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const reserved = resource.properties.ReservedConcurrentExecutions;
  return reserved === undefined || reserved === null ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
