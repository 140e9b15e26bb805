import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { API_DEFAULTS } from '../core/defaults';
import { PropsValidator } from '../core/validation';
import { userPoolKeyMetrics } from '../observability/cognito-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { createSecureUserPool, validateOAuthScopes, validateSecureUserPoolOptions } from '../resources/secure-user-pool';
import { SecureUserPoolOptions } from '../resources/secure-user-pool-options';

/** Properties of a SecureUserPool: the pool's options and the OAuth scopes of its resource server. */
export interface SecureUserPoolProps extends SecureUserPoolOptions {
  /**
   * OAuth scopes of the pool's resource server, which API routes can require (API2). They
   * need `domainPrefix`. Each is 1–256 printable ASCII characters without space, `"`, `/` or backslash,
   * at most 256 with the identifier; at most 100, none twice.
   * @default - none
   */
  readonly oauthScopes?: string[];
  /**
   * The resource server identifier (scope prefix): 1–256 printable ASCII characters without space,
   * `"` or backslash (API2).
   * @default 'api'
   */
  readonly resourceServerIdentifier?: string;
}

/**
 * ID1, ID2: a Cognito user pool with strong defaults (MFA required, PLUS plan with threat
 * protection, 12-character passwords, email verification and recovery, deletion protection,
 * retained) and an app client for single-page and mobile apps (SRP, no secret, 1-hour tokens).
 * One pool can serve a CognitoRestApi (`secureUserPool`), a UserIdentityPool and a site's sign-in.
 */
export class SecureUserPool extends MonitoredConstruct {
  /** The user pool (ID1). */
  public readonly userPool: cognito.UserPool;
  /** The app client: SRP sign-in, no secret, short-lived tokens (ID2). */
  public readonly client: cognito.UserPoolClient;
  /**
   * The resource server of the OAuth scopes.
   * @default - none without a domain and scopes
   */
  public readonly resourceServer?: cognito.UserPoolResourceServer;
  /**
   * The Cognito domain of the hosted UI and the OAuth endpoints.
   * @default - none without `domainPrefix`
   */
  public readonly domain?: cognito.UserPoolDomain;
  /** The OAuth scopes of the resource server (without the identifier). */
  public readonly oauthScopes: string[];
  /** The resource server identifier, the prefix of the scopes. */
  public readonly resourceServerIdentifier: string;
  /** Sign-ins, sign-in throttles and token refreshes through the app client (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];

  /**
   * @param scope the construct that holds the user pool
   * @param id the ID of the user pool, unique within `scope`
   * @param props SecureUserPoolProps: every prop is optional
   */
  constructor(scope: Construct, id: string, props: SecureUserPoolProps = {}) {
    super(scope, id);
    this.oauthScopes = props.oauthScopes ?? [];
    this.resourceServerIdentifier = props.resourceServerIdentifier ?? API_DEFAULTS.resourceServerIdentifier;
    const validator = new PropsValidator(this);
    validateOAuthScopes(validator, this.oauthScopes, this.resourceServerIdentifier);
    validateSecureUserPoolOptions(validator, props, this.oauthScopes, '');
    validator.throwIfInvalid();
    // `Default` is left out of logical IDs: the pool's are those of the construct itself (see createSecureUserPool).
    const parts = createSecureUserPool(this, 'Default', props, this.oauthScopes, this.resourceServerIdentifier);
    this.userPool = parts.userPool;
    this.client = parts.client;
    this.resourceServer = parts.resourceServer;
    this.domain = parts.domain;
    this.keyMetrics = userPoolKeyMetrics(this.userPool, this.client);
  }
}
