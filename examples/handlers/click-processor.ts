// Kinesis consumer (ES1, ES5): Powertools reports failed records one by one
// (ReportBatchItemFailures), so a poison record is retried and bisected alone while the rest of the
// batch goes on. Idempotent: the count is keyed by the click's ID, so a replayed record writes the
// same thing again.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { logStore, ProjectionStore } from './projection-store';

export function makeClickHandler(store: ProjectionStore) {
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  const recordHandler = async (record: KinesisStreamRecord): Promise<void> => {
    let click: { clickId?: unknown; page?: unknown };
    try {
      click = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    } catch {
      throw new Error(`record ${record.kinesis.sequenceNumber} is not JSON`);
    }
    if (typeof click.clickId !== 'string' || typeof click.page !== 'string') {
      throw new Error(`record ${record.kinesis.sequenceNumber} is not a click (clickId and page required)`);
    }
    await store.put(`click#${click.clickId}`, { page: click.page, sequence: record.kinesis.sequenceNumber });
  };
  return async (event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context });
}

export const handler = makeClickHandler(logStore);
