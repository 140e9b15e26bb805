import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { API_CACHE_DEFAULT_TTL_SECONDS } from '../../../core/defaults';
import { API_CACHE_TTL_SECONDS } from '../../../core/limits';
import { asArray, flattenToString, numberOrDefault } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { rawProperty } from '../../raw-property';
import { IndexedResource } from '../../template-index';

/**
 * API7: a cached stage encrypts its cache and keeps the TTL in 0–3600 s (findings name the method
 * setting); cache invalidation requires authorization. CloudFormation has no property to turn that
 * authorization off, so the rule looks for the one way templates do it: an AwsCustomResource
 * (Custom::AWS) that patches `requireAuthorizationForCacheControl` to false.
 */
export const apiCacheSecurity: GuardrailsRule = {
  id: 'ApiCacheSecurity',
  level: NagMessageLevel.ERROR,
  practice: 'API7',
  info: 'An API Gateway cache is not encrypted, has a TTL outside 0–3600 s, or its invalidation does not require authorization.',
  explanation: 'Cached responses may hold personal data, and an unauthorized Cache-Control: max-age=0 lets anybody bypass the cache. Checked: method settings with caching on; the authorization through the one way a template turns it off (an AwsCustomResource patch).',
  fix: 'Set CacheDataEncrypted, keep CacheTtlInSeconds in 0–3600, keep requireAuthorizationForCacheControl on.',
  resourceTypes: ['AWS::ApiGateway::Stage', 'Custom::AWS'],
  lookupTypes: [],
  // A stage without method settings caches nothing: never rendered.
  mayApply: (node) => node.cfnResourceType !== 'AWS::ApiGateway::Stage' || rawProperty(node, 'MethodSettings') !== undefined,
  check: (resource) => (resource.type === 'Custom::AWS' ? cacheInvalidationFindings(resource) : stageCacheFindings(resource)),
};

/** An AwsCustomResource that patches `requireAuthorizationForCacheControl` to false. */
function cacheInvalidationFindings(custom: IndexedResource): NagRuleResult {
  const calls = flattenToString(custom.properties.Create) + flattenToString(custom.properties.Update);
  return /requireAuthorizationForCacheControl[^}]*"value"\s*:\s*"false"/i.test(calls) ? ['CacheInvalidationWithoutAuthorization'] : NagRuleCompliance.NOT_APPLICABLE;
}

/** The method settings of a stage that cache without encryption or with a TTL out of range. */
function stageCacheFindings(stage: IndexedResource): NagRuleResult {
  const findings: string[] = [];
  for (const setting of asArray<any>(stage.properties.MethodSettings)) {
    if (setting?.CachingEnabled !== true && setting?.CachingEnabled !== 'true') continue;
    const where = `${flattenToString(setting.HttpMethod ?? '*')} ${flattenToString(setting.ResourcePath ?? '/*')}`;
    if (setting.CacheDataEncrypted !== true && setting.CacheDataEncrypted !== 'true') findings.push(`CacheDataEncrypted:${where}`);
    const ttl = numberOrDefault(setting.CacheTtlInSeconds, API_CACHE_DEFAULT_TTL_SECONDS);
    if (ttl !== undefined && (ttl < API_CACHE_TTL_SECONDS.min || ttl > API_CACHE_TTL_SECONDS.max)) findings.push(`CacheTtlInSeconds:${where}`);
  }
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
