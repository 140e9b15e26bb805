import { CreateTableCommand, DynamoDBClient, ScanCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import type { Context } from 'aws-lambda';
import { ChargeRequest, makeChargeHandler } from '../../examples/handlers/idempotent-charge';
import { IdempotencyTable } from '../../src';
import { MotoServer } from '../deploy/moto-server';
import { newStack } from '../support/stacks';

const REGION = 'eu-west-1';
const context = { functionName: 'charge', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/**
 * ES5 end to end: the example's idempotent handler against a DynamoDB table of moto_server built
 * from the IdempotencyTable's own template (key schema and TTL), so a change of either side fails here.
 */
describe('idempotent handler on the IdempotencyTable (moto_server)', () => {
  let server: MotoServer;
  let client: DynamoDBClient;
  const tableName = 'idempotency';

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
    process.env.AWS_REGION = REGION;
    server = await MotoServer.start();
    client = new DynamoDBClient({ endpoint: server.endpoint, region: REGION });
    const { stack } = newStack();
    new IdempotencyTable(stack, 'Idempotency');
    const table = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'))[0].Properties;
    await client.send(new CreateTableCommand({
      TableName: tableName, KeySchema: table.KeySchema, AttributeDefinitions: table.AttributeDefinitions, BillingMode: table.BillingMode,
    }));
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: table.TimeToLiveSpecification }));
  }, 60_000);

  afterAll(() => {
    client?.destroy();
    server?.stop();
  });

  test('the same event twice charges once and answers the same; another charge ID charges again', async () => {
    const charges: string[] = [];
    const handler = makeChargeHandler({
      async charge(chargeId) {
        charges.push(chargeId);
        return `receipt-${charges.length}`;
      },
    }, { tableName, expiresAfterSeconds: 3600, clientConfig: { endpoint: server.endpoint, region: REGION } });
    const request: ChargeRequest = { chargeId: 'c-1', amount: 42 };

    const first = await handler(request, context);
    const repeat = await handler({ ...request }, context);
    expect(charges).toEqual(['c-1']);
    expect(first).toEqual({ chargeId: 'c-1', receipt: 'receipt-1' });
    expect(repeat).toEqual(first);

    await handler({ chargeId: 'c-2', amount: 7 }, context);
    expect(charges).toEqual(['c-1', 'c-2']);

    // The records Powertools wrote: one per charge, completed, with the TTL attribute in epoch seconds.
    const items = (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item.status?.S).toBe('COMPLETED');
      expect(Number(item.expiration?.N)).toBeGreaterThan(Date.now() / 1000);
    }
  }, 60_000);
});
