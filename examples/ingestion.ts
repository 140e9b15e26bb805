import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { BucketEventProcessor, KinesisStreamProcessor } from '../src';
import { createAlarmTopic } from './topics';

const handlers = path.join(__dirname, 'handlers');

/**
 * Ingestion: an upload pipeline (uploads/ → thumbnails/ + a metadata table, EV2, EV3, FN13) and a
 * clickstream Kinesis processor (ES1, ES2).
 */
export class IngestionStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const alarmTopic = createAlarmTopic(this);

    // Uploads under uploads/ reach the processor through a queue; it writes thumbnails/ only (FN13).
    new BucketEventProcessor(this, 'Photos', {
      filters: [{ prefix: 'uploads/' }],
      writeKeyPatterns: ['thumbnails/*'],
      metadataTableProps: {
        partitionKey: { name: 'key', type: dynamodb.AttributeType.STRING },
        sortKey: { name: 'version', type: dynamodb.AttributeType.STRING },
      },
      processor: { entry: path.join(handlers, 'photo-uploaded.ts'), timeout: Duration.seconds(30) },
      alarmTopic,
    });

    // Clicks: an on-demand stream kept 7 days, read with two batches per shard.
    new KinesisStreamProcessor(this, 'Clickstream', {
      streamProps: { retentionPeriod: Duration.days(7) },
      processor: { entry: path.join(handlers, 'click-processor.ts'), timeout: Duration.seconds(30) },
      parallelizationFactor: 2,
      maxBatchingWindow: Duration.seconds(1),
      alarmTopic,
    });
  }
}
