// The two consumers of the order events (MSG3). Billing receives the order as published (raw
// message delivery); shipping receives SNS's envelope, whose Message is the order. Each reports
// failed messages one by one (ES4) and keys its work by order ID (ES5).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

interface Order { readonly orderId: string; readonly total: number }

function parseOrder(text: string): Order {
  const order = JSON.parse(text) as Partial<Order>;
  if (typeof order.orderId !== 'string' || typeof order.total !== 'number') throw new Error('not an order');
  return order as Order;
}

const processor = new BatchProcessor(EventType.SQS);

export const billing = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, async (record: SQSRecord) => {
    const order = parseOrder(record.body);
    console.log(JSON.stringify({ message: 'invoice queued', key: `invoice#${order.orderId}`, total: order.total }));
  }, processor, { context });

export const shipping = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, async (record: SQSRecord) => {
    const order = parseOrder((JSON.parse(record.body) as { Message: string }).Message);
    console.log(JSON.stringify({ message: 'shipment prepared', key: `shipment#${order.orderId}` }));
  }, processor, { context });
