import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { IndexedResource, roleKey, TemplateIndex } from '../template-index';

/** FN6: one execution role per function, so each role can be least privilege. */
export function lambdaSharedRole(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function' || resource.properties.Role === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const users = index.functionsPerRole().get(roleKey(resource.properties.Role)) ?? 0;
  return users > 1 ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
