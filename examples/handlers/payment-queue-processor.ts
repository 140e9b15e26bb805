// SQS FIFO consumer (ES4, ES5, MSG2): Powertools' FIFO processor reports failed messages one by one
// (ReportBatchItemFailures) and keeps each message group in order: once a message fails, the later
// messages of its group are reported as failed without being processed, so they return to the
// queue behind it instead of overtaking it (a later update never overwrites a newer one). Other
// groups go on (skipGroupOnError). Idempotent: the result is keyed by the payment ID, so a message
// delivered twice writes the same thing again.
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logStore, ProjectionStore } from './projection-store';

export function makePaymentQueueHandler(store: ProjectionStore) {
  const processor = new SqsFifoPartialProcessorAsync();
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const payment = JSON.parse(record.body) as { paymentId?: unknown; amount?: unknown };
    if (typeof payment.paymentId !== 'string' || typeof payment.amount !== 'number' || payment.amount <= 0) {
      throw new Error(`message ${record.messageId} is not a payment (paymentId and positive amount required)`);
    }
    await store.put(`payment#${payment.paymentId}`, { amount: payment.amount });
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, recordHandler, processor, { context, skipGroupOnError: true });
}

export const handler = makePaymentQueueHandler(logStore);
