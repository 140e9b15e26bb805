// DynamoDB stream consumer (ES1, ES5): Powertools reports failed records one by one
// (ReportBatchItemFailures), so a poison record is retried and bisected alone while the rest of the
// batch goes on. Idempotent: the projection is keyed by the order and carries the stream sequence
// number, so a replayed record writes the same thing again.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { logStore, ProjectionStore } from './projection-store';

export function makeOrderStreamHandler(store: ProjectionStore) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    if (record.eventName === 'REMOVE') return;
    const image = record.dynamodb?.NewImage;
    const orderId = image?.pk?.S;
    const total = Number(image?.total?.N);
    if (!orderId || !Number.isFinite(total)) {
      throw new Error(`record ${record.eventID} is not an order (pk and numeric total required)`);
    }
    await store.put(`order#${orderId}`, { total, sequence: record.dynamodb?.SequenceNumber });
  };
  return async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context });
}

export const handler = makeOrderStreamHandler(logStore);
