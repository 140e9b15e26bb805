import * as cognito from 'aws-cdk-lib/aws-cognito';

/** ID1/ID2: the user pool a SecureUserPool (or a CognitoRestApi) creates. */
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
   * OAuth callback URLs. Required with `domainPrefix` (ID2). Each is an absolute URL of at most
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
