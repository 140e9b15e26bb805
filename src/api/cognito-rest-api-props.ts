import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ApiCacheOptions, ApiCanaryOptions, ApiCorsOptions, ApiDomainOptions, ApiUsagePlanOptions } from './api-options';
import { SecureUserPool } from '../identity/secure-user-pool';
import { AlarmOptions } from '../observability/alarm-options';
import { SecureUserPoolOptions } from '../resources/secure-user-pool-options';

/** Properties of a CognitoRestApi. */
export interface CognitoRestApiProps extends AlarmOptions {
  /**
   * An existing user pool. Mutually exclusive with `userPoolOptions`.
   * @default - a user pool is created (ID1)
   */
  readonly userPool?: cognito.IUserPool;
  /**
   * The app client of an existing user pool, for the stack outputs.
   * @default - none
   */
  readonly userPoolClient?: cognito.IUserPoolClient;
  /**
   * A SecureUserPool of this app, shared with a site or an identity pool: its app client is the
   * output's client, and its `oauthScopes` and `resourceServerIdentifier` are the API's (so the API's
   * own `oauthScopes` and `resourceServerIdentifier` must stay unset). Mutually exclusive with
   * `userPool` and `userPoolOptions`.
   * @default - a user pool is created (ID1)
   */
  readonly secureUserPool?: SecureUserPool;
  /**
   * The user pool to create (ID1, ID2).
   * @default - MFA required, PLUS plan, no self sign-up, no domain
   */
  readonly userPoolOptions?: SecureUserPoolOptions;
  /**
   * OAuth scopes of the API's resource server, which routes can require (API2). Need a domain.
   * Each is 1–256 printable ASCII characters without space, `"`, `/` or backslash, at most 256
   * with the identifier (`api/orders.read`); at most 100, none twice.
   * @default - none
   */
  readonly oauthScopes?: string[];
  /**
   * The resource server identifier (scope prefix): 1–256 printable ASCII characters without
   * space, `"` or backslash (API2).
   * @default 'api'
   */
  readonly resourceServerIdentifier?: string;
  /**
   * REGIONAL, EDGE or PRIVATE (API1). PRIVATE needs `vpcEndpoints` and gets a resource policy.
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: apigw.EndpointType;
  /**
   * The execute-api interface endpoints of a PRIVATE API.
   * @default - none
   */
  readonly vpcEndpoints?: ec2.IInterfaceVpcEndpoint[];
  /**
   * The stage name: 1–128 letters, digits, hyphens and underscores (API10).
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Stage requests per second, 0–10000 (API3).
   * @default 100
   */
  readonly throttlingRateLimit?: number;
  /**
   * Stage burst, a whole number from 0 to 5000 (API3).
   * @default 200
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Usage plans, each with an API key (API3). Names must be unique, also in their letters and digits.
   * @default - none
   */
  readonly usagePlans?: ApiUsagePlanOptions[];
  /**
   * Retention of the access log group (API4). Must be finite (`INFINITE` is rejected).
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * CORS (API8).
   * @default - no CORS
   */
  readonly cors?: ApiCorsOptions;
  /**
   * The stage cache (API7).
   * @default - no cache
   */
  readonly cache?: ApiCacheOptions;
  /**
   * A custom domain (API9). Its certificate must be in us-east-1 for an EDGE API and in the API's
   * region for a REGIONAL or PRIVATE one (checked when both regions are known at synth).
   * @default - the execute-api domain
   */
  readonly domain?: ApiDomainOptions;
  /**
   * Stage variables (API10).
   * @default - none
   */
  readonly stageVariables?: { [key: string]: string };
  /**
   * A canary on the stage (API10).
   * @default - none
   */
  readonly canary?: ApiCanaryOptions;
  /**
   * A regional WAFv2 web ACL to associate with the stage (API3), in the API's region:
   * `arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>`.
   * @default - none (AwsSolutions-APIG3 is acknowledged: throttling and usage plans protect the API)
   */
  readonly webAclArn?: string;
  /**
   * Alarm when 4XX responses exceed this percentage of requests, 0–100 (OBS1).
   * @default - no 4XX alarm
   */
  readonly clientErrorRateAlarmPercent?: number;
}
