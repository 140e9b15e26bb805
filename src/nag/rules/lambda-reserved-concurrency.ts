import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * FN5: a function without reserved concurrency shares the account pool: a spike elsewhere can
 * throttle it, and a spike of its own can throttle everything else. 0 (switched off) is a choice.
 * Not applicable to functions only CloudFormation invokes at deploy time (custom resource
 * handlers, among them the ones aws-cdk-lib adds on its own): they have no traffic to protect or cap.
 */
export function lambdaReservedConcurrency(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function' || index.isDeployTimeFunction(resource.logicalId)) return NagRuleCompliance.NOT_APPLICABLE;
  const reserved = resource.properties.ReservedConcurrentExecutions;
  return reserved === undefined || reserved === null ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
