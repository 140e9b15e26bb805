import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cr from 'aws-cdk-lib/custom-resources';
import { handler } from './fixtures';
import { apiCacheSecurity } from '../../../../src/nag/rules/api';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

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

  test('a stage without method settings is not rendered (mayApply); one with them is', () => {
    const { stack } = newStack();
    const bare = new apigw.CfnStage(stack, 'Bare', { restApiId: 'api', deploymentId: 'deployment' });
    expect(apiCacheSecurity.mayApply!(bare)).toBe(false);
    const cached = new apigw.CfnStage(stack, 'Cached', { restApiId: 'api', deploymentId: 'deployment', methodSettings: [{ cachingEnabled: true, httpMethod: '*', resourcePath: '/*' }] });
    expect(apiCacheSecurity.mayApply!(cached)).toBe(true);
    expect(ruleResult(apiCacheSecurity, cached)).toEqual(['CacheDataEncrypted:* /*']);
    bare.addPropertyOverride('MethodSettings', [{ CachingEnabled: true, HttpMethod: '*', ResourcePath: '/*' }]);
    expect(apiCacheSecurity.mayApply!(bare)).toBe(true);
  });
});
