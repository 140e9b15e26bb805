import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { asArray } from '../../template/cfn-values';
import { IndexedResource } from '../template-index';

/**
 * API8: `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`
 * (browsers refuse it, and it signals a CORS policy that was never thought through). Checks the
 * integration responses of methods (CDK's CORS preflight) and gateway responses.
 */
export function apiCorsWildcardCredentials(resource: IndexedResource): NagRuleResult {
  if (resource.type === 'AWS::ApiGateway::Method') {
    const responses = asArray<any>(resource.properties.Integration?.IntegrationResponses);
    return responses.some((response) => wildcardWithCredentials(response?.ResponseParameters, 'method.response.header'))
      ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  }
  if (resource.type === 'AWS::ApiGateway::GatewayResponse') {
    return wildcardWithCredentials(resource.properties.ResponseParameters, 'gatewayresponse.header')
      ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  }
  return NagRuleCompliance.NOT_APPLICABLE;
}

function wildcardWithCredentials(parameters: { [key: string]: unknown } | undefined, prefix: string): boolean {
  if (!parameters || typeof parameters !== 'object') return false;
  const header = (name: string) => {
    const key = Object.keys(parameters).find((k) => k.toLowerCase() === `${prefix}.${name}`.toLowerCase());
    return typeof parameters[key ?? ''] === 'string' ? (parameters[key!] as string).replace(/'/g, '').trim().toLowerCase() : undefined;
  };
  return header('Access-Control-Allow-Origin') === '*' && header('Access-Control-Allow-Credentials') === 'true';
}
