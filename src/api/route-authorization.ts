import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** API2: how a route is authorized. */
export enum RouteAuthorizationKind {
  /** The API's Cognito user pool. */
  COGNITO = 'cognito',
  /** A Lambda TOKEN authorizer. */
  LAMBDA_TOKEN = 'lambdaToken',
  /** A Lambda REQUEST authorizer. */
  LAMBDA_REQUEST = 'lambdaRequest',
  /** IAM (SigV4). */
  IAM = 'iam',
  /** No authorization, with a reason. */
  PUBLIC = 'public',
}

/**
 * API2: how a route is authorized. Every route is authorized by the API's Cognito user pool unless
 * it says otherwise; a public route says why.
 */
export class RouteAuthorization {
  /** The API's Cognito user pool authorizer, optionally requiring OAuth scopes of the API's resource server. */
  public static cognito(scopes?: string[]): RouteAuthorization {
    return new RouteAuthorization(RouteAuthorizationKind.COGNITO, scopes);
  }

  /**
   * A Lambda TOKEN authorizer (reads the Authorization header), results cached for `resultsCacheTtl`.
   * Routes with the same function and cache TTL share one authorizer; another TTL gets its own.
   * @param resultsCacheTtl 0–3600 s in whole seconds; default 5 minutes
   */
  public static lambdaToken(handler: lambda.IFunction, resultsCacheTtl?: Duration): RouteAuthorization {
    return new RouteAuthorization(RouteAuthorizationKind.LAMBDA_TOKEN, undefined, handler, resultsCacheTtl);
  }

  /**
   * A Lambda REQUEST authorizer on `identitySources` (e.g. `method.request.header.X-Api-Token`);
   * at least one identity source unless `resultsCacheTtl` is 0. Routes with the same function, TTL
   * and identity sources share one authorizer.
   * @param resultsCacheTtl 0–3600 s in whole seconds; default 5 minutes
   */
  public static lambdaRequest(handler: lambda.IFunction, identitySources: string[], resultsCacheTtl?: Duration): RouteAuthorization {
    return new RouteAuthorization(RouteAuthorizationKind.LAMBDA_REQUEST, undefined, handler, resultsCacheTtl, identitySources);
  }

  /** IAM (SigV4) authorization. */
  public static iam(): RouteAuthorization {
    return new RouteAuthorization(RouteAuthorizationKind.IAM);
  }

  /** No authorization: the reason becomes the acknowledgement of AwsSolutions-APIG4 and -COG4. */
  public static public(reason: string): RouteAuthorization {
    return new RouteAuthorization(RouteAuthorizationKind.PUBLIC, undefined, undefined, undefined, undefined, reason);
  }

  private constructor(
    /** Cognito, a Lambda TOKEN or REQUEST authorizer, IAM, or public. */
    public readonly kind: RouteAuthorizationKind,
    /** OAuth scopes required by a Cognito route. */
    public readonly scopes?: string[],
    /** The Lambda authorizer's function. */
    public readonly handler?: lambda.IFunction,
    /** How long Lambda authorizer results are cached. */
    public readonly resultsCacheTtl?: Duration,
    /** Identity sources of a REQUEST authorizer. */
    public readonly identitySources?: string[],
    /** Why a public route is public. */
    public readonly reason?: string,
  ) {}
}
