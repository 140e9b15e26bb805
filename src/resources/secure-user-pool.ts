import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../core/acknowledge';
import { API_DEFAULTS } from '../core/defaults';
import { COGNITO_DOMAIN_PREFIX, COGNITO_REDIRECT_URL } from '../core/limits';
import { invalidProp, validateFormat } from '../core/validation';

/** ID1/ID2: the user pool a CognitoRestApi creates. */
export interface SecureUserPoolOptions {
  /**
   * MFA (TOTP). REQUIRED by default; OPTIONAL only as an explicit choice (acknowledges AwsSolutions-COG2); OFF is rejected.
   * @default Mfa.REQUIRED
   */
  readonly mfa?: cognito.Mfa;
  /**
   * The feature plan. PLUS gives threat protection (compromised credentials, adaptive
   * authentication) and is billed per monthly active user; ESSENTIALS or LITE need `featurePlanReason`.
   * @default FeaturePlan.PLUS
   */
  readonly featurePlan?: cognito.FeaturePlan;
  /**
   * Why a cheaper plan than PLUS is enough: the acknowledgement of AwsSolutions-COG8.
   * @default - required with a plan other than PLUS
   */
  readonly featurePlanReason?: string;
  /**
   * Whether users may sign themselves up.
   * @default false
   */
  readonly selfSignUpEnabled?: boolean;
  /**
   * A Cognito domain prefix for the hosted UI and the OAuth endpoints (ID2): 1–63 lower-case
   * letters, digits and hyphens, not starting or ending with a hyphen, and without the words
   * Cognito reserves (`aws`, `amazon`, `cognito`).
   * @default - no domain, no OAuth flows
   */
  readonly domainPrefix?: string;
  /**
   * OAuth callback URLs; required with `domainPrefix` (ID2). Each is an absolute URL of at most
   * 1024 characters without a fragment: `https://`, `http://localhost` or `http://127.0.0.1`
   * (local testing), or an app URL with a custom scheme (`myapp://callback`).
   * @default - none
   */
  readonly callbackUrls?: string[];
  /**
   * OAuth logout URLs, by the rules of `callbackUrls` (ID2).
   * @default - none
   */
  readonly logoutUrls?: string[];
  /**
   * Lambda triggers, passed through.
   * @default - none
   */
  readonly lambdaTriggers?: cognito.UserPoolTriggers;
  /**
   * A physical name.
   * @default - generated
   */
  readonly userPoolName?: string;
}

/** The created user pool, its app client and (with a domain) its resource server. */
export interface SecureUserPool {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly resourceServer?: cognito.UserPoolResourceServer;
  readonly domain?: cognito.UserPoolDomain;
}

/** ID1/ID2: a user pool with strong defaults and an app client for SPAs and mobile apps. */
export function createSecureUserPool(scope: Construct, options: SecureUserPoolOptions, oauthScopes: string[],
  resourceServerId: string): SecureUserPool {
  const mfa = options.mfa ?? cognito.Mfa.REQUIRED;
  if (mfa === cognito.Mfa.OFF) throw invalidProp(scope, 'userPoolOptions.mfa', 'must be REQUIRED or, as an explicit choice, OPTIONAL', 'OFF', 'ID1');
  const featurePlan = options.featurePlan ?? cognito.FeaturePlan.PLUS;
  if (featurePlan !== cognito.FeaturePlan.PLUS && !options.featurePlanReason?.trim()) {
    throw invalidProp(scope, 'userPoolOptions.featurePlanReason', 'is required with a feature plan other than PLUS (no threat protection)', options.featurePlanReason, 'ID1');
  }
  validateFormat(scope, 'userPoolOptions.domainPrefix', options.domainPrefix, COGNITO_DOMAIN_PREFIX);
  for (const url of options.callbackUrls ?? []) validateFormat(scope, 'userPoolOptions.callbackUrls', url, COGNITO_REDIRECT_URL);
  for (const url of options.logoutUrls ?? []) validateFormat(scope, 'userPoolOptions.logoutUrls', url, COGNITO_REDIRECT_URL);
  if (options.domainPrefix && !(options.callbackUrls?.length)) {
    throw invalidProp(scope, 'userPoolOptions.callbackUrls', 'must list at least one URL when a domain enables OAuth', options.callbackUrls?.length ?? 0, 'ID2');
  }
  if (oauthScopes.length > 0 && !options.domainPrefix) {
    throw invalidProp(scope, 'oauthScopes', 'need userPoolOptions.domainPrefix: custom scopes are issued by the OAuth endpoints', oauthScopes.join(','), 'ID2');
  }
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    userPoolName: options.userPoolName,
    selfSignUpEnabled: options.selfSignUpEnabled ?? false,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    autoVerify: { email: true },
    passwordPolicy: {
      minLength: API_DEFAULTS.passwordMinLength,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
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
    scopes: oauthScopes.map((scopeName) => new cognito.ResourceServerScope({ scopeName, scopeDescription: `${scopeName} on the API`.slice(0, 256) })),
  }) : undefined;
  const client = userPool.addClient('AppClient', {
    generateSecret: false,
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(API_DEFAULTS.accessTokenValidityMinutes),
    idTokenValidity: Duration.minutes(API_DEFAULTS.accessTokenValidityMinutes),
    refreshTokenValidity: Duration.days(API_DEFAULTS.refreshTokenValidityDays),
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
