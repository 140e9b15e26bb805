import { flattenToString } from '../references';
import { IndexedResource, TemplateIndex } from '../template-index';

/** What an event source mapping reads from, as far as the template tells. */
export type EventSourceKind = 'stream' | 'sqs' | 'other';

const STREAM_TYPES = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Kinesis::Stream', 'AWS::Kinesis::StreamConsumer'];

/** The kind of source of an AWS::Lambda::EventSourceMapping, and the queue when it is one of the stack. */
export function eventSourceOf(mapping: IndexedResource, index: TemplateIndex): { kind: EventSourceKind; queue?: IndexedResource } {
  const arn = mapping.properties.EventSourceArn;
  const queue = index.referenced(arn, 'AWS::SQS::Queue')[0];
  if (queue) return { kind: 'sqs', queue };
  if (STREAM_TYPES.some((type) => index.referenced(arn, type).length > 0)) return { kind: 'stream' };
  const literal = flattenToString(arn);
  if (/:sqs:/.test(literal)) return { kind: 'sqs' };
  if (/:kinesis:/.test(literal) || /:dynamodb:.*\/stream\//.test(literal)) return { kind: 'stream' };
  return { kind: 'other' };
}

/** Whether the mapping reports partial batch failures. */
export function reportsBatchItemFailures(mapping: IndexedResource): boolean {
  const types = mapping.properties.FunctionResponseTypes;
  return Array.isArray(types) && types.includes('ReportBatchItemFailures');
}
