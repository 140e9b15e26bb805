import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { code, handlerProps, synthApi } from './support';
import { CognitoRestApi, GuardedFunction, RouteAuthorization } from '../../src';
import { expectValidationError, newStack } from '../support/stacks';

const at = 'TestStack/Orders';
const publicRoute = { handlerProps, authorization: RouteAuthorization.public('health checks') };

describe('CognitoRestApi without Cognito routes (the authorizer is created with the first Cognito route)', () => {
  test('only IAM and public routes: synthesizes, with no Cognito authorizer', () => {
    const { template } = synthApi({}, (api) => {
      api.addRoute('GET', '/health', publicRoute);
      api.addRoute('POST', '/admin', { handlerProps, authorization: RouteAuthorization.iam() });
    });
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
  });

  test('logical IDs stay as they were for an API with a Cognito route: user pool, API, stage, authorizer, outputs', () => {
    const { template } = synthApi();
    const ids = (type: string) => Object.keys(template.findResources(type));
    expect(ids('AWS::Cognito::UserPool')).toEqual(['OrdersUserPool7B455C71']);
    expect(ids('AWS::ApiGateway::RestApi')).toEqual(['OrdersApiA821092D']);
    expect(ids('AWS::ApiGateway::Stage')).toEqual(['OrdersApiDeploymentStageprodB136E3CB']);
    expect(ids('AWS::ApiGateway::Authorizer')).toEqual(['OrdersAuthorizer06953FD6']);
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(
      ['OrdersApiEndpoint80426F33', 'OrdersApiUrl3E48E3C9', 'OrdersRegion92253AB9', 'OrdersUserPoolClientId382F9054', 'OrdersUserPoolId360DB4B9']);
  });

  test('`authorizer` stays available: reading it creates the authorizer, which then authorizes a method of the user', () => {
    const { template, api } = synthApi({}, (a) => {
      a.addRoute('GET', '/health', publicRoute);
      a.api.root.addResource('custom').addMethod('GET', new apigw.MockIntegration(), { authorizer: a.authorizer, authorizationType: apigw.AuthorizationType.COGNITO });
    });
    expect(api.authorizer).toBeInstanceOf(apigw.CognitoUserPoolsAuthorizer);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: 'OrdersAuthorizer06953FD6' } });
  });

  test('API1: no route at all: our validation error names the construct and says to add a route', () => {
    for (const props of [{}, { cors: { allowOrigins: ['https://app.example.com'] } }]) {
      const { app, stack } = newStack();
      new CognitoRestApi(stack, 'Orders', props);
      expect(() => app.synth()).toThrow('TestStack/Orders: invalid routes = 0: add at least one route with addRoute(): API Gateway cannot deploy a REST API without methods (practice API1).');
    }
  });

  test('a method the user adds to `api` directly counts as a route', () => {
    expect(() => synthApi({}, (api) => api.api.root.addMethod('GET', new apigw.MockIntegration(), { authorizationType: apigw.AuthorizationType.IAM }))).not.toThrow();
  });
});

describe('CognitoRestApi route paths and construct IDs', () => {
  test('paths are normalized: method settings address /items as /~1items, the root as /', () => {
    const { template } = synthApi({ cache: {} }, (api) => {
      api.addRoute('POST', 'items', { handlerProps, throttlingRateLimit: 5 });
      api.addRoute('GET', 'items/{id}/', { handlerProps, cached: true });
      api.addRoute('GET', '/', { handlerProps, throttlingBurstLimit: 7 });
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1items', ThrottlingRateLimit: 5 }),
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1items~1{id}', CachingEnabled: true }),
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/', ThrottlingBurstLimit: 7 }),
      ]),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', RequestParameters: { 'method.request.path.id': true } });
  });

  test('a route added twice (however its path is written) gets our error naming the route', () => {
    expectValidationError(() => synthApi({}, (api) => {
      api.addRoute('GET', '/items', publicRoute);
      api.addRoute('get', 'items/', publicRoute);
    }), { path: at, prop: 'route GET /items', rule: /is added twice: each method and path takes one route/, value: '"items/"', practice: 'API1' });
  });

  test('paths whose construct IDs collide (/a-b and /ab) get our error naming both routes', () => {
    expectValidationError(() => synthApi({}, (api) => {
      api.addRoute('GET', '/a-b', publicRoute);
      api.addRoute('GET', '/ab', publicRoute);
    }), { path: at, prop: 'route GET /ab', rule: /its handler would be construct GETabHandler, which route GET \/a-b already uses.*or pass a `handler`/, value: '"/ab"', practice: 'API1' });
    expectValidationError(() => synthApi({}, (api, stack) => {
      const model = { type: apigw.JsonSchemaType.OBJECT };
      api.addRoute('POST', '/a-b', { handler: new GuardedFunction(stack, 'A', { code, handler: 'index.handler' }), requestModel: model });
      api.addRoute('POST', '/ab', { handler: new GuardedFunction(stack, 'B', { code, handler: 'index.handler' }), requestModel: model });
    }), { path: at, prop: 'route POST /ab', rule: /its request model would be construct POSTabModel, which route POST \/a-b already uses/, value: '"/ab"', practice: 'API1' });
  });

  test('routes that create no construct of their own may share letters and digits', () => {
    const { template } = synthApi({}, (api, stack) => {
      api.addRoute('GET', '/a-b', { handler: new GuardedFunction(stack, 'A', { code, handler: 'index.handler' }) });
      api.addRoute('GET', '/ab', { handler: new GuardedFunction(stack, 'B', { code, handler: 'index.handler' }) });
    });
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
  });

  test('API3: usage plans whose construct IDs collide (a-b and ab), twice the same name, or no letter or digit get our error', () => {
    expectValidationError(() => synthApi({ usagePlans: [{ name: 'a-b' }, { name: 'ab' }] }),
      { path: at, prop: 'usagePlans[ab].name', rule: /must differ from usage plan "a-b" in its letters and digits: both would be construct UsagePlanab/, value: '"ab"', practice: 'API3' });
    expectValidationError(() => synthApi({ usagePlans: [{ name: 'gold' }, { name: 'gold' }] }),
      { path: at, prop: 'usagePlans[gold].name', rule: /unique among usagePlans/, value: '"gold"', practice: 'API3' });
    expectValidationError(() => synthApi({ usagePlans: [{ name: '--' }] }), { path: at, prop: 'usagePlans[--].name', rule: /a letter or digit/, value: '"--"', practice: 'API3' });
  });
});

describe('CognitoRestApi stack outputs', () => {
  /** The keys the README states for its example (`new Stack(app, 'Items')`, `new CognitoRestApi(stack, 'ItemsApi', …)`). */
  function readmeOutputKeys(): string[] {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### CognitoRestApi stack outputs'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('|')));
    return [...table.matchAll(/\| `(ItemsApi\w+)` \|/g)].map((match) => match[1]);
  }

  test('the README states the real output keys of its example', () => {
    const stack = new Stack(new App(), 'Items');
    new CognitoRestApi(stack, 'ItemsApi', { cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true } })
      .addRoute('GET', '/items/{id}', { handlerProps });
    const keys = readmeOutputKeys();
    expect(keys).toHaveLength(5);
    expect(Object.keys(Template.fromStack(stack).toJSON().Outputs).sort()).toEqual([...keys].sort());
  });

  test('the outputs are exposed: their logical IDs can be read, pinned, or exported', () => {
    const { stack } = newStack();
    const api = new CognitoRestApi(stack, 'Orders');
    api.addRoute('GET', '/health', publicRoute);
    expect(stack.resolve(api.userPoolIdOutput.logicalId)).toBe('OrdersUserPoolId360DB4B9');
    api.apiUrlOutput.overrideLogicalId('ApiUrl');
    api.regionOutput.exportName = 'orders-region';
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(outputs.ApiUrl.Description).toBe('Base URL of the API');
    expect(outputs.OrdersRegion92253AB9.Export).toEqual({ Name: 'orders-region' });
    expect(stack.resolve(api.userPoolClientIdOutput!.value)).toEqual({ Ref: 'OrdersUserPoolAppClientCF67574E' });
  });
});
