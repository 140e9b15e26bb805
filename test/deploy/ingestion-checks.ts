// The local deploy's checks of the ingestion stack (examples/ingestion.ts): the upload bucket,
// its notifications (which the deploy makes in place of aws-cdk-lib's custom resource, see
// moto-compat.ts) and the clickstream's Kinesis stream and mapping. One call from local-deploy.ts.
import { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { GetFunctionConcurrencyCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import {
  GetBucketEncryptionCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, QueueConfiguration,
} from '@aws-sdk/client-s3';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';

/** What local-deploy.ts lends the checks. */
export interface DeployChecks {
  readonly endpoint: string;
  readonly region: string;
  /** The stack's template as synthesized (before moto-compat): it still holds the notifications. */
  readonly template: any;
  check(what: string, ok: boolean, detail: unknown): void;
  heldTemplate(stackName: string): Promise<any>;
  physicalId(resources: StackResourceSummary[], type: string, logicalPrefix: string): string;
  logicalId(resources: StackResourceSummary[], type: string, logicalPrefix: string): string;
}

const STACK = 'GuardrailsIngestion';

export async function checkIngestion(c: any, resources: StackResourceSummary[], d: DeployChecks): Promise<void> {
  console.log('\n== read back: ingestion (uploads and clickstream)');
  await checkUploads(c, resources, d);
  await checkClickstream(c, resources, d);
}

async function checkUploads(c: any, resources: StackResourceSummary[], d: DeployChecks): Promise<void> {
  const held = (await d.heldTemplate(STACK)).Resources;
  // The upload bucket itself, not its access log bucket (PhotosBucketAccessLogs…).
  const uploads = resources.find((r) => r.ResourceType === 'AWS::S3::Bucket' && /^PhotosBucket[0-9A-F]{8}$/.test(r.LogicalResourceId ?? ''));
  if (!uploads?.PhysicalResourceId) throw new Error('no upload bucket PhotosBucket* was created');
  const bucketLogical = uploads.LogicalResourceId!;
  const bucketName = uploads.PhysicalResourceId!;
  const encryption = await c.s3.send(new GetBucketEncryptionCommand({ Bucket: bucketName }));
  const sse = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
  check(d, 'upload bucket is encrypted with SSE-S3 (EV3)', sse === 'AES256', encryption.ServerSideEncryptionConfiguration);
  // moto's CloudFormation keeps versioning, the public access block and the logging in the template only.
  const bucket = held[bucketLogical];
  check(d, 'upload bucket is versioned, blocks public access, logs access and is retained (EV2, EV3; moto keeps them in the template only)',
    bucket.Properties.VersioningConfiguration?.Status === 'Enabled' && bucket.Properties.PublicAccessBlockConfiguration?.RestrictPublicBuckets === true
      && bucket.Properties.LoggingConfiguration?.DestinationBucketName !== undefined && bucket.DeletionPolicy === 'Retain', bucket.Properties);

  // The notification handler's one call, with the custom resource's properties as synthesized.
  const custom = Object.values<any>(d.template.Resources)
    .find((r) => r.Type === 'Custom::S3BucketNotifications' && r.Properties.BucketName?.Ref === bucketLogical);
  const queueUrl = d.physicalId(resources, 'AWS::SQS::Queue', 'PhotosNotificationsQueue');
  const queueArn = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  const configurations: QueueConfiguration[] = (custom?.Properties.NotificationConfiguration.QueueConfigurations ?? [])
    .map((q: any) => ({ Events: q.Events, Filter: q.Filter, QueueArn: queueArn }));
  check(d, 'the bucket notifies the processor\'s queue of object creation under uploads/ (EV2)', configurations.length === 1
    && configurations[0].Events?.join() === 's3:ObjectCreated:*'
    && JSON.stringify(configurations[0].Filter) === JSON.stringify({ Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } }), configurations);
  await c.s3.send(new PutBucketNotificationConfigurationCommand({
    Bucket: bucketName,
    NotificationConfiguration: { QueueConfigurations: configurations },
  }));

  // Behaviour: an upload under uploads/ yields a message on the processor's queue; a thumbnail does not.
  await drain(c, queueUrl);
  await c.s3.send(new PutObjectCommand({ Bucket: bucketName, Key: 'uploads/cat.jpg', Body: 'jpeg' }));
  await c.s3.send(new PutObjectCommand({ Bucket: bucketName, Key: 'thumbnails/cat.jpg.json', Body: '{}' }));
  // Keys arrive URL-encoded, as the handler decodes them (moto also encodes `/`).
  const keys = (await drain(c, queueUrl)).flatMap((body) => (JSON.parse(body).Records ?? [])
    .map((r: any) => decodeURIComponent(String(r.s3?.object?.key).replace(/\+/g, ' '))));
  check(d, 'an uploaded object produces a message on the processor\'s queue; a write under thumbnails/ does not (EV2, FN13)',
    keys.join() === 'uploads/cat.jpg', keys);
  const processor = d.physicalId(resources, 'AWS::Lambda::Function', 'PhotosNotificationsProcessorFunction');
  const concurrency = await c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: processor }));
  check(d, 'the upload processor reserves 10 concurrent executions (FN5)', concurrency.ReservedConcurrentExecutions === 10, concurrency.ReservedConcurrentExecutions);
}

async function checkClickstream(c: any, resources: StackResourceSummary[], d: DeployChecks): Promise<void> {
  const held = (await d.heldTemplate(STACK)).Resources;
  const streamLogical = d.logicalId(resources, 'AWS::Kinesis::Stream', 'ClickstreamStream');
  const streamName = d.physicalId(resources, 'AWS::Kinesis::Stream', streamLogical);
  const summary = (await kinesis(d, 'DescribeStreamSummary', { StreamName: streamName })).StreamDescriptionSummary;
  check(d, 'the Kinesis stream keeps records 7 days (ES1)', summary?.RetentionPeriodHours === 168, summary);
  // moto's CloudFormation keeps the stream's encryption and mode in the template only.
  const stream = held[streamLogical];
  check(d, 'the Kinesis stream is KMS-encrypted, on-demand and retained (ES1, ES2; moto keeps encryption and mode in the template only)',
    (summary?.EncryptionType === 'KMS' || stream.Properties.StreamEncryption?.EncryptionType === 'KMS')
      && stream.Properties.StreamModeDetails?.StreamMode === 'ON_DEMAND' && stream.DeletionPolicy === 'Retain', stream.Properties);

  const mappings = (await c.lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
  const mapping = mappings.find((m: any) => m.EventSourceArn === summary?.StreamARN);
  check(d, 'the Kinesis mapping reads this stream with bisect, 3 retries, 6 h record age, factor 2, partial batch responses and a failure destination (ES1, ES2)',
    mapping !== undefined && mapping.BisectBatchOnFunctionError === true && mapping.MaximumRetryAttempts === 3
      && mapping.MaximumRecordAgeInSeconds === 21_600
      && mapping.ParallelizationFactor === 2 && mapping.FunctionResponseTypes?.includes('ReportBatchItemFailures') && !!mapping.DestinationConfig?.OnFailure?.Destination,
    mapping ?? mappings.map((m: any) => m.EventSourceArn));
  const processor = d.physicalId(resources, 'AWS::Lambda::Function', 'ClickstreamProcessorFunction');
  const concurrency = await c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: processor }));
  check(d, 'the click processor reserves factor 2 × 4 shards = 8 concurrent executions (FN5)', concurrency.ReservedConcurrentExecutions === 8, concurrency.ReservedConcurrentExecutions);
}

function check(d: DeployChecks, what: string, ok: boolean, detail: unknown): void {
  d.check(what, ok, detail);
}

/** Every message waiting on the queue (their bodies), deleted as read. */
async function drain(c: any, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const received = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    const messages = received.Messages ?? [];
    if (messages.length === 0) return bodies;
    for (const message of messages) {
      bodies.push(message.Body);
      await c.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

/** One call of Kinesis' JSON API (the project has no Kinesis SDK client; moto does not check signatures). */
async function kinesis(d: DeployChecks, action: string, body: object): Promise<any> {
  const response = await fetch(d.endpoint, {
    method: 'POST',
    // Bounded, like every SDK request of the deploy: a server that stops answering fails the check.
    signal: AbortSignal.timeout(60_000),
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `Kinesis_20131202.${action}`,
      'Authorization': `AWS4-HMAC-SHA256 Credential=test/20260101/${d.region}/kinesis/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Kinesis ${action} failed (${response.status}): ${await response.text()}`);
  return response.json();
}
