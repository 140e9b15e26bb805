// A Lambda TOKEN authorizer for partner systems (API2). API Gateway caches its answer per token
// for 5 minutes, so it runs once per partner token and period, not per request.
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';

export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const partner = /^Bearer partner-([a-z0-9-]+)$/.exec(event.authorizationToken)?.[1];
  return {
    principalId: partner ?? 'anonymous',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: partner ? 'Allow' : 'Deny', Resource: event.methodArn }],
    },
  };
};
