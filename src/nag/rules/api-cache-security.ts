import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { API_CACHE_DEFAULT_TTL_SECONDS } from '../../core/defaults';
import { API_CACHE_TTL_SECONDS } from '../../core/limits';
import { asArray, flattenToString, numberOrDefault } from '../../template/cfn-values';
import { IndexedResource } from '../template-index';

/**
 * API7: a cached stage encrypts its cache and keeps the TTL in 0–3600 s (findings name the method
 * setting); cache invalidation requires authorization. CloudFormation has no property to turn that
 * authorization off, so the rule looks for the one way templates do it: an AwsCustomResource
 * (Custom::AWS) that patches `requireAuthorizationForCacheControl` to false.
 */
export function apiCacheSecurity(resource: IndexedResource): NagRuleResult {
  if (resource.type === 'Custom::AWS') {
    const calls = flattenToString(resource.properties.Create) + flattenToString(resource.properties.Update);
    return /requireAuthorizationForCacheControl[^}]*"value"\s*:\s*"false"/i.test(calls) ? ['CacheInvalidationWithoutAuthorization'] : NagRuleCompliance.NOT_APPLICABLE;
  }
  if (resource.type !== 'AWS::ApiGateway::Stage') return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  for (const setting of asArray<any>(resource.properties.MethodSettings)) {
    if (setting?.CachingEnabled !== true && setting?.CachingEnabled !== 'true') continue;
    const where = `${flattenToString(setting.HttpMethod ?? '*')} ${flattenToString(setting.ResourcePath ?? '/*')}`;
    if (setting.CacheDataEncrypted !== true && setting.CacheDataEncrypted !== 'true') findings.push(`CacheDataEncrypted:${where}`);
    const ttl = numberOrDefault(setting.CacheTtlInSeconds, API_CACHE_DEFAULT_TTL_SECONDS);
    if (ttl !== undefined && (ttl < API_CACHE_TTL_SECONDS.min || ttl > API_CACHE_TTL_SECONDS.max)) findings.push(`CacheTtlInSeconds:${where}`);
  }
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
