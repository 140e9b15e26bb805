import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { SecureUserPoolOptions } from './secure-user-pool-options';
import { acknowledgeRule } from '../core/acknowledge';
import { USER_POOL_DEFAULTS } from '../core/defaults';
import {
  COGNITO_DOMAIN_PREFIX, COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER, COGNITO_QUALIFIED_SCOPE_MAX_LENGTH, COGNITO_REDIRECT_URL,
  COGNITO_RESOURCE_SERVER_IDENTIFIER, COGNITO_SCOPE_DESCRIPTION_MAX_LENGTH, COGNITO_SCOPE_NAME,
} from '../core/limits';
import { PropsValidator } from '../core/validation';

/** The created user pool, its app client and (with a domain) its resource server and domain. */
export interface SecureUserPoolParts {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly resourceServer?: cognito.UserPoolResourceServer;
  readonly domain?: cognito.UserPoolDomain;
}

/**
 * ID1, ID2: the rules of `options` and of the `oauthScopes` the pool's resource server will hold;
 * `prefix` names where the options are (`userPoolOptions.` in a CognitoRestApi, empty in a SecureUserPool).
 */
export function validateSecureUserPoolOptions(validator: PropsValidator, options: SecureUserPoolOptions, oauthScopes: string[],
  prefix: string): void {
  validator.check(options.mfa === cognito.Mfa.OFF, `${prefix}mfa`, 'must be REQUIRED or, as an explicit choice, OPTIONAL', 'OFF', 'ID1');
  if ((options.featurePlan ?? cognito.FeaturePlan.PLUS) !== cognito.FeaturePlan.PLUS) {
    validator.reason(`${prefix}featurePlanReason`, options.featurePlanReason, 'ID1', 'is required with a feature plan other than PLUS (no threat protection)');
  }
  validator.format(`${prefix}domainPrefix`, options.domainPrefix, COGNITO_DOMAIN_PREFIX);
  for (const url of options.callbackUrls ?? []) validator.format(`${prefix}callbackUrls`, url, COGNITO_REDIRECT_URL);
  for (const url of options.logoutUrls ?? []) validator.format(`${prefix}logoutUrls`, url, COGNITO_REDIRECT_URL);
  validator.check(!!options.domainPrefix && !(options.callbackUrls?.length), `${prefix}callbackUrls`,
    'must list at least one URL when a domain enables OAuth', options.callbackUrls?.length ?? 0, 'ID2');
  validator.check(oauthScopes.length > 0 && !options.domainPrefix, 'oauthScopes',
    `need ${prefix}domainPrefix: custom scopes are issued by the OAuth endpoints`, oauthScopes.join(','), 'ID2');
}

/** API2: the resource server's identifier and its scopes: formats, at most 100 scopes, none twice. */
export function validateOAuthScopes(validator: PropsValidator, oauthScopes: string[], resourceServerId: string): void {
  validator.format('resourceServerIdentifier', resourceServerId, COGNITO_RESOURCE_SERVER_IDENTIFIER)
    .check(oauthScopes.length > COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER, 'oauthScopes',
      `must list at most ${COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER} scopes (one resource server)`, oauthScopes.length, 'API2');
  for (const name of oauthScopes) {
    const qualified = `${resourceServerId}/${name}`;
    validator.format('oauthScopes', name, COGNITO_SCOPE_NAME)
      .check(!Token.isUnresolved(qualified) && qualified.length > COGNITO_QUALIFIED_SCOPE_MAX_LENGTH, 'oauthScopes',
        `must be at most ${COGNITO_QUALIFIED_SCOPE_MAX_LENGTH} characters with the resource server identifier (as the app client lists it)`, qualified, 'API2');
  }
  const duplicate = oauthScopes.find((name, index) => oauthScopes.indexOf(name) !== index);
  validator.check(duplicate !== undefined, 'oauthScopes', 'must not list a scope twice', duplicate, 'API2');
}

/**
 * ID1/ID2: a user pool with strong defaults and an app client for SPAs and mobile apps; `options`
 * checked with {@link validateSecureUserPoolOptions}. The pool's construct ID is `id`: a
 * SecureUserPool passes `Default`, which CDK leaves out of logical IDs, so the pool, its client and
 * domain keep the logical IDs they had when a CognitoRestApi created them directly (`UserPool`).
 */
export function createSecureUserPool(scope: Construct, id: string, options: SecureUserPoolOptions, oauthScopes: string[],
  resourceServerId: string): SecureUserPoolParts {
  const mfa = options.mfa ?? cognito.Mfa.REQUIRED;
  const featurePlan = options.featurePlan ?? cognito.FeaturePlan.PLUS;
  const userPool = new cognito.UserPool(scope, id, {
    userPoolName: options.userPoolName,
    selfSignUpEnabled: options.selfSignUpEnabled ?? false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    passwordPolicy: {
      minLength: USER_POOL_DEFAULTS.passwordMinLength,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(USER_POOL_DEFAULTS.temporaryPasswordValidityDays),
    },
    mfa,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan,
    standardThreatProtectionMode: featurePlan === cognito.FeaturePlan.PLUS ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lambdaTriggers: options.lambdaTriggers,
  });
  if (mfa === cognito.Mfa.OPTIONAL) acknowledgeRule(userPool, 'AwsSolutions-COG2', 'ID1', 'MFA is optional by explicit choice (userPoolOptions.mfa).');
  if (featurePlan !== cognito.FeaturePlan.PLUS) acknowledgeRule(userPool, 'AwsSolutions-COG8', 'ID1', options.featurePlanReason!);

  const domain = options.domainPrefix ? userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: options.domainPrefix } }) : undefined;
  const resourceServer = domain && oauthScopes.length > 0 ? userPool.addResourceServer('ResourceServer', {
    identifier: resourceServerId,
    userPoolResourceServerName: resourceServerName(resourceServerId),
    scopes: oauthScopes.map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: `${scopeName} on the API`.slice(0, COGNITO_SCOPE_DESCRIPTION_MAX_LENGTH) })),
  }) : undefined;
  const client = userPool.addClient('AppClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(USER_POOL_DEFAULTS.accessTokenValidityMinutes),
    idTokenValidity: Duration.minutes(USER_POOL_DEFAULTS.accessTokenValidityMinutes),
    refreshTokenValidity: Duration.days(USER_POOL_DEFAULTS.refreshTokenValidityDays),
    disableOAuth: !domain,
    oAuth: domain ? {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL,
        ...oauthScopes.map((scopeName) => cognito.OAuthScope.custom(`${resourceServerId}/${scopeName}`))],
      callbackUrls: options.callbackUrls,
      logoutUrls: options.logoutUrls,
    } : undefined,
  });
  if (resourceServer) client.node.addDependency(resourceServer);
  return { userPool, client, resourceServer, domain };
}

/**
 * The resource server's name is the identifier (aws-cdk-lib's default) unless the identifier has
 * characters Cognito refuses in a name (`[\w\s+=,.@-]`), as a URL identifier does: then its allowed characters.
 */
function resourceServerName(identifier: string): string | undefined {
  if (Token.isUnresolved(identifier) || /^[\w\s+=,.@-]+$/.test(identifier)) return undefined;
  return identifier.replace(/[^\w\s+=,.@-]/g, '') || 'api';
}
