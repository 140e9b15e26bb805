import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { flattenToString, isAbsent } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/** Service principals that invoke Lambda asynchronously. */
const ASYNC_PRINCIPAL = /^(s3|sns|events|scheduler|iot|logs)\.([^.]+\.)?amazonaws\.com(\.cn)?$/;

/**
 * FN9: a function that can be invoked asynchronously (a permission for an asynchronous service,
 * or an existing invoke config) needs an invoke config with MaximumRetryAttempts and an OnFailure
 * destination. Findings name what is missing.
 */
export function lambdaAsyncFailureHandling(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::Function') return NagRuleCompliance.NOT_APPLICABLE;
  const configs = index.invokeConfigsOf(resource.logicalId);
  const invokedAsynchronously = index.permissionsOf(resource.logicalId)
    .some((permission) => ASYNC_PRINCIPAL.test(flattenToString(permission.properties.Principal)));
  if (!invokedAsynchronously && configs.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
  const missingPerConfig = configs.map((config) => [
    ...(isAbsent(config.properties.MaximumRetryAttempts) ? ['MaximumRetryAttempts'] : []),
    ...(isAbsent(config.properties.DestinationConfig?.OnFailure?.Destination) ? ['OnFailure'] : []),
  ]);
  if (missingPerConfig.some((missing) => missing.length === 0)) return NagRuleCompliance.COMPLIANT;
  if (missingPerConfig.length === 0) return ['MaximumRetryAttempts', 'OnFailure'];
  return missingPerConfig.reduce((fewest, missing) => (missing.length < fewest.length ? missing : fewest));
}
