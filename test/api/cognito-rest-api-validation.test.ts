import { App, CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { code, handlerProps, synthApi } from './support';
import { CognitoRestApi, CognitoRestApiProps, GuardedFunction, RouteAuthorization, RouteOptions, SecureUserPoolOptions } from '../../src';
import { expectValidationError, newStack } from '../support/stacks';

const at = 'TestStack/Orders';
const oauth = (options: SecureUserPoolOptions) => ({
  userPoolOptions: { domainPrefix: 'orders-example', callbackUrls: ['https://app.example.com/callback'], ...options },
});
const route = (options: Omit<RouteOptions, 'handlerProps'>) => (api: CognitoRestApi) => api.addRoute('GET', '/items', { handlerProps, ...options });
const webAcl = (region: string) => `arn:aws:wafv2:${region}:123456789012:regional/webacl/orders/473e64fd-f30b-4765-81a0-62ad96dd167a`;

describe('CognitoRestApi names and formats (literal values, the service\'s own rules)', () => {
  test('API10: stage names are 1–128 letters, digits, - and _', () => {
    expect(() => synthApi({ stageName: 'v1_beta-2' })).not.toThrow();
    expect(() => synthApi({ stageName: 'x'.repeat(128) })).not.toThrow();
    for (const stageName of ['prod stage', 'x'.repeat(129), '', 'prod.v1']) {
      expectValidationError(() => synthApi({ stageName }), { path: at, prop: 'stageName', rule: /1–128 characters of A-Z, a-z, 0-9, - and _/, value: JSON.stringify(stageName), practice: 'API10' });
    }
  });

  test('ID2: Cognito domain prefixes: lower-case letters, digits and hyphens, 1–63, no hyphen at either end, no reserved word', () => {
    expect(() => synthApi(oauth({ domainPrefix: 'orders-example-1' }))).not.toThrow();
    for (const domainPrefix of ['Orders', '-orders', 'orders-', 'my-aws-app', 'amazonshop', 'cognito1', 'x'.repeat(64), 'orders.example']) {
      expectValidationError(() => synthApi(oauth({ domainPrefix })),
        { path: at, prop: 'userPoolOptions.domainPrefix', rule: /1–63 lower-case letters, digits and hyphens.*reserved words aws, amazon, cognito/, value: JSON.stringify(domainPrefix), practice: 'ID2' });
    }
  });

  test('ID2: callback and logout URLs: absolute, HTTPS (http only for localhost and 127.0.0.1), no fragment; app schemes allowed', () => {
    const good = ['https://app.example.com/callback', 'http://localhost:3000/callback', 'http://127.0.0.1:8080/cb', 'myapp://callback'];
    const { template } = synthApi(oauth({ callbackUrls: good, logoutUrls: ['https://app.example.com', 'http://localhost'] }));
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: good });
    for (const url of ['http://app.example.com/callback', 'https://app.example.com/#/callback', '/callback', 'javascript:alert(1)', 'https://', `https://app.example.com/${'x'.repeat(1024)}`]) {
      expectValidationError(() => synthApi(oauth({ callbackUrls: [url] })), { path: at, prop: 'userPoolOptions.callbackUrls', rule: /absolute URL without a fragment/, value: JSON.stringify(url), practice: 'ID2' });
    }
    expectValidationError(() => synthApi(oauth({ logoutUrls: ['http://example.com/bye'] })),
      { path: at, prop: 'userPoolOptions.logoutUrls', rule: /https:\/\/…, http:\/\/localhost or http:\/\/127\.0\.0\.1/, value: '"http://example.com/bye"', practice: 'ID2' });
  });

  test('API2: resource server identifier and scope names by Cognito\'s character rules and lengths', () => {
    const { template } = synthApi({ ...oauth({}), resourceServerIdentifier: 'https://api.example.com', oauthScopes: ['orders.read', 'orders:write'] });
    // A URL identifier is fine; the resource server's name then keeps the characters Cognito allows in names.
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Identifier: 'https://api.example.com', Name: 'httpsapi.example.com' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AllowedOAuthScopes: Match.arrayWith(['https://api.example.com/orders.read', 'https://api.example.com/orders:write']) });
    expectValidationError(() => synthApi({ ...oauth({}), oauthScopes: ['orders read'] }), { path: at, prop: 'oauthScopes', rule: /without space, ", \/ or \\/, value: '"orders read"', practice: 'API2' });
    expectValidationError(() => synthApi({ ...oauth({}), oauthScopes: ['orders/read'] }), { path: at, prop: 'oauthScopes', rule: /Cognito scope name/, value: '"orders/read"', practice: 'API2' });
    expectValidationError(() => synthApi({ ...oauth({}), oauthScopes: ['a', 'a'] }), { path: at, prop: 'oauthScopes', rule: /twice/, value: '"a"', practice: 'API2' });
    expectValidationError(() => synthApi({ ...oauth({}), oauthScopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }), { path: at, prop: 'oauthScopes', rule: /at most 100 scopes/, value: '101', practice: 'API2' });
    expectValidationError(() => synthApi({ ...oauth({}), oauthScopes: ['x'.repeat(253)] }),
      { path: at, prop: 'oauthScopes', rule: /at most 256 characters with the resource server identifier/, value: `"api/${'x'.repeat(253)}"`, practice: 'API2' });
    expectValidationError(() => synthApi({ resourceServerIdentifier: 'my api' }), { path: at, prop: 'resourceServerIdentifier', rule: /Cognito resource server identifier/, value: '"my api"', practice: 'API2' });
    expectValidationError(() => synthApi({ resourceServerIdentifier: '' }), { path: at, prop: 'resourceServerIdentifier', rule: /1–256/, value: '""', practice: 'API2' });
  });

  test('API3: webAclArn is a regional WAFv2 web ACL in the API\'s region', () => {
    synthApi({ webAclArn: webAcl('eu-west-1') }).template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: webAcl('eu-west-1') });
    for (const webAclArn of ['orders-acl', 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/orders/abc', 'arn:aws:waf-regional:eu-west-1:123456789012:webacl/abc']) {
      expectValidationError(() => synthApi({ webAclArn }), { path: at, prop: 'webAclArn', rule: /regional WAFv2 web ACL: arn:<partition>:wafv2:<region>/, value: JSON.stringify(webAclArn), practice: 'API3' });
    }
    expectValidationError(() => synthApi({ webAclArn: webAcl('us-east-1') }), { path: at, prop: 'webAclArn', rule: /in the API's region \(eu-west-1\): a regional web ACL/, value: '"us-east-1"', practice: 'API3' });
    expect(() => synthApi({ webAclArn: Fn.importValue('WebAclArn') })).not.toThrow();
  });

  test('API3: usage plan quotas are whole numbers ≥ 1 (NaN and 0 used to drop the quota silently)', () => {
    const plan = (quotaLimit: number) => ({ usagePlans: [{ name: 'gold', quotaLimit }] });
    synthApi(plan(1)).template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Quota: { Limit: 1, Period: 'MONTH' } });
    for (const [quota, shown] of [[NaN, 'NaN'], [0, '0'], [-1, '-1'], [Infinity, 'Infinity'], [1.5, '1.5']] as const) {
      expectValidationError(() => synthApi(plan(quota)), { path: at, prop: 'usagePlans[gold].quotaLimit', rule: /whole number from 1 to 2147483647 requests per period/, value: shown, practice: 'API3' });
    }
  });

  test('API4: the access log retention is finite, like every log group of the library', () => {
    synthApi({ accessLogRetention: logs.RetentionDays.ONE_YEAR }).template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    expectValidationError(() => synthApi({ accessLogRetention: logs.RetentionDays.INFINITE }), { path: at, prop: 'accessLogRetention', rule: /finite/, value: '"INFINITE"', practice: 'API4' });
    expectValidationError(() => synthApi({ accessLogRetention: 2 as logs.RetentionDays }), { path: at, prop: 'accessLogRetention', rule: /RetentionDays/, value: '2', practice: 'API4' });
  });

  test('API7: the cache size is one API Gateway offers', () => {
    expect(() => synthApi({ cache: { clusterSize: '6.1' } })).not.toThrow();
    expectValidationError(() => synthApi({ cache: { clusterSize: '2' } }), { path: at, prop: 'cache.clusterSize', rule: /0\.5, 1\.6, 6\.1, 13\.5, 28\.4, 58\.2, 118, 237 GB/, value: '"2"', practice: 'API7' });
  });
});

describe('CognitoRestApi API9: the certificate\'s region', () => {
  const certArn = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;
  function build(endpointType: apigw.EndpointType, certificate: (stack: Stack) => acm.ICertificate, stack = newStack().stack) {
    const extra: Partial<CognitoRestApiProps> = endpointType === apigw.EndpointType.PRIVATE ? { vpcEndpoints: [fakeEndpoint(stack)] } : {};
    const api = new CognitoRestApi(stack, 'Orders', { endpointType, ...extra, domain: { domainName: 'api.example.com', certificate: certificate(stack) } });
    api.addRoute('GET', '/items', { handlerProps });
    return api;
  }
  const imported = (arn: string) => (s: Stack) => acm.Certificate.fromCertificateArn(s, 'Cert', arn);

  test('a REGIONAL or PRIVATE API needs a certificate of its own region', () => {
    expect(() => build(apigw.EndpointType.REGIONAL, imported(certArn('eu-west-1')))).not.toThrow();
    expectValidationError(() => build(apigw.EndpointType.REGIONAL, imported(certArn('us-east-1'))),
      { path: at, prop: 'domain.certificate', rule: /in the API's region \(eu-west-1\) for a REGIONAL API/, value: '"us-east-1"', practice: 'API9' });
    expectValidationError(() => build(apigw.EndpointType.PRIVATE, imported(certArn('us-east-1'))),
      { path: at, prop: 'domain.certificate', rule: /in the API's region \(eu-west-1\) for a PRIVATE API/, value: '"us-east-1"', practice: 'API9' });
  });

  test('unknown regions skip the check: an imported token ARN, an environment-agnostic stack; a certificate the stack creates is in its region', () => {
    expect(() => build(apigw.EndpointType.REGIONAL, imported(Fn.importValue('CertArn')))).not.toThrow();
    expect(() => build(apigw.EndpointType.EDGE, imported(Fn.importValue('CertArn')))).not.toThrow();
    expect(() => build(apigw.EndpointType.REGIONAL, imported(certArn('us-east-1')), new Stack(new App(), 'TestStack'))).not.toThrow();
    const created = (s: Stack) => new acm.Certificate(s, 'Cert', { domainName: 'api.example.com' });
    expect(() => build(apigw.EndpointType.REGIONAL, created)).not.toThrow();
    expectValidationError(() => build(apigw.EndpointType.EDGE, created), { path: at, prop: 'domain.certificate', rule: /us-east-1 for an EDGE API/, value: '"eu-west-1"', practice: 'API9' });
  });

  test('a certificate ARN that is no ACM ARN gets our error, not a raw ARN parsing error', () => {
    expectValidationError(() => build(apigw.EndpointType.REGIONAL, imported('my-certificate')),
      { path: at, prop: 'domain.certificate', rule: /ACM certificate ARN/, value: '"my-certificate"', practice: 'API9' });
  });
});

describe('CognitoRestApi numbers: NaN and Infinity get our error naming the prop', () => {
  const cases: Array<[string, () => unknown, string, string]> = [
    ['throttlingRateLimit', () => synthApi({ throttlingRateLimit: NaN }), 'API3', 'NaN'],
    ['throttlingBurstLimit', () => synthApi({ throttlingBurstLimit: Infinity }), 'API3', 'Infinity'],
    ['canary.percentTraffic', () => synthApi({ canary: { percentTraffic: NaN } }), 'API10', 'NaN'],
    ['clientErrorRateAlarmPercent', () => synthApi({ clientErrorRateAlarmPercent: NaN }), 'OBS1', 'NaN'],
    ['clientErrorRateAlarmPercent', () => synthApi({ clientErrorRateAlarmPercent: Infinity }), 'OBS1', 'Infinity'],
    ['usagePlans[gold].rateLimit', () => synthApi({ usagePlans: [{ name: 'gold', rateLimit: NaN }] }), 'API3', 'NaN'],
    ['usagePlans[gold].burstLimit', () => synthApi({ usagePlans: [{ name: 'gold', burstLimit: Infinity }] }), 'API3', 'Infinity'],
    ['usagePlans[gold].quotaLimit', () => synthApi({ usagePlans: [{ name: 'gold', quotaLimit: NaN }] }), 'API3', 'NaN'],
    ['route GET /items throttlingRateLimit', () => synthApi({}, route({ throttlingRateLimit: NaN })), 'API3', 'NaN'],
    ['route GET /items throttlingBurstLimit', () => synthApi({}, route({ throttlingBurstLimit: -Infinity })), 'API3', '-Infinity'],
    ['route GET /items cacheTtl', () => synthApi({ cache: {} }, route({ cacheTtl: Duration.seconds(NaN) })), 'API7', 'NaN'],
    ['route GET /items cacheTtl', () => synthApi({ cache: {} }, route({ cacheTtl: Duration.seconds(Infinity) })), 'API7', 'Infinity'],
  ];
  test.each(cases)('%s', (prop, build, practice, value) => {
    expectValidationError(build, { path: at, prop, rule: /must be (a|a whole) number from/, value, practice });
  });

  test('API2: a Lambda authorizer caches 0–3600 s (NaN and 3601 s get our error, not aws-cdk-lib\'s or a template with null)', () => {
    const withTtl = (ttl: Duration) => (api: CognitoRestApi, stack: Stack) => api.addRoute('GET', '/items', {
      handlerProps, authorization: RouteAuthorization.lambdaToken(new GuardedFunction(stack, 'Auth', handlerProps).alias, ttl),
    });
    synthApi({}, withTtl(Duration.hours(1))).template.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 3600 });
    for (const [ttl, shown] of [[Duration.seconds(3601), '3601'], [Duration.seconds(NaN), 'NaN'], [Duration.millis(1500), '1.5']] as const) {
      expectValidationError(() => synthApi({}, withTtl(ttl)),
        { path: at, prop: 'route GET /items authorization resultsCacheTtl', rule: /whole number from 0 to 3600 s/, value: shown, practice: 'API2' });
    }
  });

  test('API2: a cached Lambda REQUEST authorizer needs an identity source (our error, not aws-cdk-lib\'s)', () => {
    const withSources = (sources: string[], ttl?: Duration) => (api: CognitoRestApi, stack: Stack) => api.addRoute('GET', '/items', {
      handlerProps, authorization: RouteAuthorization.lambdaRequest(new GuardedFunction(stack, 'Auth', handlerProps).alias, sources, ttl),
    });
    expect(() => synthApi({}, withSources([], Duration.seconds(0)))).not.toThrow();
    expectValidationError(() => synthApi({}, withSources([])),
      { path: at, prop: 'route GET /items authorization identitySources', rule: /at least one identity source while results are cached/, value: '0', practice: 'API2' });
  });
});

describe('CognitoRestApi tokens skip every check and reach the template', () => {
  test('numbers, durations and names only known at deploy time', () => {
    const { stack } = newStack();
    const number = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    const text = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
    const api = new CognitoRestApi(stack, 'Orders', {
      throttlingRateLimit: number('Rate'),
      throttlingBurstLimit: number('Burst'),
      canary: { percentTraffic: number('Canary') },
      clientErrorRateAlarmPercent: number('ClientErrors'),
      usagePlans: [{ name: 'gold', rateLimit: number('PlanRate'), quotaLimit: number('Quota') }],
      webAclArn: text('WebAcl'),
      cache: { clusterSize: text('CacheSize') },
      userPoolOptions: { domainPrefix: text('Prefix'), callbackUrls: [text('Callback')] },
    });
    api.addRoute('GET', '/items', { handlerProps, cacheTtl: Duration.seconds(number('CacheTtl')), throttlingRateLimit: number('RouteRate') });
    api.addRoute('GET', '/partner', {
      handlerProps, authorization: RouteAuthorization.lambdaToken(new GuardedFunction(stack, 'Auth', { code, handler: 'index.handler' }).alias, Duration.seconds(number('AuthTtl'))),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      CanarySetting: Match.objectLike({ PercentTraffic: { Ref: 'Canary' } }),
      MethodSettings: Match.arrayWith([
        Match.objectLike({ ResourcePath: '/*', ThrottlingRateLimit: { Ref: 'Rate' }, ThrottlingBurstLimit: { Ref: 'Burst' } }),
        // A token TTL used to be dropped (the stage then caches 300 s).
        Match.objectLike({ ResourcePath: '/~1items', CacheTtlInSeconds: { Ref: 'CacheTtl' }, ThrottlingRateLimit: { Ref: 'RouteRate' } }),
      ]),
    });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: { Ref: 'PlanRate' } }, Quota: { Limit: { Ref: 'Quota' }, Period: 'MONTH' } });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', AuthorizerResultTtlInSeconds: { Ref: 'AuthTtl' } });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: { Ref: 'Prefix' } });
    // The description keeps the token (a number token printed in a string used to read -1.8881545897087626e+289).
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: { Ref: 'ClientErrors' },
      AlarmDescription: { 'Fn::Join': ['', ['TestStack/Orders: more than ', { Ref: 'ClientErrors' }, ' % of requests got a 4XX response (OBS1).']] },
    });
  });

  test('API10: a stage name only known at deploy time gets our error (aws-cdk-lib names a construct after it)', () => {
    expectValidationError(() => synthApi({ stageName: Fn.importValue('Stage') }), { path: at, prop: 'stageName', rule: /must be known at synth/, value: '"${Token[TOKEN.…', practice: 'API10' });
  });

  test('a token duration in another unit than seconds gets our error, not aws-cdk-lib\'s conversion error', () => {
    expectValidationError(() => synthApi({ cache: {} }, (api, stack) => api.addRoute('GET', '/items', {
      handlerProps, cacheTtl: Duration.minutes(new CfnParameter(stack, 'Ttl', { type: 'Number' }).valueAsNumber),
    })), { path: at, prop: 'route GET /items cacheTtl', rule: /must be given as Duration.seconds\(\)/, value: '<token> minutes', practice: 'API7' });
  });
});

function fakeEndpoint(stack: Stack): ec2.IInterfaceVpcEndpoint {
  return ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'ExecuteApi', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 });
}
