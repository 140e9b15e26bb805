import { CfnOutput, Lazy, RemovalPolicy, Stack, Tokenization } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiRoute, RouteOptions } from './api-options';
import { validateApiProps } from './api-validation';
import { CognitoRestApiProps } from './cognito-rest-api-props';
import { RouteAuthorization, RouteAuthorizationKind } from './route-authorization';
import { methodSettingPath, normalizeRoutePath, sanitize } from './route-path';
import { RouteSettings, validateRoute } from './route-validation';
import { acknowledgeRule } from '../core/acknowledge';
import { API_DEFAULTS } from '../core/defaults';
import { API_INTEGRATION_TIMEOUT_SECONDS } from '../core/limits';
import { warnNearStackResourceLimit } from '../core/stack-resource-count';
import { invalidProp, PropsValidator, secondsOf } from '../core/validation';
import { guardedOrExistingFunction, PatternFunction } from '../function/guarded-or-existing';
import { SecureUserPool } from '../identity/secure-user-pool';
import { apiKeyMetrics, clientErrorRateAlarm, latencyAlarm, serverErrorAlarm } from '../observability/api-alarms';
import { MonitoredConstruct, MonitoredMetric } from '../observability/monitored';
import { createLogGroup } from '../resources/log-group';

/**
 * A REST API whose routes are authorized by a Cognito user pool by default, each added with one
 * call and backed by a guarded function invoked through its alias (API1–API10, ID1, ID2, OBS1).
 * Add at least one route: API Gateway cannot deploy a REST API without methods.
 */
export class CognitoRestApi extends MonitoredConstruct {
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
  /** Requests, 4XX and 5XX responses, p99 latency (OBS1). */
  public readonly keyMetrics: MonitoredMetric[];
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

  /**
   * @param scope the construct that holds the REST API
   * @param id the ID of the REST API, unique within `scope`
   * @param props CognitoRestApiProps: the API, its user pool, authorizer and defaults. Every prop is optional.
   */
  constructor(scope: Construct, id: string, props: CognitoRestApiProps = {}) {
    super(scope, id);
    warnNearStackResourceLimit(this);
    this.props = props;
    this.oauthScopes = props.secureUserPool?.oauthScopes ?? props.oauthScopes ?? [];
    this.resourceServerId = props.secureUserPool?.resourceServerIdentifier ?? props.resourceServerIdentifier ?? API_DEFAULTS.resourceServerIdentifier;
    const endpointType = props.endpointType ?? apigw.EndpointType.REGIONAL;
    validateApiProps(this, props, endpointType, this.resourceServerId);

    // A created pool keeps the construct ID `UserPool`, so its logical IDs are those of earlier versions.
    const pool = props.userPool ? { userPool: props.userPool, client: props.userPoolClient }
      : props.secureUserPool ?? new SecureUserPool(this, 'UserPool', {
        ...props.userPoolOptions, oauthScopes: this.oauthScopes, resourceServerIdentifier: this.resourceServerId,
      });
    this.userPool = pool.userPool;
    this.userPoolClient = pool.client;
    this.accessLogGroup = createLogGroup(this, 'AccessLogs', { retention: props.accessLogRetention, prop: 'accessLogRetention', practice: 'API4' });
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
        cacheClusterSize: props.cache ? props.cache.clusterSize ?? API_DEFAULTS.cacheClusterSizeGb : undefined,
        variables: props.stageVariables,
      },
      defaultCorsPreflightOptions: props.cors && {
        allowOrigins: props.cors.allowOrigins,
        allowCredentials: props.cors.allowCredentials,
        allowHeaders: props.cors.allowHeaders ?? apigw.Cors.DEFAULT_HEADERS,
        allowMethods: props.cors.allowMethods ?? apigw.Cors.ALL_METHODS,
      },
    });
    this.configureStage(props);
    this.configureEdges(props, endpointType);

    this.serverErrorAlarm = serverErrorAlarm(this, 'ServerErrorAlarm', this.api, props.alarmTopic);
    this.latencyAlarm = latencyAlarm(this, 'LatencyAlarm', this.api, props.alarmTopic);
    if (props.clientErrorRateAlarmPercent !== undefined) {
      this.clientErrorRateAlarm = clientErrorRateAlarm(this, 'ClientErrorRateAlarm', this.api, props.clientErrorRateAlarmPercent, props.alarmTopic);
    }
    this.keyMetrics = apiKeyMetrics(this.api);

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
   * normalized (`items/` is `/items`); each method and path takes one route. Every failed rule of
   * `options` (and of `handlerProps`) is reported in one error.
   */
  public addRoute(httpMethod: string, path: string, options: RouteOptions): ApiRoute {
    const method = httpMethod.toUpperCase();
    const resourcePath = normalizeRoutePath(path);
    const where = `route ${method} ${resourcePath}`;
    const routeId = sanitize(method + resourcePath);
    const authorization = options.authorization ?? RouteAuthorization.cognito();
    const validator = new PropsValidator(this)
      .check(this.routes.has(where), where, 'is added twice: each method and path takes one route', path, 'API1');
    const settings = validateRoute(validator, where, options, authorization,
      { cacheEnabled: this.props.cache !== undefined, oauthScopes: this.oauthScopes });
    const idsClaimed = !this.routes.has(where) && this.claimConstructIds(validator, routeId, where, path, options);
    // The handler is built only when the route names exactly one and its construct ID is free: then its own props are checked too.
    const oneHandler = [options.handler, options.handlerProps, options.handlerFunction].filter((h) => h !== undefined).length === 1;
    const handler = oneHandler && idsClaimed ? validator.attempt(() => this.routeHandler(routeId, options)) : undefined;
    const seconds = secondsOf(handler?.timeout);
    validator.check(seconds !== undefined && seconds >= API_INTEGRATION_TIMEOUT_SECONDS, `${where} handler timeout`,
      `must be under the ${API_INTEGRATION_TIMEOUT_SECONDS} s API Gateway integration timeout, or the client gets a 504 while the function still runs; make long work asynchronous`,
      handler?.timeout, 'API6');
    validator.throwIfInvalid();

    const resource = this.api.root.resourceForPath(resourcePath);
    const pathParameters = [...resourcePath.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => `method.request.path.${match[1]}`);
    const apiMethod = resource.addMethod(method, new apigw.LambdaIntegration(handler!.target, {
      allowTestInvoke: false, // the only permission is the one scoped to this method's ARN (SEC2)
      cacheKeyParameters: settings.cached ? options.cacheKeyParameters ?? pathParameters : undefined,
    }), {
      ...this.authorizationOptions(authorization, settings),
      apiKeyRequired: options.apiKeyRequired,
      requestParameters: { ...Object.fromEntries(pathParameters.map((parameter) => [parameter, true])), ...options.requestParameters },
      requestValidator: this.requestValidator(),
      requestModels: options.requestModel ? {
        'application/json': this.api.addModel(`${routeId}Model`, { contentType: 'application/json', schema: options.requestModel }),
      } : undefined,
    });
    this.routes.add(where);
    this.acknowledgeAuthorization(apiMethod, authorization);
    if (options.throttlingRateLimit !== undefined || options.throttlingBurstLimit !== undefined || settings.cached) {
      this.methodSettings.push({
        httpMethod: method,
        resourcePath: methodSettingPath(resourcePath),
        loggingLevel: 'ERROR',
        metricsEnabled: true,
        throttlingRateLimit: options.throttlingRateLimit,
        throttlingBurstLimit: options.throttlingBurstLimit,
        cachingEnabled: settings.cached ? true : undefined,
        cacheTtlInSeconds: settings.cacheTtlSeconds,
        cacheDataEncrypted: settings.cached ? true : undefined,
      });
    }
    this.acknowledgePreflights();
    return { method: apiMethod, target: handler!.target, handler: handler!.guarded };
  }

  /** API3/API4/API7: stage-wide method settings first (routes add their own after them), and the canary (API10). */
  private configureStage(props: CognitoRestApiProps): void {
    this.methodSettings.push({
      httpMethod: '*',
      resourcePath: '/*',
      loggingLevel: 'ERROR',
      dataTraceEnabled: false,
      metricsEnabled: true,
      throttlingRateLimit: props.throttlingRateLimit ?? API_DEFAULTS.throttlingRateLimit,
      throttlingBurstLimit: props.throttlingBurstLimit ?? API_DEFAULTS.throttlingBurstLimit,
      cachingEnabled: props.cache ? false : undefined,
    });
    const cfnStage = this.api.deploymentStage.node.defaultChild as apigw.CfnStage;
    cfnStage.methodSettings = Lazy.any({ produce: () => this.methodSettings });
    if (props.canary) {
      const { percentTraffic, stageVariableOverrides, useStageCache } = props.canary;
      cfnStage.canarySetting = { percentTraffic, stageVariableOverrides, useStageCache: useStageCache ?? false };
    }
  }

  /**
   * Construct IDs keep only the letters and digits of method and path: `/a-b` and `/ab` would share
   * one. Claims the IDs of the route's handler and model; false when one is taken.
   */
  private claimConstructIds(validator: PropsValidator, routeId: string, where: string, path: string, options: RouteOptions): boolean {
    const wanted: Array<[string, string]> = [];
    if (options.handlerProps || options.handlerFunction) wanted.push([`${routeId}Handler`, 'handler']);
    if (options.requestModel) wanted.push([`${routeId}Model`, 'request model']);
    let claimed = true;
    for (const [id, what] of wanted) {
      const owner = this.routeConstructIds.get(id);
      validator.check(owner !== undefined, where,
        `its ${what} would be construct ${id}, which ${owner} already uses (construct IDs keep only the letters and digits of method and path): `
        + `change one of the paths${what === 'handler' ? ', or pass a `handler` you created with an ID of yours' : ''}`, path, 'API1');
      claimed &&= owner === undefined;
    }
    if (claimed) for (const [id] of wanted) this.routeConstructIds.set(id, where);
    return claimed;
  }

  /** The route's function: a guarded function given as `handler`, or created / brought through `handlerProps` / `handlerFunction`. */
  private routeHandler(routeId: string, options: RouteOptions): Pick<PatternFunction, 'target' | 'guarded' | 'timeout'> {
    if (options.handler) return { target: options.handler.alias, guarded: options.handler, timeout: options.handler.timeout };
    return guardedOrExistingFunction(this, `${routeId}Handler`, 'handler', options.handlerProps, options.handlerFunction, this.props.alarmTopic);
  }

  private authorizationOptions(authorization: RouteAuthorization, settings: RouteSettings): apigw.MethodOptions {
    switch (authorization.kind) {
      case RouteAuthorizationKind.COGNITO:
        return {
          authorizer: this.authorizer,
          authorizationType: apigw.AuthorizationType.COGNITO,
          authorizationScopes: authorization.scopes?.map((s) => `${this.resourceServerId}/${s}`),
        };
      case RouteAuthorizationKind.IAM:
        return { authorizationType: apigw.AuthorizationType.IAM };
      case RouteAuthorizationKind.PUBLIC:
        return { authorizationType: apigw.AuthorizationType.NONE };
      default:
        return {
          authorizer: this.lambdaAuthorizer(authorization, settings.authorizerCache!),
          authorizationType: apigw.AuthorizationType.CUSTOM,
        };
    }
  }

  /**
   * API2: one Lambda authorizer per function and configuration, cached for 0–3600 s. Routes that
   * share a function and its configuration share the authorizer; another cache TTL or other identity
   * sources get an authorizer of their own, so no route's setting is dropped.
   */
  private lambdaAuthorizer(authorization: RouteAuthorization, cache: NonNullable<RouteSettings['authorizerCache']>): apigw.IAuthorizer {
    const handler = authorization.handler!;
    const resultsCacheTtl = cache.ttl;
    const configuration = `${authorization.kind} ${Tokenization.stringifyNumber(cache.seconds)} ${(authorization.identitySources ?? []).join(',')}`;
    const byConfiguration = this.lambdaAuthorizers.get(handler) ?? new Map<string, apigw.IAuthorizer>();
    this.lambdaAuthorizers.set(handler, byConfiguration);
    let authorizer = byConfiguration.get(configuration);
    if (!authorizer) {
      this.lambdaAuthorizerCount += 1;
      const id = `LambdaAuthorizer${this.lambdaAuthorizerCount}`;
      authorizer = authorization.kind === RouteAuthorizationKind.LAMBDA_TOKEN
        ? new apigw.TokenAuthorizer(this, id, { handler, resultsCacheTtl })
        : new apigw.RequestAuthorizer(this, id, { handler, resultsCacheTtl, identitySources: authorization.identitySources! });
      byConfiguration.set(configuration, authorizer);
    }
    return authorizer;
  }

  /** API2: a public route says why; a route not authorized by the user pool says so to AwsSolutions-COG4. */
  private acknowledgeAuthorization(apiMethod: apigw.Method, authorization: RouteAuthorization): void {
    if (authorization.kind === RouteAuthorizationKind.PUBLIC) {
      for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) acknowledgeRule(apiMethod, rule, 'API2', `public route: ${authorization.reason}`);
    } else if (authorization.kind !== RouteAuthorizationKind.COGNITO) {
      acknowledgeRule(apiMethod, 'AwsSolutions-COG4', 'API2',
        `authorized by ${authorization.kind === RouteAuthorizationKind.IAM ? 'IAM (SigV4)' : 'a Lambda authorizer'} instead of the user pool, by explicit choice.`);
    }
  }

  /** API5: one validator for every route: parameters always, the body when the route has a model. */
  private requestValidator(): apigw.RequestValidator {
    this.validatorInstance ??= this.api.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
    return this.validatorInstance;
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
