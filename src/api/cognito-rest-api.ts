import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Tokenization } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiCacheOptions, ApiCanaryOptions, ApiCorsOptions, ApiDomainOptions, ApiRoute, ApiUsagePlanOptions, RouteOptions } from './api-options';
import { validateApiProps } from './api-validation';
import { RouteAuthorization } from './route-authorization';
import { methodSettingPath, normalizeRoutePath, sanitize } from './route-path';
import { createSecureUserPool, SecureUserPoolOptions } from '../resources/secure-user-pool';
import { acknowledgeRule } from '../core/acknowledge';
import { API_CACHE_DEFAULT_TTL_SECONDS, API_DEFAULTS } from '../core/defaults';
import { API_AUTHORIZER_CACHE_TTL_SECONDS, API_CACHE_TTL_SECONDS, API_INTEGRATION_TIMEOUT_SECONDS, API_THROTTLING_BURST, API_THROTTLING_RATE } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, secondsOf, validateRange } from '../core/validation';
import { GuardedFunction } from '../function/guarded-function';
import { guardedOrExistingFunction } from '../function/guarded-or-existing';
import { createAlarm } from '../observability/alarms';

/** Properties of a CognitoRestApi. */
export interface CognitoRestApiProps {
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
   * Usage plans, each with an API key (API3); names unique, also in their letters and digits.
   * @default - none
   */
  readonly usagePlans?: ApiUsagePlanOptions[];
  /**
   * Retention of the access log group (API4); finite (`INFINITE` is rejected).
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
   * A topic every alarm notifies (OBS1).
   * @default - alarms have no action
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Alarm when 4XX responses exceed this percentage of requests, 0–100 (OBS1).
   * @default - no 4XX alarm
   */
  readonly clientErrorRateAlarmPercent?: number;
}


/**
 * A REST API whose routes are authorized by a Cognito user pool by default, each added with one
 * call and backed by a guarded function invoked through its alias (API1–API10, ID1, ID2, OBS1).
 * Add at least one route: API Gateway cannot deploy a REST API without methods.
 */
export class CognitoRestApi extends Construct {
  /** The REST API (L2). */
  public readonly api: apigw.RestApi;
  /** The user pool (created or given). */
  public readonly userPool: cognito.IUserPool;
  /** The app client, when the construct created the pool or one was given. */
  public readonly userPoolClient?: cognito.IUserPoolClient;
  /** The access log group (API4). */
  public readonly accessLogGroup: logs.LogGroup;
  /** Fires on any 5XX response (OBS1). */
  public readonly serverErrorAlarm: cloudwatch.Alarm;
  /** Fires when p99 latency nears the 29 s integration timeout (OBS1). */
  public readonly latencyAlarm: cloudwatch.Alarm;
  /** Fires when 4XX responses exceed `clientErrorRateAlarmPercent` (OBS1). */
  public readonly clientErrorRateAlarm?: cloudwatch.Alarm;
  /** The API keys of the usage plans, by plan name. */
  public readonly apiKeys: { [planName: string]: apigw.IApiKey } = {};
  /**
   * The stack output with the stage's base URL. Its key in the template is its logical ID, which
   * CDK derives from the construct path (`<path>ApiUrl<hash>`, see README); call
   * `overrideLogicalId('ApiUrl')` on it for a fixed key, or set its `exportName`.
   */
  public readonly apiUrlOutput: CfnOutput;
  /** The stack output with the user pool ID (key: `<path>UserPoolId<hash>`, as `apiUrlOutput`). */
  public readonly userPoolIdOutput: CfnOutput;
  /** The stack output with the app client ID, when there is a client (key: `<path>UserPoolClientId<hash>`). */
  public readonly userPoolClientIdOutput?: CfnOutput;
  /** The stack output with the region of the API and the user pool (key: `<path>Region<hash>`). */
  public readonly regionOutput: CfnOutput;

  private readonly props: CognitoRestApiProps;
  private readonly oauthScopes: string[];
  private readonly resourceServerId: string;
  private readonly methodSettings: apigw.CfnStage.MethodSettingProperty[] = [];
  /** Lambda authorizers by function, then by configuration (kind, cache TTL, identity sources). */
  private readonly lambdaAuthorizers = new Map<lambda.IFunction, Map<string, apigw.IAuthorizer>>();
  private lambdaAuthorizerCount = 0;
  private readonly acknowledgedPreflights = new Set<apigw.Method>();
  /** Each route once, as `route <METHOD> <normalized path>`. */
  private readonly routes = new Set<string>();
  /** Construct IDs derived from a route's method and path, and the route that took each. */
  private readonly routeConstructIds = new Map<string, string>();
  private validatorInstance?: apigw.RequestValidator;
  private cognitoAuthorizer?: apigw.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: CognitoRestApiProps = {}) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    this.props = props;
    this.oauthScopes = props.oauthScopes ?? [];
    this.resourceServerId = props.resourceServerIdentifier ?? 'api';
    const endpointType = props.endpointType ?? apigw.EndpointType.REGIONAL;
    const rateLimit = props.throttlingRateLimit ?? API_DEFAULTS.throttlingRateLimit;
    const burstLimit = props.throttlingBurstLimit ?? API_DEFAULTS.throttlingBurstLimit;
    validateRange(this, 'throttlingRateLimit', rateLimit, API_THROTTLING_RATE);
    validateRange(this, 'throttlingBurstLimit', burstLimit, API_THROTTLING_BURST);
    validateApiProps(this, props, endpointType, this.resourceServerId);

    const pool = this.userPoolOf(props);
    this.userPool = pool.userPool;
    this.userPoolClient = pool.client;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      endpointConfiguration: { types: [endpointType], vpcEndpoints: props.vpcEndpoints },
      policy: endpointType === apigw.EndpointType.PRIVATE ? privateApiPolicy(props.vpcEndpoints!) : undefined,
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stageName ?? API_DEFAULTS.stageName,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        tracingEnabled: true,
        cacheClusterEnabled: props.cache ? true : undefined,
        cacheClusterSize: props.cache ? props.cache.clusterSize ?? '0.5' : undefined,
        variables: props.stageVariables,
      },
      defaultCorsPreflightOptions: props.cors && {
        allowOrigins: props.cors.allowOrigins,
        allowCredentials: props.cors.allowCredentials,
        allowHeaders: props.cors.allowHeaders ?? apigw.Cors.DEFAULT_HEADERS,
        allowMethods: props.cors.allowMethods ?? apigw.Cors.ALL_METHODS,
      },
    });
    // API3/API4/API7: stage-wide settings first; routes add their own (throttling, cache) after it.
    this.methodSettings.push({
      httpMethod: '*',
      resourcePath: '/*',
      loggingLevel: 'ERROR',
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: rateLimit,
      throttlingBurstLimit: burstLimit,
      cachingEnabled: props.cache ? false : undefined,
    });
    const cfnStage = this.api.deploymentStage.node.defaultChild as apigw.CfnStage;
    cfnStage.methodSettings = Lazy.any({ produce: () => this.methodSettings });
    if (props.canary) {
      const { percentTraffic, stageVariableOverrides, useStageCache } = props.canary;
      cfnStage.canarySetting = { percentTraffic, stageVariableOverrides, useStageCache: useStageCache ?? false };
    }
    this.configureEdges(props, endpointType);

    this.serverErrorAlarm = createAlarm(this, 'ServerErrorAlarm', {
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      description: `${this.node.path}: the API returned 5XX responses (OBS1).`,
    }, props.alarmTopic);
    this.latencyAlarm = createAlarm(this, 'LatencyAlarm', {
      metric: this.api.metricLatency({ period: Duration.minutes(5), statistic: cloudwatch.Stats.p(99) }),
      threshold: API_DEFAULTS.latencyAlarmMillis,
      description: `${this.node.path}: p99 latency is near the ${API_INTEGRATION_TIMEOUT_SECONDS} s integration timeout (API6, OBS1).`,
    }, props.alarmTopic);
    if (props.clientErrorRateAlarmPercent !== undefined) {
      this.clientErrorRateAlarm = createAlarm(this, 'ClientErrorRateAlarm', {
        metric: new cloudwatch.MathExpression({
          expression: '100 * errors / MAX([requests, 1])',
          usingMetrics: {
            errors: this.api.metricClientError({ statistic: cloudwatch.Stats.SUM }),
            requests: this.api.metricCount({ statistic: cloudwatch.Stats.SUM }),
          },
          period: Duration.minutes(5),
        }),
        threshold: props.clientErrorRateAlarmPercent,
        comparison: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        // stringifyNumber keeps a token a token (a number token in a template string prints as a huge negative number).
        description: `${this.node.path}: more than ${Tokenization.stringifyNumber(props.clientErrorRateAlarmPercent)} % of requests got a 4XX response (OBS1).`,
      }, props.alarmTopic);
    }

    // The outputs' logical IDs are a public API: they stay as they are (see README: Stack outputs).
    this.apiUrlOutput = new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API' });
    this.userPoolIdOutput = new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'Cognito user pool ID' });
    if (this.userPoolClient) {
      this.userPoolClientIdOutput = new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId, description: 'Cognito app client ID' });
    }
    this.regionOutput = new CfnOutput(this, 'Region', { value: Stack.of(this).region, description: 'Region of the API and the user pool' });
    this.acknowledgeDeliberateExceptions(props);
    this.node.addValidation({ validate: () => this.validateHasRoutes() });
  }

  /**
   * The Cognito authorizer of the API's Cognito routes. It is created with the first Cognito route,
   * or when this property is first read, so an API with only IAM, Lambda-authorized or public routes
   * has none. Once read, it must authorize a method of this API (aws-cdk-lib refuses an authorizer
   * attached to no REST API).
   */
  public get authorizer(): apigw.CognitoUserPoolsAuthorizer {
    this.cognitoAuthorizer ??= new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', { cognitoUserPools: [this.userPool] });
    return this.cognitoAuthorizer;
  }

  /**
   * Adds a route, e.g. `addRoute('GET', '/items/{id}', { handlerProps: { entry } })`. The path is
   * normalized (`items/` is `/items`); each method and path takes one route.
   */
  public addRoute(httpMethod: string, path: string, options: RouteOptions): ApiRoute {
    const method = httpMethod.toUpperCase();
    const resourcePath = normalizeRoutePath(path);
    const where = `route ${method} ${resourcePath}`;
    if (this.routes.has(where)) throw invalidProp(this, where, 'is added twice: each method and path takes one route', path, 'API1');
    const routeId = sanitize(method + resourcePath);
    const authorization = options.authorization ?? RouteAuthorization.cognito();
    const pathParameters = [...resourcePath.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => `method.request.path.${match[1]}`);
    const requestParameters: { [name: string]: boolean } = {
      ...Object.fromEntries(pathParameters.map((parameter) => [parameter, true])),
      ...options.requestParameters,
    };
    const cached = options.cached === true || options.cacheTtl !== undefined;
    const cacheTtl = options.cacheTtl ?? Duration.seconds(API_CACHE_DEFAULT_TTL_SECONDS);
    if (cached) {
      if (!this.props.cache) throw invalidProp(this, `${where} cacheTtl`, 'needs the API\'s `cache` option', cacheTtl, 'API7');
      validateRange(this, `${where} cacheTtl`, secondsOf(cacheTtl), API_CACHE_TTL_SECONDS);
    }
    validateRange(this, `${where} throttlingRateLimit`, options.throttlingRateLimit, API_THROTTLING_RATE);
    validateRange(this, `${where} throttlingBurstLimit`, options.throttlingBurstLimit, API_THROTTLING_BURST);
    const cacheTtlSeconds = cached ? templateSeconds(this, `${where} cacheTtl`, cacheTtl, 'API7') : undefined;
    if (options.handlerProps || options.handlerFunction) this.claimConstructId(`${routeId}Handler`, where, 'handler', path);
    if (options.requestModel) this.claimConstructId(`${routeId}Model`, where, 'request model', path);

    const handler = this.routeHandler(routeId, options, where);
    const resource = this.api.root.resourceForPath(resourcePath);
    const apiMethod = resource.addMethod(method, new apigw.LambdaIntegration(handler.target, {
      allowTestInvoke: false, // the only permission is the one scoped to this method's ARN (SEC2)
      cacheKeyParameters: cached ? options.cacheKeyParameters ?? pathParameters : undefined,
    }), {
      ...this.authorizationOptions(authorization, where),
      apiKeyRequired: options.apiKeyRequired,
      requestParameters,
      requestValidator: this.requestValidator(),
      requestModels: options.requestModel ? {
        'application/json': this.api.addModel(`${routeId}Model`, { contentType: 'application/json', schema: options.requestModel }),
      } : undefined,
    });
    this.routes.add(where);
    if (authorization.kind === 'public') {
      for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) acknowledgeRule(apiMethod, rule, 'API2', `public route: ${authorization.reason}`);
    } else if (authorization.kind !== 'cognito') {
      acknowledgeRule(apiMethod, 'AwsSolutions-COG4', 'API2', `authorized by ${authorization.kind === 'iam' ? 'IAM (SigV4)' : 'a Lambda authorizer'} instead of the user pool, by explicit choice.`);
    }
    if (options.throttlingRateLimit !== undefined || options.throttlingBurstLimit !== undefined || cached) {
      this.methodSettings.push({
        httpMethod: method,
        resourcePath: methodSettingPath(resourcePath),
        loggingLevel: 'ERROR',
        metricsEnabled: true,
        throttlingRateLimit: options.throttlingRateLimit,
        throttlingBurstLimit: options.throttlingBurstLimit,
        cachingEnabled: cached ? true : undefined,
        cacheTtlInSeconds: cacheTtlSeconds,
        cacheDataEncrypted: cached ? true : undefined,
      });
    }
    this.acknowledgePreflights();
    return { method: apiMethod, target: handler.target, handler: handler.guarded };
  }

  /** Construct IDs keep only the letters and digits of method and path: `/a-b` and `/ab` would share one. */
  private claimConstructId(id: string, where: string, what: string, path: string): void {
    const owner = this.routeConstructIds.get(id);
    if (owner !== undefined) {
      throw invalidProp(this, where, `its ${what} would be construct ${id}, which ${owner} already uses (construct IDs keep only the letters and digits of method and path): `
        + `change one of the paths${what === 'handler' ? ', or pass a `handler` you created with an ID of yours' : ''}`, path, 'API1');
    }
    this.routeConstructIds.set(id, where);
  }

  private routeHandler(routeId: string, options: RouteOptions, where: string): { target: lambda.IFunction; guarded?: GuardedFunction } {
    const given = [options.handler, options.handlerProps, options.handlerFunction].filter((h) => h !== undefined).length;
    if (given !== 1) throw invalidProp(this, `${where} handler`, 'give exactly one of `handler`, `handlerProps` or `handlerFunction`', `${given} given`, 'FN10');
    const fn = options.handler
      ? { target: options.handler.alias, guarded: options.handler, timeout: options.handler.timeout }
      : guardedOrExistingFunction(this, `${routeId}Handler`, 'handler', options.handlerProps, options.handlerFunction, this.props.alarmTopic);
    const seconds = secondsOf(fn.timeout);
    if (seconds !== undefined && seconds >= API_INTEGRATION_TIMEOUT_SECONDS) {
      throw invalidProp(this, `${where} handler timeout`,
        `must be under the ${API_INTEGRATION_TIMEOUT_SECONDS} s API Gateway integration timeout, or the client gets a 504 while the function still runs; make long work asynchronous`,
        fn.timeout, 'API6');
    }
    return { target: fn.target, guarded: fn.guarded };
  }

  private authorizationOptions(authorization: RouteAuthorization, where: string): apigw.MethodOptions {
    switch (authorization.kind) {
      case 'cognito': {
        const unknown = (authorization.scopes ?? []).filter((s) => !this.oauthScopes.includes(s));
        if (unknown.length > 0) throw invalidProp(this, `${where} authorization scopes`, `must be among oauthScopes (${this.oauthScopes.join(', ') || 'none'})`, unknown.join(','), 'API2');
        return {
          authorizer: this.authorizer,
          authorizationType: apigw.AuthorizationType.COGNITO,
          authorizationScopes: authorization.scopes?.map((s) => `${this.resourceServerId}/${s}`),
        };
      }
      case 'iam':
        return { authorizationType: apigw.AuthorizationType.IAM };
      case 'public':
        if (!authorization.reason?.trim()) throw invalidProp(this, `${where} authorization`, 'RouteAuthorization.public() needs a non-empty reason', authorization.reason, 'API2');
        return { authorizationType: apigw.AuthorizationType.NONE };
      default:
        return { authorizer: this.lambdaAuthorizer(authorization, where), authorizationType: apigw.AuthorizationType.CUSTOM };
    }
  }

  /**
   * API2: one Lambda authorizer per function and configuration, cached for 0–3600 s. Routes that
   * share a function and its configuration share the authorizer; another cache TTL or other identity
   * sources get an authorizer of their own, so no route's setting is dropped.
   */
  private lambdaAuthorizer(authorization: RouteAuthorization, where: string): apigw.IAuthorizer {
    const handler = authorization.handler!;
    const resultsCacheTtl = authorization.resultsCacheTtl ?? Duration.seconds(API_DEFAULTS.authorizerCacheTtlSeconds);
    const prop = `${where} authorization resultsCacheTtl`;
    validateRange(this, prop, secondsOf(resultsCacheTtl), API_AUTHORIZER_CACHE_TTL_SECONDS);
    const ttlSeconds = templateSeconds(this, prop, resultsCacheTtl, 'API2');
    if (authorization.kind === 'lambdaRequest' && !(authorization.identitySources?.length) && ttlSeconds !== 0) {
      throw invalidProp(this, `${where} authorization identitySources`, 'RouteAuthorization.lambdaRequest() needs at least one identity source while results are cached', 0, 'API2');
    }
    const configuration = `${authorization.kind} ${Tokenization.stringifyNumber(ttlSeconds)} ${(authorization.identitySources ?? []).join(',')}`;
    const byConfiguration = this.lambdaAuthorizers.get(handler) ?? new Map<string, apigw.IAuthorizer>();
    this.lambdaAuthorizers.set(handler, byConfiguration);
    let authorizer = byConfiguration.get(configuration);
    if (!authorizer) {
      this.lambdaAuthorizerCount += 1;
      const id = `LambdaAuthorizer${this.lambdaAuthorizerCount}`;
      authorizer = authorization.kind === 'lambdaToken'
        ? new apigw.TokenAuthorizer(this, id, { handler, resultsCacheTtl })
        : new apigw.RequestAuthorizer(this, id, { handler, resultsCacheTtl, identitySources: authorization.identitySources! });
      byConfiguration.set(configuration, authorizer);
    }
    return authorizer;
  }

  /** API5: one validator for every route: parameters always, the body when the route has a model. */
  private requestValidator(): apigw.RequestValidator {
    this.validatorInstance ??= this.api.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
    return this.validatorInstance;
  }

  private userPoolOf(props: CognitoRestApiProps): { userPool: cognito.IUserPool; client?: cognito.IUserPoolClient } {
    if (props.userPool && props.userPoolOptions) {
      throw invalidProp(this, 'userPool/userPoolOptions', 'give at most one of `userPool` (existing) or `userPoolOptions`', 'both', 'ID1');
    }
    if (props.userPool) return { userPool: props.userPool, client: props.userPoolClient };
    const created = createSecureUserPool(this, props.userPoolOptions ?? {}, this.oauthScopes, this.resourceServerId);
    return { userPool: created.userPool, client: created.client };
  }

  /** API Gateway cannot deploy a REST API without methods: say so with the construct's path, before aws-cdk-lib does. */
  private validateHasRoutes(): string[] {
    if (this.routes.size > 0 || this.api.methods.some((method) => method.httpMethod !== 'OPTIONS')) return [];
    return [invalidProp(this, 'routes', 'add at least one route with addRoute(): API Gateway cannot deploy a REST API without methods', 0, 'API1').message];
  }

  private configureEdges(props: CognitoRestApiProps, endpointType: apigw.EndpointType): void {
    if (props.domain) {
      this.api.addDomainName('Domain', {
        domainName: props.domain.domainName,
        certificate: props.domain.certificate,
        endpointType: endpointType === apigw.EndpointType.PRIVATE ? apigw.EndpointType.REGIONAL : endpointType,
        securityPolicy: apigw.SecurityPolicy.TLS_1_2,
        basePath: props.domain.basePath,
      });
    }
    for (const plan of props.usagePlans ?? []) {
      const usagePlan = this.api.addUsagePlan(`UsagePlan${sanitize(plan.name)}`, {
        name: plan.name,
        throttle: plan.rateLimit !== undefined || plan.burstLimit !== undefined
          ? { rateLimit: plan.rateLimit, burstLimit: plan.burstLimit } : undefined,
        quota: plan.quotaLimit !== undefined ? { limit: plan.quotaLimit, period: plan.quotaPeriod ?? apigw.Period.MONTH } : undefined,
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      const key = this.api.addApiKey(`ApiKey${sanitize(plan.name)}`);
      usagePlan.addApiKey(key);
      this.apiKeys[plan.name] = key;
    }
    if (props.webAclArn) {
      new wafv2.CfnWebACLAssociation(this, 'WebAcl', { resourceArn: this.api.deploymentStage.stageArn, webAclArn: props.webAclArn });
    }
  }

  private acknowledgeDeliberateExceptions(props: CognitoRestApiProps): void {
    const cloudWatchRole = this.api.node.tryFindChild('CloudWatchRole');
    if (cloudWatchRole) {
      acknowledgeRule(cloudWatchRole, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]', 'API4',
        'the account-level role that lets API Gateway write execution logs; AWS manages the policy for exactly this purpose.');
    }
    if (!props.webAclArn) {
      acknowledgeRule(this.api.deploymentStage, 'AwsSolutions-APIG3', 'API3',
        'stage and per-route throttling and usage plans protect the API; associate a WAFv2 web ACL with webAclArn for public internet traffic.');
    }
  }

  /** API8: CORS preflights are unauthenticated by the CORS protocol; each OPTIONS method says so. */
  private acknowledgePreflights(): void {
    for (const node of this.api.root.node.findAll()) {
      if (node instanceof apigw.Method && node.httpMethod === 'OPTIONS' && !this.acknowledgedPreflights.has(node)) {
        this.acknowledgedPreflights.add(node);
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          acknowledgeRule(node, rule, 'API8', 'CORS preflight (OPTIONS) requests carry no credentials by design of the CORS protocol.');
        }
      }
    }
  }
}

function privateApiPolicy(endpoints: ec2.IInterfaceVpcEndpoint[]): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: { StringEquals: { 'aws:SourceVpce': endpoints.map((e) => e.vpcEndpointId) } },
    })],
  });
}

/**
 * Seconds of `duration` for the template: the literal (already range-checked), or the token. A token
 * can only be converted when given in seconds; otherwise aws-cdk-lib would throw a raw error.
 */
function templateSeconds(scope: Construct, prop: string, duration: Duration, practice: string): number {
  if (!duration.isUnresolved()) return duration.toSeconds({ integral: false });
  try {
    return duration.toSeconds();
  } catch {
    throw invalidProp(scope, prop, 'a duration only known at deploy time must be given as Duration.seconds()', duration, practice);
  }
}
