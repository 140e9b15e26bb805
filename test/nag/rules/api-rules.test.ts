import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { apiCacheSecurity } from '../../../src/nag/rules/api-cache-security';
import { apiCorsWildcardCredentials } from '../../../src/nag/rules/api-cors-wildcard-credentials';
import { apiLambdaTimeout } from '../../../src/nag/rules/api-lambda-timeout';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

function handler(stack: Stack, id: string, timeout?: Duration): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, timeout,
  });
}

describe('Guardrails-ApiLambdaTimeout (API6)', () => {
  function setup(timeout: Duration | undefined, integrationTimeout?: Duration, viaAlias = false) {
    const { app, stack } = newStack();
    const fn = handler(stack, 'Handler', timeout);
    const target = viaAlias ? new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion }) : fn;
    const api = new apigw.RestApi(stack, 'Api');
    const method = api.root.addMethod('GET', new apigw.LambdaIntegration(target, { timeout: integrationTimeout }));
    return { app, method };
  }

  test('28 s behind the default 29 s is compliant; 29 s is a finding with rule id and path', () => {
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(28)).method)).toBe(NagRuleCompliance.COMPLIANT);
    const late = setup(Duration.seconds(29));
    expect(ruleResult(apiLambdaTimeout, late.method)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(late.app)).toContain('Guardrails-ApiLambdaTimeout at TestStack/Api/Default/GET/Resource');
  });

  test('the integration\'s TimeoutInMillis is the limit; the function is found through its alias (Fn::Join URI)', () => {
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(10), Duration.seconds(10), true).method)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(9), Duration.seconds(10), true).method)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an integration that invokes the function asynchronously (X-Amz-Invocation-Type \'Event\') is not applicable; the synchronous twin is a finding', () => {
    const { app, stack } = newStack();
    const fn = handler(stack, 'Worker', Duration.minutes(5));
    const api = new apigw.RestApi(stack, 'Api');
    const integration = (parameters?: { [name: string]: string }) => new apigw.LambdaIntegration(fn, {
      proxy: false, requestParameters: parameters, integrationResponses: [{ statusCode: '202' }],
    });
    const async = api.root.addResource('async').addMethod('POST', integration({ 'integration.request.header.X-Amz-Invocation-Type': "'Event'" }), { methodResponses: [{ statusCode: '202' }] });
    const sync = api.root.addResource('sync').addMethod('POST', integration(), { methodResponses: [{ statusCode: '202' }] });
    expect(ruleResult(apiLambdaTimeout, async)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(apiLambdaTimeout, sync)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.startsWith('Guardrails-ApiLambdaTimeout'))).toEqual(['Guardrails-ApiLambdaTimeout at TestStack/Api/Default/sync/POST/Resource']);
  });

  test('a function without a Timeout has the 3 s default: compliant', () => {
    expect(ruleResult(apiLambdaTimeout, setup(undefined).method)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable: a mock integration, a token timeout', () => {
    const { stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api');
    expect(ruleResult(apiLambdaTimeout, api.root.addMethod('GET', new apigw.MockIntegration()))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const seconds = new CfnParameter(stack, 'Timeout', { type: 'Number', default: 10 });
    const method = api.root.addResource('x').addMethod('GET', new apigw.LambdaIntegration(handler(stack, 'Fn', Duration.seconds(seconds.valueAsNumber))));
    expect(ruleResult(apiLambdaTimeout, method)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-ApiCacheSecurity (API7)', () => {
  function stage(methodOptions: { [path: string]: apigw.MethodDeploymentOptions }) {
    const { app, stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api', { deployOptions: { cacheClusterEnabled: true, methodOptions } });
    api.root.addMethod('GET', new apigw.MockIntegration());
    return { app, stack, stage: api.deploymentStage };
  }

  test('unencrypted cache and TTL above 3600 s are findings per method setting', () => {
    const { app, stage: s } = stage({ '/*/*': { cachingEnabled: true, cacheTtl: Duration.seconds(3601) } });
    expect(ruleResult(apiCacheSecurity, s)).toEqual(['CacheDataEncrypted:* /*', 'CacheTtlInSeconds:* /*']);
    expect(guardrailsFindings(app)).toContain('Guardrails-ApiCacheSecurity[CacheDataEncrypted:* /*] at TestStack/Api/DeploymentStage.prod/Resource');
  });

  test('encrypted cache with TTL 3600 s (and the 300 s default) is compliant; no caching is compliant', () => {
    expect(ruleResult(apiCacheSecurity, stage({ '/*/*': { cachingEnabled: true, cacheDataEncrypted: true, cacheTtl: Duration.seconds(3600) } }).stage)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(apiCacheSecurity, stage({ '/items/GET': { cachingEnabled: true, cacheDataEncrypted: true } }).stage)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(apiCacheSecurity, stage({}).stage)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('turning off authorization for cache invalidation (AwsCustomResource patch) is a finding', () => {
    const { stack, stage: s } = stage({});
    const patch = new cr.AwsCustomResource(stack, 'NoCacheAuth', {
      onUpdate: {
        service: 'APIGateway',
        action: 'updateStage',
        physicalResourceId: cr.PhysicalResourceId.of('no-auth'),
        parameters: { restApiId: s.restApi.restApiId, stageName: s.stageName, patchOperations: [{ op: 'replace', path: '/*/*/caching/requireAuthorizationForCacheControl', value: 'false' }] },
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    });
    expect(ruleResult(apiCacheSecurity, patch.node.findChild('Resource').node.defaultChild!)).toEqual(['CacheInvalidationWithoutAuthorization']);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(apiCacheSecurity, handler(stack, 'Fn'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-ApiCorsWildcardCredentials (API8)', () => {
  test('CDK preflight with all origins and credentials is a finding', () => {
    const { app, stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS, allowCredentials: true } });
    api.root.addMethod('GET', new apigw.MockIntegration());
    const options = api.root.node.findChild('OPTIONS');
    expect(ruleResult(apiCorsWildcardCredentials, options)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-ApiCorsWildcardCredentials at TestStack/Api/Default/OPTIONS/Resource');
  });

  test('listed origins with credentials, or * without credentials, are compliant', () => {
    const { stack } = newStack();
    const listed = new apigw.RestApi(stack, 'Listed', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'], allowCredentials: true } });
    listed.root.addMethod('GET', new apigw.MockIntegration());
    const open = new apigw.RestApi(stack, 'Open', { defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS } });
    open.root.addMethod('GET', new apigw.MockIntegration());
    expect(ruleResult(apiCorsWildcardCredentials, listed.root.node.findChild('OPTIONS'))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(apiCorsWildcardCredentials, open.root.node.findChild('OPTIONS'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('gateway responses with * and credentials are a finding', () => {
    const { stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.MockIntegration());
    const response = api.addGatewayResponse('Default4xx', {
      type: apigw.ResponseType.DEFAULT_4XX,
      responseHeaders: { 'Access-Control-Allow-Origin': "'*'", 'Access-Control-Allow-Credentials': "'true'" },
    });
    expect(ruleResult(apiCorsWildcardCredentials, response)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(apiCorsWildcardCredentials, handler(stack, 'Fn'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
