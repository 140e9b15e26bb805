import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ProcessorProps } from '../function/processor-props';

/**
 * How a stream processor reads its stream and where discarded batches go (ES1, ES2, OBS1): the
 * props every stream processor shares, whatever its stream (DynamoDB, Kinesis).
 */
export interface StreamProcessorProps extends ProcessorProps {
  /**
   * Where to start reading the stream (ES2).
   * @default StartingPosition.TRIM_HORIZON
   */
  readonly startingPosition?: lambda.StartingPosition;
  /**
   * Records per batch, 1–10,000 (ES2).
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * How long to gather records before invoking, 0–300 s (ES2). Useful for low traffic.
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Concurrent batches per shard, 1–10 (ES2). A processor created from `processor` reserves
   * parallelization factor × 4 executions (4 shards assumed); 10 × 4 when the factor is a token.
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Retries of a failed batch, 0–10,000 (ES1). Infinite retries (the value `-1`: retry until the
   * record expires) are rejected unless `allowInfiniteRetries` is set.
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * Allow `retryAttempts: -1`. A poison record then blocks its shard until it expires (24 hours
   * in a DynamoDB stream).
   * @default false
   */
  readonly allowInfiniteRetries?: boolean;
  /**
   * The age after which records go to the failure destination, 60 s – the stream's retention
   * (24 h for a DynamoDB stream), since a longer age would never be reached (ES1). The failure
   * message holds the shard and sequence numbers of the batch, not its records: keep the age well
   * below the retention so that they can still be read from the stream. It must be a literal
   * duration (aws-cdk-lib compares it at synth).
   * @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
  /**
   * Event filtering: only matching records invoke the processor (`lambda.FilterCriteria.filter(...)`).
   * @default - every record
   */
  readonly filters?: Array<{ [key: string]: any }>;
  /**
   * A standard SQS queue for discarded batches (ES1). Lambda does not send to FIFO queues. With a
   * customer-managed key, the processor may use exactly `kms:GenerateDataKey` and `kms:Decrypt` on
   * it. Mutually exclusive with `failureTopic`.
   * @default - an encrypted, SSL-only queue with 14-day retention and a depth alarm
   */
  readonly failureQueue?: sqs.IQueue;
  /**
   * A standard SNS topic for discarded batches instead of a queue, granted like `failureQueue`.
   * @default - a failure queue
   */
  readonly failureTopic?: sns.ITopic;
  /**
   * A tumbling window, 0–900 s (ES2): Lambda hands the processor the state it returned for the
   * window's earlier batches, for aggregates over a stream.
   * @default - no tumbling window
   */
  readonly tumblingWindow?: Duration;
  /**
   * The iterator age that means the processor falls behind (OBS1), 1 s – the stream's retention
   * (24 h for a DynamoDB stream): older records are trimmed, so a higher threshold could never be reached.
   * @default Duration.minutes(1)
   */
  readonly iteratorAgeAlarmThreshold?: Duration;
}
