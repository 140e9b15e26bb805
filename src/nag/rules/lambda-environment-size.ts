import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { LAMBDA_ENVIRONMENT_MAX_BYTES } from '../../core/limits';
import { environmentSizeBytes } from '../../template/lambda-environment';
import { IndexedResource } from '../template-index';

/** FN3: a function's environment variables (keys + values) must total at most 4 KB. */
export function lambdaEnvironmentSize(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const variables = resource.properties.Environment?.Variables;
  if (variables === undefined) return NagRuleCompliance.COMPLIANT;
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) return NagRuleCompliance.NOT_APPLICABLE;
  return environmentSizeBytes(variables) > LAMBDA_ENVIRONMENT_MAX_BYTES ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
