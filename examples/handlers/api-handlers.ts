// Handlers behind the reference API (Lambda proxy integration). API Gateway has validated the
// parameters and, for createItem, the body against its JSON schema (API5) before they run.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const getItem = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
  json(200, { id: event.pathParameters?.id, requestedBy: event.requestContext.authorizer?.claims?.sub });

export const createItem = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const item = JSON.parse(event.body ?? '{}') as { name: string; price: number };
  return json(201, { ...item, id: event.requestContext.requestId });
};

export const health = async (): Promise<APIGatewayProxyResult> => json(200, { status: 'ok' });

export const partnerOrders = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
  json(200, { partner: event.requestContext.authorizer?.principalId, orders: [] });
