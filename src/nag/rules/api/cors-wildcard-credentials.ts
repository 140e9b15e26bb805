import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { asArray } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';

/**
 * API8: `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials: true`
 * (browsers refuse it, and it signals a CORS policy that was never thought through). Checks the
 * integration responses of methods (CDK's CORS preflight) and gateway responses.
 */
export const apiCorsWildcardCredentials: GuardrailsRule = {
  id: 'ApiCorsWildcardCredentials',
  level: NagMessageLevel.ERROR,
  practice: 'API8',
  info: 'A CORS response allows origin `*` together with credentials.',
  explanation: 'Browsers reject the combination, and it shows a CORS policy without a list of trusted origins. Checked: integration responses of methods (CDK\'s preflight) and gateway responses, with literal header values.',
  fix: 'List the allowed origins explicitly when credentials are allowed.',
  resourceTypes: ['AWS::ApiGateway::Method', 'AWS::ApiGateway::GatewayResponse'],
  lookupTypes: [],
  check: (resource) => {
    const wildcard = resource.type === 'AWS::ApiGateway::Method'
      ? asArray<any>(resource.properties.Integration?.IntegrationResponses)
        .some((response) => wildcardWithCredentials(response?.ResponseParameters, 'method.response.header'))
      : wildcardWithCredentials(resource.properties.ResponseParameters, 'gatewayresponse.header');
    return wildcard ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

function wildcardWithCredentials(parameters: { [key: string]: unknown } | undefined, prefix: string): boolean {
  if (!parameters || typeof parameters !== 'object') return false;
  const header = (name: string) => {
    const key = Object.keys(parameters).find((k) => k.toLowerCase() === `${prefix}.${name}`.toLowerCase());
    return typeof parameters[key ?? ''] === 'string' ? (parameters[key!] as string).replace(/'/g, '').trim().toLowerCase() : undefined;
  };
  return header('Access-Control-Allow-Origin') === '*' && header('Access-Control-Allow-Credentials') === 'true';
}
