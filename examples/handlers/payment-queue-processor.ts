// SQS consumer (ES4, ES5): Powertools reports failed messages one by one (ReportBatchItemFailures),
// so only they return to the queue and, after maxReceiveCount receives, to the DLQ. Idempotent:
// the result is keyed by the payment ID, so a message delivered twice writes the same thing again.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logStore, ProjectionStore } from './projection-store';

export function makePaymentQueueHandler(store: ProjectionStore) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const payment = JSON.parse(record.body) as { paymentId?: unknown; amount?: unknown };
    if (typeof payment.paymentId !== 'string' || typeof payment.amount !== 'number' || payment.amount <= 0) {
      throw new Error(`message ${record.messageId} is not a payment (paymentId and positive amount required)`);
    }
    await store.put(`payment#${payment.paymentId}`, { amount: payment.amount });
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context });
}

export const handler = makePaymentQueueHandler(logStore);
