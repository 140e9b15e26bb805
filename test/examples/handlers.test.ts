import type { Context, DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { makeOrderStreamHandler } from '../../examples/handlers/order-stream-processor';
import { makePaymentQueueHandler } from '../../examples/handlers/payment-queue-processor';
import { ProjectionStore } from '../../examples/handlers/projection-store';

const context = { functionName: 'test', awsRequestId: 'req-1' } as unknown as Context;

function memoryStore(): ProjectionStore & { writes: Map<string, Record<string, unknown>>; count: number } {
  const writes = new Map<string, Record<string, unknown>>();
  const store = {
    writes,
    count: 0,
    async put(key: string, value: Record<string, unknown>) {
      store.count++;
      writes.set(key, value);
    },
  };
  return store;
}

function sqsRecord(messageId: string, body: unknown, messageGroupId = 'group-1'): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'x', ApproximateFirstReceiveTimestamp: '1', MessageGroupId: messageGroupId },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:payments.fifo',
    awsRegion: 'eu-west-1',
  };
}

function streamRecord(sequence: string, image: Record<string, unknown> | undefined, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): DynamoDBRecord {
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026',
    dynamodb: { SequenceNumber: sequence, NewImage: image as any, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

describe('payment queue handler (SQS FIFO, ES4/ES5/MSG2)', () => {
  test('one bad message: exactly that message is reported, the other groups are processed', async () => {
    const store = memoryStore();
    const handler = makePaymentQueueHandler(store);
    const result = await handler({
      Records: [
        sqsRecord('m1', { paymentId: 'p1', amount: 10 }, 'group-1'),
        sqsRecord('m2', 'not json', 'group-2'),
        sqsRecord('m3', { paymentId: 'p3', amount: 5 }, 'group-3'),
      ],
    }, context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect([...store.writes.keys()]).toEqual(['payment#p1', 'payment#p3']);
  });

  test('MSG2: a failure in the middle of a group stops that group, so a later message never overtakes an earlier one', async () => {
    // The store fails once, transiently, on the second update of payment p1.
    const store = memoryStore();
    let failOnce = true;
    const flaky: ProjectionStore = {
      async put(key, value) {
        if (failOnce && value.amount === 20) {
          failOnce = false;
          throw new Error('throttled');
        }
        await store.put(key, value);
      },
    };
    const handler = makePaymentQueueHandler(flaky);
    const first = await handler({
      Records: [
        sqsRecord('m1', { paymentId: 'p1', amount: 10 }, 'payment-p1'),
        sqsRecord('m2', { paymentId: 'p1', amount: 20 }, 'payment-p1'),
        sqsRecord('m3', { paymentId: 'p1', amount: 30 }, 'payment-p1'),
        sqsRecord('m4', { paymentId: 'p2', amount: 5 }, 'payment-p2'),
      ],
    }, context);
    // m3 comes after the failed m2 in the same group: reported as failed, not processed.
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'm3' }] });
    expect([...store.writes.entries()]).toEqual([['payment#p1', { amount: 10 }], ['payment#p2', { amount: 5 }]]);
    // SQS delivers the group again in order: the newest update is the one that stays.
    const again = await handler({
      Records: [sqsRecord('m2', { paymentId: 'p1', amount: 20 }, 'payment-p1'), sqsRecord('m3', { paymentId: 'p1', amount: 30 }, 'payment-p1')],
    }, context);
    expect(again).toEqual({ batchItemFailures: [] });
    expect(store.writes.get('payment#p1')).toEqual({ amount: 30 });
  });

  test('a batch where every message fails is reported as a failure', async () => {
    const handler = makePaymentQueueHandler(memoryStore());
    await expect(handler({ Records: [sqsRecord('m1', { amount: -1 }), sqsRecord('m2', {})] }, context)).rejects.toThrow(/All records failed/);
  });

  test('idempotent: the same message twice leaves one projection with the same value', async () => {
    const store = memoryStore();
    const handler = makePaymentQueueHandler(store);
    const message = sqsRecord('m1', { paymentId: 'p1', amount: 10 });
    await handler({ Records: [message] }, context);
    await handler({ Records: [message] }, context);
    expect(store.count).toBe(2);
    expect([...store.writes.entries()]).toEqual([['payment#p1', { amount: 10 }]]);
  });
});

describe('order stream handler (DynamoDB stream, ES1/ES5)', () => {
  test('one bad record: exactly that record (by sequence number) is reported', async () => {
    const store = memoryStore();
    const handler = makeOrderStreamHandler(store);
    const result = await handler({
      Records: [
        streamRecord('100', { pk: { S: 'o1' }, total: { N: '12' } }),
        streamRecord('101', { pk: { S: 'o2' }, total: { S: 'twelve' } }),
        streamRecord('102', { pk: { S: 'o3' }, total: { N: '7' } }, 'MODIFY'),
        streamRecord('103', undefined, 'REMOVE'),
      ],
    }, context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
    expect([...store.writes.keys()]).toEqual(['order#o1', 'order#o3']);
  });

  test('a batch where every record fails is reported as a failure', async () => {
    const handler = makeOrderStreamHandler(memoryStore());
    await expect(handler({ Records: [streamRecord('1', {}), streamRecord('2', { pk: { S: 'x' } })] }, context)).rejects.toThrow(/All records failed/);
  });

  test('idempotent: a replayed record writes the same projection again', async () => {
    const store = memoryStore();
    const handler = makeOrderStreamHandler(store);
    const record = streamRecord('100', { pk: { S: 'o1' }, total: { N: '12' } });
    await handler({ Records: [record] }, context);
    await handler({ Records: [record] }, context);
    expect([...store.writes.entries()]).toEqual([['order#o1', { total: 12, sequence: '100' }]]);
  });
});
