import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RouteAuthorization } from './route-authorization';
import { GuardedFunction } from '../function/guarded-function';
import { GuardedFunctionProps } from '../function/guarded-function-props';

/** API8: CORS with explicit origins. */
export interface ApiCorsOptions {
  /** The allowed origins, listed (`*` is only allowed without credentials). */
  readonly allowOrigins: string[];
  /**
   * Whether browsers may send credentials.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * Allowed headers.
   * @default Cors.DEFAULT_HEADERS
   */
  readonly allowHeaders?: string[];
  /**
   * Allowed methods.
   * @default Cors.ALL_METHODS
   */
  readonly allowMethods?: string[];
}

/** API7: the stage cache. Routes opt in with `cached` or `cacheTtl`. */
export interface ApiCacheOptions {
  /**
   * The cache cluster size in GB, one of the sizes API Gateway offers: '0.5', '1.6', '6.1', '13.5',
   * '28.4', '58.2', '118' or '237'.
   * @default '0.5'
   */
  readonly clusterSize?: string;
}

/** API9: a custom domain. */
export interface ApiDomainOptions {
  /** The domain name. */
  readonly domainName: string;
  /** Its ACM certificate: in us-east-1 for an EDGE API, in the API's region for a REGIONAL one. */
  readonly certificate: acm.ICertificate;
  /**
   * A base path mapping.
   * @default - the root
   */
  readonly basePath?: string;
}

/** API10: a canary on the stage. */
export interface ApiCanaryOptions {
  /** The share of traffic for the canary, 0–100. */
  readonly percentTraffic: number;
  /**
   * Stage variables that differ on the canary (e.g. a Lambda alias name).
   * @default - none
   */
  readonly stageVariableOverrides?: { [key: string]: string };
  /**
   * Whether the canary uses the stage cache.
   * @default false
   */
  readonly useStageCache?: boolean;
}

/** API3: a usage plan with its own API key, for paying clients. */
export interface ApiUsagePlanOptions {
  /**
   * The plan's name, unique among the API's plans. Its letters and digits name the plan's
   * constructs, so they must differ too (`a-b` and `ab` would collide).
   */
  readonly name: string;
  /**
   * Requests per second, 0–10000.
   * @default - the stage's throttling
   */
  readonly rateLimit?: number;
  /**
   * Burst, a whole number from 0 to 5000.
   * @default - the stage's throttling
   */
  readonly burstLimit?: number;
  /**
   * Requests per `quotaPeriod`, a whole number from 1 to 2147483647. Over it, clients get 429.
   * @default - no quota
   */
  readonly quotaLimit?: number;
  /**
   * The quota's period.
   * @default Period.MONTH
   */
  readonly quotaPeriod?: apigw.Period;
}

/** One route of a CognitoRestApi. Give exactly one of `handler`, `handlerProps` or `handlerFunction`. */
export interface RouteOptions {
  /**
   * An existing guarded function. It is invoked through its alias.
   * @default - none
   */
  readonly handler?: GuardedFunction;
  /**
   * Props of a guarded function to create for this route. Its timeout defaults to 10 s, under the
   * 29 s integration timeout (API6).
   * @default - none
   */
  readonly handlerProps?: GuardedFunctionProps;
  /**
   * An existing function.
   * @default - none
   */
  readonly handlerFunction?: lambda.IFunction;
  /**
   * How the route is authorized (API2).
   * @default RouteAuthorization.cognito()
   */
  readonly authorization?: RouteAuthorization;
  /**
   * A JSON schema the request body must match (API5).
   * @default - the body is not validated
   */
  readonly requestModel?: apigw.JsonSchema;
  /**
   * Query string and header parameters, `true` when required, e.g. `{ 'method.request.querystring.limit': false }`.
   * Path parameters are added (required) from the path. Parameters are always validated (API5).
   * @default - the path parameters
   */
  readonly requestParameters?: { [name: string]: boolean };
  /**
   * Requests per second for this route, 0–10000 (API3).
   * @default - the stage's throttling
   */
  readonly throttlingRateLimit?: number;
  /**
   * Burst for this route, a whole number from 0 to 5000 (API3).
   * @default - the stage's throttling
   */
  readonly throttlingBurstLimit?: number;
  /**
   * Cache this route's responses, encrypted, for `cacheTtl` (API7). Needs the API's `cache`.
   * @default false, unless `cacheTtl` is set
   */
  readonly cached?: boolean;
  /**
   * How long this route's responses are cached, 0–3600 s in whole seconds (API7). Setting it turns
   * caching on. A duration only known at deploy time must be given with `Duration.seconds()`.
   * @default Duration.seconds(300) when `cached`
   */
  readonly cacheTtl?: Duration;
  /**
   * Request parameters that are part of the cache key (API7).
   * @default - the path parameters
   */
  readonly cacheKeyParameters?: string[];
  /**
   * Whether callers need an API key of a usage plan (API3).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
}

/** What addRoute created. */
export interface ApiRoute {
  /** The API Gateway method. */
  readonly method: apigw.Method;
  /** What the integration invokes (a guarded function's alias, or the given function). */
  readonly target: lambda.IFunction;
  /** The guarded function, when the route has one. */
  readonly handler?: GuardedFunction;
}
