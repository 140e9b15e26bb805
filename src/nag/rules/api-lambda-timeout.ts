import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { API_INTEGRATION_TIMEOUT_SECONDS, LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../core/limits';
import { numberOrDefault } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * API6: a Lambda behind a REST API method must time out before the integration does (29 s, or the
 * integration's TimeoutInMillis), or the client gets a 504 while the function still runs.
 */
export function apiLambdaTimeout(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::ApiGateway::Method') return NagRuleCompliance.NOT_APPLICABLE;
  const integration = resource.properties.Integration;
  if (!integration || !['AWS', 'AWS_PROXY'].includes(integration.Type)) return NagRuleCompliance.NOT_APPLICABLE;
  const fn = index.functionReferencedBy(integration.Uri);
  if (!fn) return NagRuleCompliance.NOT_APPLICABLE;
  const timeoutSeconds = numberOrDefault(fn.properties.Timeout, LAMBDA_DEFAULT_TIMEOUT_SECONDS);
  const limitMillis = numberOrDefault(integration.TimeoutInMillis, API_INTEGRATION_TIMEOUT_SECONDS * 1000);
  if (timeoutSeconds === undefined || limitMillis === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return timeoutSeconds * 1000 >= limitMillis ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
