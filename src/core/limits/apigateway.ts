import type { RangeLimit, FormatRule } from '../rules';

/** Amazon API Gateway (REST) limits (API practices). */

/** API9: an EDGE API's certificate is served by CloudFront, from this region. */
export { CLOUDFRONT_CERTIFICATE_REGION as API_EDGE_CERTIFICATE_REGION } from './cloudfront';
/** API6: API Gateway REST integration timeout. */
export const API_INTEGRATION_TIMEOUT_SECONDS = 29;
/** API7: API Gateway cache TTL (default 300 s). */
export const API_CACHE_TTL_SECONDS: RangeLimit = { min: 0, max: 3_600, unit: 's', practice: 'API7', integer: true };
/** API3: API Gateway throttling ranges. */
export const API_THROTTLING_RATE: RangeLimit = { min: 0, max: 10_000, unit: 'requests per second', practice: 'API3' };
export const API_THROTTLING_BURST: RangeLimit = { min: 0, max: 5_000, unit: 'requests', practice: 'API3', integer: true };
/** API10: canary traffic share. */
export const API_CANARY_PERCENT: RangeLimit = { min: 0, max: 100, unit: '%', practice: 'API10' };
/** API7: the stage cache sizes API Gateway offers, in GB. */
export const API_CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
export const API_CACHE_CLUSTER_SIZE: FormatRule = {
  rule: `must be one of the cache sizes API Gateway offers (${API_CACHE_CLUSTER_SIZES.join(', ')} GB)`,
  practice: 'API7',
  test: (size) => (API_CACHE_CLUSTER_SIZES as readonly string[]).includes(size),
};
/** API2: a Lambda authorizer caches its results for 0–3600 s. */
export const API_AUTHORIZER_CACHE_TTL_SECONDS: RangeLimit = { min: 0, max: 3_600, unit: 's', practice: 'API2', integer: true };
/**
 * API3: a usage plan quota: a whole number of requests per period (API Gateway stores it as a 32-bit
 * integer), at least 1: aws-cdk-lib renders a limit of 0 as no limit at all.
 */
export const API_USAGE_PLAN_QUOTA: RangeLimit = { min: 1, max: 2_147_483_647, unit: 'requests per period', practice: 'API3', integer: true };
/** OBS1: the 4XX rate alarm threshold, a share of requests. */
export const API_CLIENT_ERROR_RATE_PERCENT: RangeLimit = { min: 0, max: 100, unit: '%', practice: 'OBS1' };
/** API10: stage names (API Gateway: alphanumerics, hyphens and underscores, at most 128). */
export const API_STAGE_NAME: FormatRule = {
  rule: 'must be 1–128 characters of A-Z, a-z, 0-9, - and _ (API Gateway stage name)',
  practice: 'API10',
  test: (name) => /^[A-Za-z0-9_-]{1,128}$/.test(name),
};
