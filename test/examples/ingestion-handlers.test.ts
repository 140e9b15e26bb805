import type { Context, KinesisStreamRecord, SQSRecord } from 'aws-lambda';
import { makeClickHandler } from '../../examples/handlers/click-processor';
import { makePhotoUploadedHandler, thumbnailKey, UploadStore } from '../../examples/handlers/photo-uploaded';
import { ProjectionStore } from '../../examples/handlers/projection-store';

const context = { functionName: 'test', awsRequestId: 'req-1' } as unknown as Context;

function memoryUploadStore() {
  const metadata = new Map<string, number>();
  const thumbnails = new Map<string, string>();
  const store: UploadStore = {
    async putMetadata(key, version, size) { metadata.set(`${key}@${version}`, size); },
    async putThumbnail(key, body) { thumbnails.set(key, body); },
  };
  return { store, metadata, thumbnails };
}

function s3Message(messageId: string, body: unknown): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'x', ApproximateFirstReceiveTimestamp: '1' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:uploads',
    awsRegion: 'eu-west-1',
  };
}

const upload = (key: string, versionId: string, size: number) => ({ Records: [{ s3: { object: { key, versionId, size } } }] });

describe('photo upload handler (S3 → SQS, EV2/ES4/ES5/FN13)', () => {
  test('writes metadata and a thumbnail outside uploads/; a bad message alone is reported; the test event is skipped', async () => {
    const { store, metadata, thumbnails } = memoryUploadStore();
    const response = await makePhotoUploadedHandler(store)({
      Records: [
        s3Message('m1', upload('uploads/cat+photo.jpg', 'v1', 10)),
        s3Message('m2', 'not json at all'),
        s3Message('m3', { Event: 's3:TestEvent' }),
      ],
    }, context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect([...metadata]).toEqual([['uploads/cat photo.jpg@v1', 10]]);
    expect([...thumbnails.keys()]).toEqual(['thumbnails/cat photo.jpg.json']);
  });

  test('FN13: no thumbnail key is under the uploads/ trigger', () => {
    expect(thumbnailKey('uploads/a/b.jpg')).toBe('thumbnails/a/b.jpg.json');
    expect(thumbnailKey('uploads/uploads/x')).not.toMatch(/^uploads\//);
  });

  test('idempotent: the same event twice writes the same items again', async () => {
    const { store, metadata, thumbnails } = memoryUploadStore();
    const puts: string[] = [];
    const counting: UploadStore = {
      async putMetadata(key, version, size) { puts.push(`metadata ${key}@${version}`); await store.putMetadata(key, version, size); },
      async putThumbnail(key, body) { puts.push(`thumbnail ${key}`); await store.putThumbnail(key, body); },
    };
    const handler = makePhotoUploadedHandler(counting);
    for (const id of ['m1', 'm1-again']) {
      await expect(handler({ Records: [s3Message(id, upload('uploads/a.jpg', 'v1', 3))] }, context)).resolves.toEqual({ batchItemFailures: [] });
    }
    // Both deliveries write, and write the same items: keyed by object and version, nothing doubles.
    expect(puts).toEqual(['metadata uploads/a.jpg@v1', 'thumbnail thumbnails/a.jpg.json', 'metadata uploads/a.jpg@v1', 'thumbnail thumbnails/a.jpg.json']);
    expect([...metadata]).toEqual([['uploads/a.jpg@v1', 3]]);
    expect(thumbnails.size).toBe(1);
  });
});

function kinesisRecord(sequenceNumber: string, data: unknown): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'p',
      sequenceNumber,
      approximateArrivalTimestamp: 1,
      data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64'),
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-0:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/x',
    awsRegion: 'eu-west-1',
    eventSourceARN: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks',
  };
}

describe('click handler (Kinesis, ES1/ES5)', () => {
  test('one bad record: exactly that record (by sequence number) is reported, the others are kept', async () => {
    const writes = new Map<string, Record<string, unknown>>();
    const store: ProjectionStore = { async put(key, value) { writes.set(key, value); } };
    const response = await makeClickHandler(store)({
      Records: [kinesisRecord('1', { clickId: 'c1', page: '/' }), kinesisRecord('2', '{oops'), kinesisRecord('3', { clickId: 'c3' })],
    }, context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }, { itemIdentifier: '3' }] });
    expect([...writes.keys()]).toEqual(['click#c1']);
  });
});
