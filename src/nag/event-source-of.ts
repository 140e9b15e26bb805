import type { IndexedResource, TemplateIndex } from './template-index';
import { CfnValue, flattenToString } from '../template/cfn-values';

/** What an event source mapping or a pipe reads from, as far as the template tells. */
export type EventSourceKind = 'stream' | 'sqs' | 'other';

/** The service of a stream source. */
export type StreamService = 'dynamodb' | 'kinesis';

const STREAM_TYPES: { [type: string]: StreamService } = {
  'AWS::DynamoDB::Table': 'dynamodb',
  'AWS::DynamoDB::GlobalTable': 'dynamodb',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::Kinesis::StreamConsumer': 'kinesis',
};

/** The resource types `eventSourceOf` looks up: a rule that calls it lists them in its `lookupTypes`. */
export const EVENT_SOURCE_TYPES = ['AWS::SQS::Queue', ...Object.keys(STREAM_TYPES)];

/** The source of an AWS::Lambda::EventSourceMapping: its kind, the queue when it is one of the stack, the service of a stream. */
export interface EventSource {
  readonly kind: EventSourceKind;
  readonly queue?: IndexedResource;
  readonly streamService?: StreamService;
}

/** The source of an AWS::Lambda::EventSourceMapping, from references to the stack's resources or a literal ARN. */
export function eventSourceOf(mapping: IndexedResource, index: TemplateIndex): EventSource {
  return eventSourceOfArn(mapping.properties.EventSourceArn, index);
}

/** The source an ARN names (an event source mapping's or a pipe's), from references to the stack's resources or a literal ARN. */
export function eventSourceOfArn(arn: CfnValue, index: TemplateIndex): EventSource {
  const queue = index.referenced(arn, 'AWS::SQS::Queue')[0];
  if (queue) return { kind: 'sqs', queue };
  const streamType = Object.keys(STREAM_TYPES).find((type) => index.refersTo(arn, type));
  if (streamType) return { kind: 'stream', streamService: STREAM_TYPES[streamType] };
  const literal = flattenToString(arn);
  if (/:sqs:/.test(literal)) return { kind: 'sqs' };
  if (/:kinesis:/.test(literal)) return { kind: 'stream', streamService: 'kinesis' };
  if (/:dynamodb:.*\/stream\//.test(literal)) return { kind: 'stream', streamService: 'dynamodb' };
  return { kind: 'other' };
}
