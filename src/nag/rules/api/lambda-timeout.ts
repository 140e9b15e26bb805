import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { API_INTEGRATION_TIMEOUT_SECONDS, LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../../../core/limits';
import { numberOrDefault } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/** The integration request header that makes API Gateway invoke the function asynchronously. */
const INVOCATION_TYPE_HEADER = 'integration.request.header.x-amz-invocation-type';

/**
 * API6: a Lambda behind a REST API method must time out before the integration does (29 s, or the
 * integration's TimeoutInMillis), or the client gets a 504 while the function still runs. Not
 * applicable to an integration that invokes the function asynchronously (`X-Amz-Invocation-Type:
 * 'Event'`): the API answers at once, whatever the function's timeout.
 */
export const apiLambdaTimeout: GuardrailsRule = {
  id: 'ApiLambdaTimeout',
  level: NagMessageLevel.ERROR,
  practice: 'API6',
  info: 'A REST API method integrates a Lambda function whose timeout is not shorter than the integration timeout (29 s or TimeoutInMillis).',
  explanation: 'The client gets a 504 while the function keeps running (and billing). Skipped: integrations that invoke the function asynchronously (X-Amz-Invocation-Type \'Event\': the API answers at once), functions outside the stack, timeouts only known at deploy time.',
  fix: 'Lower the function timeout below the integration timeout, or make the work asynchronous.',
  resourceTypes: ['AWS::ApiGateway::Method'],
  lookupTypes: [...LOOKUP_TYPES.functionReferencedBy],
  check: (resource, index) => {
    const integration = resource.properties.Integration;
    if (!integration || !['AWS', 'AWS_PROXY'].includes(integration.Type) || invokesAsynchronously(integration)) return NagRuleCompliance.NOT_APPLICABLE;
    const fn = index.functionReferencedBy(integration.Uri);
    if (!fn) return NagRuleCompliance.NOT_APPLICABLE;
    const timeoutSeconds = numberOrDefault(fn.properties.Timeout, LAMBDA_DEFAULT_TIMEOUT_SECONDS);
    const limitMillis = numberOrDefault(integration.TimeoutInMillis, API_INTEGRATION_TIMEOUT_SECONDS * 1000);
    if (timeoutSeconds === undefined || limitMillis === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return timeoutSeconds * 1000 >= limitMillis ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** Whether the integration sets X-Amz-Invocation-Type to the literal 'Event' (header names are case-insensitive). */
function invokesAsynchronously(integration: { RequestParameters?: unknown }): boolean {
  const parameters = integration.RequestParameters;
  if (parameters === null || typeof parameters !== 'object') return false;
  return Object.entries(parameters).some(([name, value]) => name.toLowerCase() === INVOCATION_TYPE_HEADER
    && typeof value === 'string' && value.replace(/'/g, '').trim().toLowerCase() === 'event');
}
