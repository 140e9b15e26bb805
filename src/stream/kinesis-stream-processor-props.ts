import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import { StreamProcessorProps } from './stream-processor-props';

/** The Kinesis data stream a KinesisStreamProcessor creates (ES1, ES2). */
export interface ProcessedStreamProps {
  /**
   * Shards of a provisioned stream, at least 1 (each takes 1 MB/s or 1,000 records/s in, 2 MB/s
   * out). Without it, the stream is on-demand and scales by itself.
   * @default - on-demand capacity
   */
  readonly shardCount?: number;
  /**
   * How long the stream keeps records, 24 hours – 365 days in whole hours (ES1): a discarded batch
   * can be read again from the stream within it.
   * @default Duration.hours(24)
   */
  readonly retentionPeriod?: Duration;
  /**
   * A customer-managed KMS key.
   * @default - KMS encryption with the AWS managed key `alias/aws/kinesis`
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * A physical name: 1–128 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
   * @default - generated
   */
  readonly streamName?: string;
  /**
   * What happens to the stream when it is removed from the stack or replaced: retained by default,
   * so the records it holds survive.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of a KinesisStreamProcessor. */
export interface KinesisStreamProcessorProps extends StreamProcessorProps {
  /**
   * An existing stream. When the app defines it, its retention bounds `maxRecordAge` and
   * `iteratorAgeAlarmThreshold` and its shard count the processor's default reserved concurrency.
   * Mutually exclusive with `streamProps`.
   * @default - a stream is created from `streamProps`
   */
  readonly stream?: kinesis.IStream;
  /**
   * The stream to create. Mutually exclusive with `stream`.
   * @default - an on-demand, KMS-encrypted stream with 24 hours of retention, retained
   */
  readonly streamProps?: ProcessedStreamProps;
  /**
   * Read through an enhanced fan-out consumer: a dedicated 2 MB/s per shard for this processor,
   * pushed over HTTP/2, instead of sharing the shard's read throughput with other consumers.
   * @default false
   */
  readonly enhancedFanOut?: boolean;
  /**
   * The name of the enhanced fan-out consumer: 1–128 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
   * @default - generated from the construct's path
   */
  readonly consumerName?: string;
}
