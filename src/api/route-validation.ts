import { Duration } from 'aws-cdk-lib';
import { RouteOptions } from './api-options';
import { RouteAuthorization, RouteAuthorizationKind } from './route-authorization';
import { API_CACHE_DEFAULT_TTL_SECONDS, API_DEFAULTS } from '../core/defaults';
import { API_AUTHORIZER_CACHE_TTL_SECONDS, API_CACHE_TTL_SECONDS, API_THROTTLING_BURST, API_THROTTLING_RATE } from '../core/limits';
import { PropsValidator, secondsOf } from '../core/validation';

/** What the API a route is added to offers the route. */
export interface RouteContext {
  /** Whether the API has a stage cache (API7). */
  readonly cacheEnabled: boolean;
  /** The scopes of the API's resource server (API2). */
  readonly oauthScopes: string[];
}

/** A route's settings after its checks, in the template's units. */
export interface RouteSettings {
  readonly cached: boolean;
  /** API7: the cache TTL of a cached route. */
  readonly cacheTtlSeconds?: number;
  /** API2: the results cache TTL of a Lambda-authorized route, and its seconds in the template. */
  readonly authorizerCache?: { readonly ttl: Duration; readonly seconds: number };
}

/**
 * Every rule of one route's options, `where` naming it (`route GET /items`): the cache (API7),
 * throttling (API3), exactly one handler (FN10) and the authorization (API2).
 */
export function validateRoute(validator: PropsValidator, where: string, options: RouteOptions, authorization: RouteAuthorization,
  context: RouteContext): RouteSettings {
  const cached = options.cached === true || options.cacheTtl !== undefined;
  let cacheTtlSeconds: number | undefined;
  if (cached) {
    const cacheTtl = options.cacheTtl ?? Duration.seconds(API_CACHE_DEFAULT_TTL_SECONDS);
    validator.check(!context.cacheEnabled, `${where} cacheTtl`, 'needs the API\'s `cache` option', cacheTtl, 'API7')
      .range(`${where} cacheTtl`, secondsOf(cacheTtl), API_CACHE_TTL_SECONDS);
    cacheTtlSeconds = templateSeconds(validator, `${where} cacheTtl`, cacheTtl, 'API7');
  }
  validator.range(`${where} throttlingRateLimit`, options.throttlingRateLimit, API_THROTTLING_RATE)
    .range(`${where} throttlingBurstLimit`, options.throttlingBurstLimit, API_THROTTLING_BURST)
    .exactlyOne({ [`${where} handler`]: options.handler, handlerProps: options.handlerProps, handlerFunction: options.handlerFunction },
      '`handler`, `handlerProps` or `handlerFunction`', 'FN10');
  return { cached, cacheTtlSeconds, authorizerCache: validateAuthorization(validator, where, authorization, context) };
}

/** API2: scopes among the API's, a public route's reason, a Lambda authorizer's cache; returns that cache's TTL. */
function validateAuthorization(validator: PropsValidator, where: string, authorization: RouteAuthorization,
  context: RouteContext): RouteSettings['authorizerCache'] {
  switch (authorization.kind) {
    case RouteAuthorizationKind.COGNITO: {
      const unknown = (authorization.scopes ?? []).filter((scope) => !context.oauthScopes.includes(scope));
      validator.check(unknown.length > 0, `${where} authorization scopes`, `must be among oauthScopes (${context.oauthScopes.join(', ') || 'none'})`,
        unknown.join(','), 'API2');
      return undefined;
    }
    case RouteAuthorizationKind.PUBLIC:
      validator.reason(`${where} authorization`, authorization.reason, 'API2', 'RouteAuthorization.public() needs a non-empty reason');
      return undefined;
    case RouteAuthorizationKind.LAMBDA_TOKEN:
    case RouteAuthorizationKind.LAMBDA_REQUEST: {
      const prop = `${where} authorization resultsCacheTtl`;
      const ttl = authorization.resultsCacheTtl ?? Duration.seconds(API_DEFAULTS.authorizerCacheTtlSeconds);
      validator.range(prop, secondsOf(ttl), API_AUTHORIZER_CACHE_TTL_SECONDS);
      const seconds = templateSeconds(validator, prop, ttl, 'API2');
      validator.check(authorization.kind === RouteAuthorizationKind.LAMBDA_REQUEST && !(authorization.identitySources?.length) && seconds !== 0,
        `${where} authorization identitySources`, 'RouteAuthorization.lambdaRequest() needs at least one identity source while results are cached', 0, 'API2');
      return seconds === undefined ? undefined : { ttl, seconds };
    }
    default:
      return undefined;
  }
}

/**
 * Seconds of `duration` for the template: the literal (range-checked by the caller), or the token.
 * A token can only be converted when given in seconds; otherwise aws-cdk-lib would throw a raw error.
 */
function templateSeconds(validator: PropsValidator, prop: string, duration: Duration, practice: string): number | undefined {
  if (!duration.isUnresolved()) return duration.toSeconds({ integral: false });
  try {
    return duration.toSeconds();
  } catch {
    validator.check(true, prop, 'a duration only known at deploy time must be given as Duration.seconds()', duration, practice);
    return undefined;
  }
}
