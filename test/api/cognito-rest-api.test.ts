import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { code, handlerProps, synthApi } from './support';
import { CognitoRestApi, GuardedFunction, RouteAuthorization } from '../../src';
import { alarmPathsOf, keyMetricsOf } from '../support/monitoring';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack, plainFunction, validationErrorOf } from '../support/stacks';

describe('CognitoRestApi defaults', () => {
  test('ID1: user pool with strong passwords, required TOTP MFA, email recovery, PLUS threat protection, retained', () => {
    const { template } = synthApi();
    template.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('ID2: app client without secret, SRP, no user-existence errors, short tokens, no OAuth without a domain', () => {
    synthApi().template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 1440,
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  test('API1–API5: regional, Cognito authorizer on the route, access logs, ERROR logging, tracing, metrics, throttling, parameter validation', () => {
    const { template } = synthApi();
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: Match.stringLikeRegexp('^OrdersAuthorizer') },
      RequestParameters: { 'method.request.path.id': true },
      RequestValidatorId: { Ref: Match.stringLikeRegexp('RequestValidator') },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }],
    });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain' });
  });

  test('FN10/SEC2: the handler is invoked through its alias; its one permission is scoped to the method ARN', () => {
    const { template } = synthApi();
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));
    expect(permissions).toHaveLength(1);
    expect(JSON.stringify(permissions[0].Properties.FunctionName)).toMatch(/Alias/);
    expect(JSON.stringify(permissions[0].Properties.SourceArn)).toMatch(/OrdersApiDeploymentStageprod\w+"},"\/GET\/items\/\*"/);
    template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 10 });
  });

  test('OBS1: 5XX and p99 latency alarms, plus the handler\'s own alarms; stack outputs for clients', () => {
    const { template, api } = synthApi();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Statistic: 'Sum', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 26_100 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
    expect(api.clientErrorRateAlarm).toBeUndefined();
    const outputs = Object.keys(template.toJSON().Outputs);
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'Region']) expect(outputs.some((o) => o.includes(name))).toBe(true);
  });

  test('IMonitored: the API\'s alarms and those of the route handlers it created; requests, 4XX, 5XX and latency as key metrics', () => {
    const { api, stack } = synthApi({ clientErrorRateAlarmPercent: 5 }, (a, s) => {
      a.addRoute('GET', '/items/{id}', { handlerProps });
      a.addRoute('GET', '/mine', { handler: new GuardedFunction(s, 'Mine', { code, handler: 'index.handler' }) });
    });
    expect(alarmPathsOf(api)).toEqual([
      'TestStack/Orders/ServerErrorAlarm', 'TestStack/Orders/LatencyAlarm', 'TestStack/Orders/ClientErrorRateAlarm',
      'TestStack/Orders/GETitemsidHandler/ErrorsAlarm', 'TestStack/Orders/GETitemsidHandler/ThrottlesAlarm', 'TestStack/Orders/GETitemsidHandler/DurationAlarm',
    ]);
    expect(api.alarms.slice(0, 3)).toEqual([api.serverErrorAlarm, api.latencyAlarm, api.clientErrorRateAlarm]);
    const api5 = (label: string, metricName: string, statistic = 'Sum') => ({ label, namespace: 'AWS/ApiGateway', metricName, statistic, period: 300 });
    expect(keyMetricsOf(api)).toEqual([
      api5('Requests', 'Count'), api5('4XX responses', '4XXError'), api5('5XX responses', '5XXError'), api5('Latency (p99, ms)', 'Latency', 'p99'),
    ]);
    expect(stack.resolve(api.keyMetrics[0].metric.toMetricConfig().metricStat!.dimensions)).toEqual([{ name: 'ApiName', value: 'Api' }]);
  });

  test('nag: zero unacknowledged findings; every acknowledgement cites a practice', () => {
    const { app, api } = synthApi();
    expectNoUnacknowledgedFindings(app);
    for (const a of acknowledgementsUnder(api)) expect(a.reason).toMatch(/^(FN|ES|DB|API|ID|WF|MSG|EV|SEC|OBS|DEP)\d+: \S/);
  });
});

describe('CognitoRestApi routes', () => {
  test('a body model validates the body; a public route says why; IAM and Lambda authorizers are acknowledged for COG4', () => {
    const { template, api } = synthApi({}, (a, s) => {
      a.addRoute('POST', '/items', { handlerProps, requestModel: { type: apigw.JsonSchemaType.OBJECT, required: ['name'], properties: { name: { type: apigw.JsonSchemaType.STRING } } } });
      a.addRoute('GET', '/health', { handlerProps, authorization: RouteAuthorization.public('load balancer health checks') });
      a.addRoute('GET', '/admin', { handlerProps, authorization: RouteAuthorization.iam() });
      const authorizer = new GuardedFunction(s, 'PartnerAuth', { code, handler: 'index.handler' });
      a.addRoute('GET', '/partner', { handlerProps, authorization: RouteAuthorization.lambdaToken(authorizer.alias) });
      a.addRoute('GET', '/partner/orders', { handlerProps, authorization: RouteAuthorization.lambdaToken(authorizer.alias, Duration.minutes(1)) });
      a.addRoute('GET', '/partner/invoices', { handlerProps, authorization: RouteAuthorization.lambdaToken(authorizer.alias, Duration.seconds(60)) });
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: Match.objectLike({ required: ['name'] }) });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'AWS_IAM' });
    // Cognito + one Lambda authorizer per cache TTL: routes with the same function and TTL share one; no route's TTL is dropped.
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 3);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', AuthorizerResultTtlInSeconds: 300 });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', AuthorizerResultTtlInSeconds: 60 });
    const reasons = acknowledgementsUnder(api).filter((a) => a.id === 'AwsSolutions-APIG4').map((a) => a.reason);
    expect(reasons).toEqual(['API2: public route: load balancer health checks']);
    expect(acknowledgementsUnder(api).filter((a) => a.id === 'AwsSolutions-COG4')).toHaveLength(5);
  });

  test('an existing guarded function or IFunction can back a route', () => {
    const { template } = synthApi({}, (a, s) => {
      a.addRoute('GET', '/a', { handler: new GuardedFunction(s, 'A', { code, handler: 'index.handler' }) });
      a.addRoute('GET', '/b', { handlerFunction: plainFunction(s, 'B', { timeout: Duration.seconds(5) }) });
    });
    template.resourceCountIs('AWS::Lambda::Function', 2);
  });
});

describe('CognitoRestApi maximal configuration', () => {
  function maximal() {
    const { app, stack } = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    // The user's network, not ours: acknowledged as a user would.
    Validations.of(vpc).acknowledge({ id: 'AwsSolutions-VPC7', reason: 'test VPC without traffic' }, { id: 'AwsSolutions-EC23', reason: 'endpoint open to the VPC CIDR' });
    const api = new CognitoRestApi(stack, 'Orders', {
      userPoolOptions: {
        mfa: cognito.Mfa.OPTIONAL,
        featurePlan: cognito.FeaturePlan.ESSENTIALS,
        featurePlanReason: 'internal tool with 20 users; SSO in front',
        selfSignUpEnabled: true,
        domainPrefix: 'orders-example',
        callbackUrls: ['https://app.example.com/callback'],
        logoutUrls: ['https://app.example.com'],
        userPoolName: 'orders',
      },
      oauthScopes: ['orders.read', 'orders.write'],
      endpointType: apigw.EndpointType.PRIVATE,
      vpcEndpoints: [endpoint],
      stageName: 'live',
      throttlingRateLimit: 50,
      throttlingBurstLimit: 100,
      usagePlans: [{ name: 'gold', rateLimit: 20, burstLimit: 40, quotaLimit: 100_000 }],
      cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true },
      cache: { clusterSize: '1.6' },
      stageVariables: { lambdaAlias: 'live' },
      canary: { percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'next' } },
      webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/abc',
      alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
      clientErrorRateAlarmPercent: 5,
    });
    api.addRoute('GET', '/items/{id}', { handlerProps, authorization: RouteAuthorization.cognito(['orders.read']), cacheTtl: Duration.seconds(120), throttlingRateLimit: 10, throttlingBurstLimit: 20, apiKeyRequired: true });
    api.addRoute('POST', '/items', { handlerProps, authorization: RouteAuthorization.cognito(['orders.write']), requestModel: { type: apigw.JsonSchemaType.OBJECT } });
    api.addRoute('GET', '/health', { handlerProps, authorization: RouteAuthorization.public('health checks from inside the VPC') });
    return { app, stack, api, template: Template.fromStack(stack) };
  }

  test('every option reaches the template', () => {
    const { template, api } = maximal();
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'OPTIONAL', UserPoolTier: 'ESSENTIALS', UserPoolName: 'orders', AdminCreateUserConfig: { AllowAdminCreateUserOnly: false } });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'orders-example' });
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'api', Scopes: [Match.objectLike({ ScopeName: 'orders.read' }), Match.objectLike({ ScopeName: 'orders.write' })] });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthFlows: ['code'], AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'api/orders.read']), CallbackURLs: ['https://app.example.com/callback'] });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [Match.anyValue()] }, Policy: Match.objectLike({ Statement: [Match.objectLike({ Condition: { StringEquals: { 'aws:SourceVpce': [Match.anyValue()] } } })] }) });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationScopes: ['api/orders.read'], ApiKeyRequired: true });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'live',
      CacheClusterEnabled: true,
      CacheClusterSize: '1.6',
      Variables: { lambdaAlias: 'live' },
      CanarySetting: { PercentTraffic: 10, StageVariableOverrides: { lambdaAlias: 'next' }, UseStageCache: false },
      MethodSettings: [
        Match.objectLike({ ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, CachingEnabled: false }),
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1items~1{id}', CachingEnabled: true, CacheTtlInSeconds: 120, CacheDataEncrypted: true, ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 }),
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { UsagePlanName: 'gold', Throttle: { RateLimit: 20, BurstLimit: 40 }, Quota: { Limit: 100_000, Period: 'MONTH' } });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/abc' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', Integration: Match.objectLike({ IntegrationResponses: [Match.objectLike({ ResponseParameters: Match.objectLike({ 'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'", 'method.response.header.Access-Control-Allow-Credentials': "'true'" }) })] }) });
    expect(api.clientErrorRateAlarm!.node.path).toBe('TestStack/Orders/ClientErrorRateAlarm');
    expect(Object.keys(api.apiKeys)).toEqual(['gold']);
  });

  test('the cheaper plan and optional MFA are acknowledged with their reasons', () => {
    const { api } = maximal();
    const acks = acknowledgementsUnder(api);
    expect(acks.find((a) => a.id === 'AwsSolutions-COG8')?.reason).toBe('ID1: internal tool with 20 users; SSO in front');
    expect(acks.find((a) => a.id === 'AwsSolutions-COG2')?.reason).toMatch(/^ID1: MFA is optional by explicit choice/);
    expect(acks.find((a) => a.id === 'AwsSolutions-APIG3')).toBeUndefined();
  });

  test('nag: zero unacknowledged findings', () => {
    expectNoUnacknowledgedFindings(maximal().app);
  });
});

describe('CognitoRestApi validation', () => {
  const at = 'TestStack/Orders';

  test('API6: a handler timeout of 28 s passes, 29 s throws and explains the integration limit', () => {
    expect(() => synthApi({}, (api) => api.addRoute('GET', '/slow', { handlerProps: { ...handlerProps, timeout: Duration.seconds(28) } }))).not.toThrow();
    expectValidationError(() => synthApi({}, (api) => api.addRoute('GET', '/slow', { handlerProps: { ...handlerProps, timeout: Duration.seconds(29) } })),
      { path: at, prop: 'route GET /slow handler timeout', rule: /under the 29 s API Gateway integration timeout/, value: '29 s', practice: 'API6' });
    expectValidationError(() => synthApi({}, (api, stack) => api.addRoute('GET', '/slow', {
      handlerFunction: plainFunction(stack, 'Slow', { timeout: Duration.seconds(30) }),
    })), { path: at, prop: 'route GET /slow handler timeout', rule: /29 s/, value: '30 s', practice: 'API6' });
  });

  test('API8: * with credentials is rejected; * without credentials and listed origins with credentials pass', () => {
    expect(() => synthApi({ cors: { allowOrigins: ['*'] } })).not.toThrow();
    expect(() => synthApi({ cors: { allowOrigins: ['https://a.example.com'], allowCredentials: true } })).not.toThrow();
    expectValidationError(() => synthApi({ cors: { allowOrigins: ['*'], allowCredentials: true } }), { path: at, prop: 'cors.allowOrigins', rule: /explicit origins when credentials/, value: '"*"', practice: 'API8' });
  });

  test('API7: a cached route without a TTL gets 300 s, encrypted, keyed by its path parameters', () => {
    const { template } = synthApi({ cache: {} }, (api) => api.addRoute('GET', '/items/{id}', { handlerProps, cached: true }));
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ ResourcePath: '/~1items~1{id}', CachingEnabled: true, CacheTtlInSeconds: 300, CacheDataEncrypted: true })]),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', Integration: Match.objectLike({ CacheKeyParameters: ['method.request.path.id'] }) });
  });

  test('API7: cache TTL 0–3600 s and only with the API cache', () => {
    const route = (ttl: Duration) => (api: CognitoRestApi) => api.addRoute('GET', '/c', { handlerProps, cacheTtl: ttl });
    expect(() => synthApi({ cache: {} }, route(Duration.seconds(3600)))).not.toThrow();
    expectValidationError(() => synthApi({ cache: {} }, route(Duration.seconds(3601))), { path: at, prop: 'route GET /c cacheTtl', rule: /from 0 to 3600 s/, value: '3601', practice: 'API7' });
    expectValidationError(() => synthApi({}, route(Duration.seconds(60))), { path: at, prop: 'route GET /c cacheTtl', rule: /needs the API's `cache`/, value: '60 s', practice: 'API7' });
  });

  test('API1: PRIVATE needs VPC endpoints; API9: EDGE needs a us-east-1 certificate', () => {
    expectValidationError(() => synthApi({ endpointType: apigw.EndpointType.PRIVATE }), { path: at, prop: 'vpcEndpoints', rule: /at least one/, value: '0', practice: 'API1' });
    const certificate = (region: string) => (s: Stack) => acm.Certificate.fromCertificateArn(s, `Cert${region}`, `arn:aws:acm:${region}:123456789012:certificate/abc`);
    const build = (region: string) => {
      const { stack } = newStack();
      return new CognitoRestApi(stack, 'Orders', { endpointType: apigw.EndpointType.EDGE, domain: { domainName: 'api.example.com', certificate: certificate(region)(stack) } });
    };
    expect(() => build('us-east-1')).not.toThrow();
    expectValidationError(() => build('eu-west-1'), { path: at, prop: 'domain.certificate', rule: /us-east-1 for an EDGE API/, value: '"eu-west-1"', practice: 'API9' });
  });

  test('API3: throttling ranges; API10: canary 0–100 %', () => {
    expectValidationError(() => synthApi({ throttlingBurstLimit: 5001 }), { path: at, prop: 'throttlingBurstLimit', rule: /from 0 to 5000 requests/, value: '5001', practice: 'API3' });
    expectValidationError(() => synthApi({ throttlingRateLimit: -1 }), { path: at, prop: 'throttlingRateLimit', rule: /from 0 to 10000/, value: '-1', practice: 'API3' });
    expect(() => synthApi({ canary: { percentTraffic: 100 } })).not.toThrow();
    expectValidationError(() => synthApi({ canary: { percentTraffic: 101 } }), { path: at, prop: 'canary.percentTraffic', rule: /from 0 to 100 %/, value: '101', practice: 'API10' });
  });

  test('API2/ID1/ID2: scopes must be declared, public needs a reason, MFA never off, a cheaper plan needs a reason, OAuth needs callback URLs', () => {
    expectValidationError(() => synthApi({}, (api) => api.addRoute('GET', '/x', { handlerProps, authorization: RouteAuthorization.cognito(['orders.read']) })),
      { path: at, prop: 'route GET /x authorization scopes', rule: /among oauthScopes \(none\)/, value: '"orders.read"', practice: 'API2' });
    expectValidationError(() => synthApi({}, (api) => api.addRoute('GET', '/x', { handlerProps, authorization: RouteAuthorization.public(' ') })),
      { path: at, prop: 'route GET /x authorization', rule: /non-empty reason/, value: '" "', practice: 'API2' });
    expectValidationError(() => synthApi({ userPoolOptions: { mfa: cognito.Mfa.OFF } }), { path: at, prop: 'userPoolOptions.mfa', rule: /REQUIRED or/, value: '"OFF"', practice: 'ID1' });
    // An app client without its user pool would be ignored: our error.
    expectValidationError(() => {
      const { stack } = newStack();
      const other = new cognito.UserPool(stack, 'Other');
      new CognitoRestApi(stack, 'Orders', { userPoolClient: other.addClient('Client') });
    }, { path: at, prop: 'userPoolClient', rule: /applies with `userPool` only/, value: '"TestStack/Other/Client"', practice: 'ID1' });
    expectValidationError(() => synthApi({ userPoolOptions: { featurePlan: cognito.FeaturePlan.ESSENTIALS } }), { path: at, prop: 'userPoolOptions.featurePlanReason', rule: /required with a feature plan other than PLUS/, value: 'undefined', practice: 'ID1' });
    expectValidationError(() => synthApi({ userPoolOptions: { domainPrefix: 'x' } }), { path: at, prop: 'userPoolOptions.callbackUrls', rule: /at least one URL/, value: '0', practice: 'ID2' });
    expectValidationError(() => synthApi({ oauthScopes: ['a'] }), { path: at, prop: 'oauthScopes', rule: /need userPoolOptions.domainPrefix/, value: '"a"', practice: 'ID2' });
  });

  test('every failed rule of the props in one error, one line each', () => {
    expectOneErrorFor(() => synthApi({ throttlingRateLimit: -1, stageName: 'v 1', userPoolOptions: { mfa: cognito.Mfa.OFF } }), at, [
      { prop: 'throttlingRateLimit', practice: 'API3' }, { prop: 'stageName', practice: 'API10' }, { prop: 'userPoolOptions.mfa', practice: 'ID1' },
    ]);
  });

  test('every failed rule of a route\'s options in one error, one line each (the handler\'s props included)', () => {
    expectOneErrorFor(() => synthApi({}, (api) => api.addRoute('GET', '/x', { handlerProps, throttlingBurstLimit: 5_001, cached: true })), at, [
      { prop: 'route GET /x cacheTtl', practice: 'API7' }, { prop: 'route GET /x throttlingBurstLimit', practice: 'API3' },
    ]);
    const error = validationErrorOf(() => synthApi({}, (api) => api.addRoute('GET', '/x', {
      handlerProps: { ...handlerProps, memorySize: 64 }, authorization: RouteAuthorization.public(''),
    })));
    expect(error.problems.map((p) => `${p.constructPath} ${p.prop}`)).toEqual([`${at} route GET /x authorization`, `${at}/GETxHandler memorySize`]);
  });

  test('exactly one handler per route', () => {
    expectValidationError(() => synthApi({}, (api) => api.addRoute('GET', '/x', {})), { path: at, prop: 'route GET /x handler/handlerProps/handlerFunction', rule: /exactly one/, value: '"none"', practice: 'FN10' });
  });
});
