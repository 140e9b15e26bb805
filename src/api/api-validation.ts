import { Stack, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import { ApiUsagePlanOptions } from './api-options';
import type { CognitoRestApiProps } from './cognito-rest-api';
import { sanitize } from './route-path';
import { ACM_CERTIFICATE_ARN, API_CACHE_CLUSTER_SIZE, API_CANARY_PERCENT, API_CLIENT_ERROR_RATE_PERCENT, API_STAGE_NAME, API_THROTTLING_BURST, API_THROTTLING_RATE, API_USAGE_PLAN_QUOTA, COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER, COGNITO_QUALIFIED_SCOPE_MAX_LENGTH, COGNITO_RESOURCE_SERVER_IDENTIFIER, COGNITO_SCOPE_NAME, regionOfArn, WAFV2_REGIONAL_WEB_ACL_ARN } from '../core/limits';
import { invalidProp, validateFormat, validateLogRetention, validateRange } from '../core/validation';

/**
 * Every check of a CognitoRestApi's props that needs no construct: ranges, names and formats,
 * regions. Literal values only; unresolved tokens are skipped.
 */
export function validateApiProps(scope: Construct, props: CognitoRestApiProps, endpointType: apigw.EndpointType, resourceServerId: string): void {
  if (endpointType === apigw.EndpointType.PRIVATE && !(props.vpcEndpoints?.length)) {
    throw invalidProp(scope, 'vpcEndpoints', 'must list at least one execute-api VPC endpoint for a PRIVATE API', 0, 'API1');
  }
  if (props.cors) {
    if (props.cors.allowOrigins.length === 0) throw invalidProp(scope, 'cors.allowOrigins', 'must list the allowed origins', '[]', 'API8');
    if (props.cors.allowCredentials && props.cors.allowOrigins.includes('*')) {
      throw invalidProp(scope, 'cors.allowOrigins', 'must list explicit origins when credentials are allowed (browsers reject * with credentials)', '*', 'API8');
    }
  }
  if (props.stageName !== undefined && Token.isUnresolved(props.stageName)) {
    throw invalidProp(scope, 'stageName', 'must be known at synth: aws-cdk-lib names the stage\'s construct after it', props.stageName, 'API10');
  }
  validateFormat(scope, 'stageName', props.stageName, API_STAGE_NAME);
  validateFormat(scope, 'cache.clusterSize', props.cache?.clusterSize, API_CACHE_CLUSTER_SIZE);
  validateLogRetention(scope, 'accessLogRetention', props.accessLogRetention, 'API4');
  if (props.canary) validateRange(scope, 'canary.percentTraffic', props.canary.percentTraffic, API_CANARY_PERCENT);
  validateRange(scope, 'clientErrorRateAlarmPercent', props.clientErrorRateAlarmPercent, API_CLIENT_ERROR_RATE_PERCENT);
  if (props.domain) validateCertificateRegion(scope, props.domain.certificate, endpointType);
  if (props.webAclArn !== undefined) {
    validateFormat(scope, 'webAclArn', props.webAclArn, WAFV2_REGIONAL_WEB_ACL_ARN);
    validateSameRegion(scope, 'webAclArn', props.webAclArn, 'a regional web ACL protects resources of its own region', 'API3');
  }
  validateScopes(scope, props.oauthScopes ?? [], resourceServerId);
  validateUsagePlans(scope, props.usagePlans ?? []);
}

/** API9: EDGE serves the certificate from CloudFront (us-east-1); REGIONAL and PRIVATE from the API's region. */
function validateCertificateRegion(scope: Construct, certificate: acm.ICertificate, endpointType: apigw.EndpointType): void {
  const arn = certificate.certificateArn;
  validateFormat(scope, 'domain.certificate', arn, ACM_CERTIFICATE_ARN);
  // A certificate this app creates lives in its stack's region; an imported token ARN's region is unknown.
  const region = !Token.isUnresolved(arn) ? regionOfArn(arn)
    : certificate instanceof acm.Certificate ? knownString(Stack.of(certificate).region) : undefined;
  if (region === undefined) return;
  if (endpointType === apigw.EndpointType.EDGE) {
    if (region !== 'us-east-1') throw invalidProp(scope, 'domain.certificate', 'must be in us-east-1 for an EDGE API (CloudFront serves it)', region, 'API9');
    return;
  }
  const apiRegion = knownString(Stack.of(scope).region);
  if (apiRegion !== undefined && region !== apiRegion) {
    throw invalidProp(scope, 'domain.certificate', `must be in the API's region (${apiRegion}) for a ${endpointType} API`, region, 'API9');
  }
}

/** Throws when the literal ARN's region and the stack's region are both known and differ. */
function validateSameRegion(scope: Construct, prop: string, arn: string, reason: string, practice: string): void {
  const apiRegion = knownString(Stack.of(scope).region);
  if (Token.isUnresolved(arn) || apiRegion === undefined) return;
  const region = regionOfArn(arn);
  if (region !== apiRegion) throw invalidProp(scope, prop, `must be in the API's region (${apiRegion}): ${reason}`, region, practice);
}

/** API2: the resource server identifier and its scopes, by Cognito's character rules and lengths. */
function validateScopes(scope: Construct, oauthScopes: string[], resourceServerId: string): void {
  validateFormat(scope, 'resourceServerIdentifier', resourceServerId, COGNITO_RESOURCE_SERVER_IDENTIFIER);
  if (oauthScopes.length > COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER) {
    throw invalidProp(scope, 'oauthScopes', `must list at most ${COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER} scopes (one resource server)`, oauthScopes.length, 'API2');
  }
  for (const name of oauthScopes) {
    validateFormat(scope, 'oauthScopes', name, COGNITO_SCOPE_NAME);
    const qualified = `${resourceServerId}/${name}`;
    if (!Token.isUnresolved(qualified) && qualified.length > COGNITO_QUALIFIED_SCOPE_MAX_LENGTH) {
      throw invalidProp(scope, 'oauthScopes', `must be at most ${COGNITO_QUALIFIED_SCOPE_MAX_LENGTH} characters with the resource server identifier (as the app client lists it)`, qualified, 'API2');
    }
  }
  const duplicate = oauthScopes.find((name, index) => oauthScopes.indexOf(name) !== index);
  if (duplicate !== undefined) throw invalidProp(scope, 'oauthScopes', 'must not list a scope twice', duplicate, 'API2');
}

/** API3: usage plan limits, and names whose construct IDs (letters and digits only) stay distinct. */
function validateUsagePlans(scope: Construct, plans: ApiUsagePlanOptions[]): void {
  const byId = new Map<string, string>();
  for (const plan of plans) {
    const prop = `usagePlans[${plan.name}]`;
    validateRange(scope, `${prop}.rateLimit`, plan.rateLimit, API_THROTTLING_RATE);
    validateRange(scope, `${prop}.burstLimit`, plan.burstLimit, API_THROTTLING_BURST);
    validateRange(scope, `${prop}.quotaLimit`, plan.quotaLimit, API_USAGE_PLAN_QUOTA);
    const id = sanitize(plan.name);
    if (id === '') throw invalidProp(scope, `${prop}.name`, 'must contain a letter or digit (it names the plan\'s construct IDs)', plan.name, 'API3');
    const other = byId.get(id);
    if (other !== undefined) {
      throw invalidProp(scope, `${prop}.name`, other === plan.name ? 'must be unique among usagePlans'
        : `must differ from usage plan "${other}" in its letters and digits: both would be construct UsagePlan${id}`, plan.name, 'API3');
    }
    byId.set(id, plan.name);
  }
}

function knownString(value: string): string | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}
