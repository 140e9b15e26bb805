// S3 upload consumer behind a BucketEventProcessor's queue (EV2, ES4, ES5, FN13): each SQS message
// holds an S3 event; Powertools reports failed messages one by one (ReportBatchItemFailures). For
// each uploaded object it writes a metadata item and a thumbnail under thumbnails/, outside the
// uploads/ trigger, so its own writes never trigger it again. Idempotent: both writes are keyed by
// the object's key and version, so an event delivered twice writes the same thing again.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Where the handler writes what it derives from an upload. */
export interface UploadStore {
  putMetadata(key: string, version: string, size: number): Promise<void>;
  putThumbnail(key: string, body: string): Promise<void>;
}

/** The thumbnail of `key` (under uploads/): under thumbnails/, never under the trigger's prefix. */
export function thumbnailKey(key: string): string {
  return `thumbnails/${key.replace(/^uploads\//, '')}.json`;
}

export function makePhotoUploadedHandler(store: UploadStore) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const event = JSON.parse(record.body) as Partial<S3Event> & { Event?: string };
    // S3 sends a test event when the notification is created: nothing to do.
    if (event.Event === 's3:TestEvent') return;
    if (!Array.isArray(event.Records)) throw new Error(`message ${record.messageId} is not an S3 event`);
    for (const upload of event.Records) {
      const key = decodeURIComponent(upload.s3.object.key.replace(/\+/g, ' '));
      const version = upload.s3.object.versionId ?? 'null';
      await store.putMetadata(key, version, upload.s3.object.size);
      await store.putThumbnail(thumbnailKey(key), JSON.stringify({ source: key, version }));
    }
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context });
}

/** The deployed store: the metadata table and the bucket the construct names in the environment. */
function awsStore(): UploadStore {
  const dynamodb = new DynamoDBClient({});
  const s3 = new S3Client({});
  return {
    async putMetadata(key, version, size) {
      await dynamodb.send(new PutItemCommand({
        TableName: process.env.METADATA_TABLE_NAME,
        Item: { key: { S: key }, version: { S: version }, size: { N: String(size) } },
      }));
    },
    async putThumbnail(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key, Body: body }));
    },
  };
}

export const handler = makePhotoUploadedHandler(awsStore());
