import { Stack, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import { ApiUsagePlanOptions } from './api-options';
import { CognitoRestApiProps } from './cognito-rest-api-props';
import { sanitize } from './route-path';
import { API_DEFAULTS } from '../core/defaults';
import {
  ACM_CERTIFICATE_ARN, API_CACHE_CLUSTER_SIZE, API_CANARY_PERCENT, API_CLIENT_ERROR_RATE_PERCENT, API_EDGE_CERTIFICATE_REGION, API_STAGE_NAME,
  API_THROTTLING_BURST, API_THROTTLING_RATE, API_USAGE_PLAN_QUOTA, regionOfArn, WAFV2_REGIONAL_WEB_ACL_ARN,
} from '../core/limits';
import { PropsValidator } from '../core/validation';
import { validateOAuthScopes, validateSecureUserPoolOptions } from '../resources/secure-user-pool';

/**
 * Every rule of a CognitoRestApi's props, before anything is built (API1–API10, ID1, ID2): ranges,
 * names and formats, regions, the user pool. Literal values only; unresolved tokens are skipped.
 * Throws one error listing every failed rule.
 */
export function validateApiProps(scope: Construct, props: CognitoRestApiProps, endpointType: apigw.EndpointType, resourceServerId: string): void {
  const validator = new PropsValidator(scope)
    .range('throttlingRateLimit', props.throttlingRateLimit ?? API_DEFAULTS.throttlingRateLimit, API_THROTTLING_RATE)
    .range('throttlingBurstLimit', props.throttlingBurstLimit ?? API_DEFAULTS.throttlingBurstLimit, API_THROTTLING_BURST)
    .check(endpointType === apigw.EndpointType.PRIVATE && !(props.vpcEndpoints?.length), 'vpcEndpoints',
      'must list at least one execute-api VPC endpoint for a PRIVATE API', 0, 'API1')
    .check(props.stageName !== undefined && Token.isUnresolved(props.stageName), 'stageName',
      'must be known at synth: aws-cdk-lib names the stage\'s construct after it', props.stageName, 'API10')
    .format('stageName', props.stageName, API_STAGE_NAME)
    .format('cache.clusterSize', props.cache?.clusterSize, API_CACHE_CLUSTER_SIZE)
    .logRetention('accessLogRetention', props.accessLogRetention, 'API4')
    .range('canary.percentTraffic', props.canary?.percentTraffic, API_CANARY_PERCENT)
    .range('clientErrorRateAlarmPercent', props.clientErrorRateAlarmPercent, API_CLIENT_ERROR_RATE_PERCENT)
    .atMostOne({ userPool: props.userPool, userPoolOptions: props.userPoolOptions, secureUserPool: props.secureUserPool },
      '`userPool` (existing), `secureUserPool` or `userPoolOptions`', 'ID1')
    .check(props.userPoolClient !== undefined && props.userPool === undefined, 'userPoolClient',
      'applies with `userPool` only (a created or secure user pool brings its own app client)', props.userPoolClient?.node.path, 'ID1')
    .check(!!props.secureUserPool && props.oauthScopes !== undefined, 'oauthScopes',
      'must be set on the given secureUserPool: its resource server holds the scopes', props.oauthScopes?.join(','), 'API2')
    .check(!!props.secureUserPool && props.resourceServerIdentifier !== undefined, 'resourceServerIdentifier',
      'must be set on the given secureUserPool: its resource server holds the scopes', props.resourceServerIdentifier, 'API2');
  if (props.cors) {
    validator.check(props.cors.allowOrigins.length === 0, 'cors.allowOrigins', 'must list the allowed origins', '[]', 'API8')
      .check(props.cors.allowCredentials === true && props.cors.allowOrigins.includes('*'), 'cors.allowOrigins',
        'must list explicit origins when credentials are allowed (browsers reject * with credentials)', '*', 'API8');
  }
  if (props.domain) validateCertificateRegion(validator, scope, props.domain.certificate, endpointType);
  if (props.webAclArn !== undefined) {
    validator.format('webAclArn', props.webAclArn, WAFV2_REGIONAL_WEB_ACL_ARN);
    if (Token.isUnresolved(props.webAclArn) || WAFV2_REGIONAL_WEB_ACL_ARN.test(props.webAclArn)) {
      validateSameRegion(validator, scope, 'webAclArn', props.webAclArn, 'a regional web ACL protects resources of its own region', 'API3');
    }
  }
  if (!props.secureUserPool) validateOAuthScopes(validator, props.oauthScopes ?? [], resourceServerId);
  validateUsagePlans(validator, props.usagePlans ?? []);
  if (!props.userPool && !props.secureUserPool) validateSecureUserPoolOptions(validator, props.userPoolOptions ?? {}, props.oauthScopes ?? [], 'userPoolOptions.');
  validator.throwIfInvalid();
}

/** API9: EDGE serves the certificate from CloudFront (us-east-1); REGIONAL and PRIVATE from the API's region. */
function validateCertificateRegion(validator: PropsValidator, scope: Construct, certificate: acm.ICertificate,
  endpointType: apigw.EndpointType): void {
  const arn = certificate.certificateArn;
  validator.format('domain.certificate', arn, ACM_CERTIFICATE_ARN);
  if (!Token.isUnresolved(arn) && !ACM_CERTIFICATE_ARN.test(arn)) return;
  // A certificate this app creates lives in its stack's region; an imported token ARN's region is unknown.
  const region = !Token.isUnresolved(arn) ? regionOfArn(arn)
    : certificate instanceof acm.Certificate ? knownString(Stack.of(certificate).region) : undefined;
  if (region === undefined) return;
  if (endpointType === apigw.EndpointType.EDGE) {
    validator.check(region !== API_EDGE_CERTIFICATE_REGION, 'domain.certificate',
      `must be in ${API_EDGE_CERTIFICATE_REGION} for an EDGE API (CloudFront serves it)`, region, 'API9');
    return;
  }
  const apiRegion = knownString(Stack.of(scope).region);
  validator.check(apiRegion !== undefined && region !== apiRegion, 'domain.certificate',
    `must be in the API's region (${apiRegion}) for a ${endpointType} API`, region, 'API9');
}

/** A problem when the literal ARN's region and the stack's region are both known and differ. */
function validateSameRegion(validator: PropsValidator, scope: Construct, prop: string, arn: string, reason: string, practice: string): void {
  const apiRegion = knownString(Stack.of(scope).region);
  if (Token.isUnresolved(arn) || apiRegion === undefined) return;
  const region = regionOfArn(arn);
  validator.check(region !== apiRegion, prop, `must be in the API's region (${apiRegion}): ${reason}`, region, practice);
}

/** API3: usage plan limits, and names whose construct IDs (letters and digits only) stay distinct. */
function validateUsagePlans(validator: PropsValidator, plans: ApiUsagePlanOptions[]): void {
  const byId = new Map<string, string>();
  for (const plan of plans) {
    const prop = `usagePlans[${plan.name}]`;
    const id = sanitize(plan.name);
    const other = byId.get(id);
    validator.range(`${prop}.rateLimit`, plan.rateLimit, API_THROTTLING_RATE)
      .range(`${prop}.burstLimit`, plan.burstLimit, API_THROTTLING_BURST)
      .range(`${prop}.quotaLimit`, plan.quotaLimit, API_USAGE_PLAN_QUOTA)
      .check(id === '', `${prop}.name`, 'must contain a letter or digit (it names the plan\'s construct IDs)', plan.name, 'API3')
      .check(id !== '' && other !== undefined, `${prop}.name`, other === plan.name ? 'must be unique among usagePlans'
        : `must differ from usage plan "${other}" in its letters and digits: both would be construct UsagePlan${id}`, plan.name, 'API3');
    if (other === undefined) byId.set(id, plan.name);
  }
}

function knownString(value: string): string | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}
