// Local CloudFormation deploy of the reference app against moto_server (`npm run deploy:local`,
// run by CI): uploads the assets, creates every stack through moto's CloudFormation API and asserts
// CREATE_COMPLETE, reads the key settings back through the service APIs, and exercises two
// behaviours on the deployed resources (SQS redrive to the DLQ, DynamoDB stream records).
// moto's gaps and what this script changes for them are in moto-compat.ts; moto runs no Lambda
// code without Docker, so handlers are deployed but never invoked.
import * as fs from 'fs';
import * as path from 'path';
import {
  CloudFormationClient, CreateStackCommand, DescribeStacksCommand, GetTemplateCommand, ListStackResourcesCommand, StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { GetFunctionConcurrencyCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import AdmZip from 'adm-zip';
import { checkIngestion } from './ingestion-checks';
import { checkJobsFanOut } from './jobs-fan-out-checks';
import { motoCompatible } from './moto-compat';
import { MotoServer } from './moto-server';
import { checkSafeRollout } from './safe-rollout-checks';
import { checkWebIdentity } from './web-identity-checks';
import { requirePythonTool } from '../../examples/python-tools';
import { REFERENCE_OUTDIR, referenceAssembly } from '../../examples/reference-assembly';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

interface Check { readonly what: string; readonly ok: boolean; readonly detail: string }
const checks: Check[] = [];
function check(what: string, ok: boolean, detail: unknown): void {
  checks.push({ what, ok, detail: typeof detail === 'string' ? detail : JSON.stringify(detail) });
  console.log(`${ok ? '  ✓' : '  ✗'} ${what}${ok ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
}

async function main(): Promise<number> {
  // The tool first: a missing moto_server stops here, before any synthesis.
  let motoServer: string;
  try {
    motoServer = requirePythonTool('moto_server');
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  process.env.PATH = `${path.dirname(motoServer)}${path.delimiter}${process.env.PATH}`;
  process.env.CDK_DEFAULT_ACCOUNT = ACCOUNT;
  process.env.CDK_DEFAULT_REGION = REGION;
  // cdk.out/ of `npm run example` (or of the jest test) when it is current, else a new synthesis.
  const { assembly, reused } = referenceAssembly({ account: ACCOUNT, region: REGION });
  const outdir = REFERENCE_OUTDIR;
  console.log(reused ? `reference app: reusing ${path.relative(process.cwd(), outdir)}/ (synthesized from the current sources)` : 'reference app: synthesized');
  const server = await MotoServer.start();
  const stopOnSignal = () => { server.stop(); process.exit(130); };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    // A bounded wait on every request: a server that stops answering fails the deploy instead of hanging it.
    const config = { endpoint: server.endpoint, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: { requestTimeout: 60_000 } };
    const clients = {
      cfn: new CloudFormationClient(config),
      s3: new S3Client({ ...config, forcePathStyle: true }),
      sqs: new SQSClient(config),
      ddb: new DynamoDBClient(config),
      streams: new DynamoDBStreamsClient(config),
      lambda: new LambdaClient(config),
      sfn: new SFNClient(config),
    };
    console.log(`moto_server on ${server.endpoint} (its log: ${server.logFile})`);
    await uploadAssets(clients.s3, outdir);
    const resources: Record<string, StackResourceSummary[]> = {};
    for (const stack of assembly.stacks) {
      const { template, changes } = motoCompatible(stack.template);
      console.log(`\n== ${stack.stackName}: ${changes.length} changes for moto (${changes.slice(0, 3).join('; ')}${changes.length > 3 ? '; ...' : ''})`);
      await clients.cfn.send(new CreateStackCommand({ StackName: stack.stackName, TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] }));
      const status = await waitForStack(clients.cfn, stack.stackName);
      check(`${stack.stackName} is CREATE_COMPLETE`, status === 'CREATE_COMPLETE', status);
      const listed = await clients.cfn.send(new ListStackResourcesCommand({ StackName: stack.stackName }));
      resources[stack.stackName] = listed.StackResourceSummaries ?? [];
      const created = new Set(resources[stack.stackName].map((r) => r.LogicalResourceId));
      const skipped = Object.entries<any>(template.Resources).filter(([id]) => !created.has(id)).map(([, r]) => r.Type);
      console.log(`  ${created.size} of ${Object.keys(template.Resources).length} resources modelled by moto; skipped types: ${[...new Set(skipped)].sort().join(', ') || 'none'}`);
    }
    await checkEventProcessors(clients, resources.GuardrailsEventProcessors ?? []);
    await checkWorkflow(clients, resources.GuardrailsWorkflow ?? []);
    await checkFunctions(clients, resources.GuardrailsFunctions ?? []);
    await checkIngestion(clients, resources.GuardrailsIngestion ?? [], {
      endpoint: server.endpoint,
      region: REGION,
      template: assembly.getStackByName('GuardrailsIngestion').template,
      check,
      heldTemplate: (name) => heldTemplate(clients.cfn, name),
      physicalId,
      logicalId,
    });
    await checkSafeRollout(clients, 'GuardrailsSafeRollout', resources.GuardrailsSafeRollout ?? [], check);
    await checkJobsFanOut({
      endpoint: server.endpoint, region: REGION, account: ACCOUNT, clients, resources: resources.GuardrailsJobsFanOut ?? [], check, stackName: 'GuardrailsJobsFanOut',
    });
    await checkWebIdentity({
      endpoint: server.endpoint,
      region: REGION,
      clients,
      resources: resources.GuardrailsWeb ?? [],
      check,
      stackName: 'GuardrailsWeb',
      template: assembly.getStackByName('GuardrailsWeb').template,
    });
  } finally {
    server.stop();
  }
  const failed = checks.filter((c) => !c.ok);
  console.log(`\nlocal deploy: ${checks.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

/** Uploads every file asset of the assembly where the templates expect it (zipped directories). */
async function uploadAssets(s3: S3Client, outdir: string): Promise<void> {
  const buckets = new Set<string>();
  for (const manifest of fs.readdirSync(outdir).filter((file) => file.endsWith('.assets.json'))) {
    const { files } = JSON.parse(fs.readFileSync(path.join(outdir, manifest), 'utf8'));
    for (const asset of Object.values<any>(files ?? {})) {
      const source = path.join(outdir, asset.source.path);
      const body = asset.source.packaging === 'zip' ? zipDirectory(source) : fs.readFileSync(source);
      for (const destination of Object.values<any>(asset.destinations)) {
        const bucket = String(destination.bucketName).replace('${AWS::AccountId}', ACCOUNT).replace('${AWS::Region}', REGION);
        if (!buckets.has(bucket)) {
          await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
          buckets.add(bucket);
        }
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: destination.objectKey, Body: body }));
      }
    }
  }
  console.log(`assets uploaded to ${[...buckets].join(', ')}`);
}

function zipDirectory(dir: string): Buffer {
  const zip = new AdmZip();
  zip.addLocalFolder(dir);
  return zip.toBuffer();
}

async function waitForStack(cfn: CloudFormationClient, name: string): Promise<string | undefined> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
    if (status && !status.endsWith('IN_PROGRESS')) return status;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 'TIMED_OUT';
}

function physicalId(resources: StackResourceSummary[], type: string, logicalPrefix: string): string {
  const found = resources.find((r) => r.ResourceType === type && r.LogicalResourceId?.startsWith(logicalPrefix));
  if (!found?.PhysicalResourceId) throw new Error(`no ${type} ${logicalPrefix}* was created`);
  return found.PhysicalResourceId;
}

async function checkEventProcessors(c: any, resources: StackResourceSummary[]): Promise<void> {
  console.log('\n== read back: event processors');
  const tableName = physicalId(resources, 'AWS::DynamoDB::Table', 'OrdersTable');
  const table = (await c.ddb.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  check('table stream is NEW_AND_OLD_IMAGES (DB4)', table?.StreamSpecification?.StreamViewType === 'NEW_AND_OLD_IMAGES', table?.StreamSpecification);
  // moto's CloudFormation does not apply PointInTimeRecoverySpecification: read it from the template moto holds.
  const backups = (await c.ddb.send(new DescribeContinuousBackupsCommand({ TableName: tableName }))).ContinuousBackupsDescription;
  const heldTable = (await heldTemplate(c.cfn, 'GuardrailsEventProcessors')).Resources[logicalId(resources, 'AWS::DynamoDB::Table', 'OrdersTable')];
  const pitr = heldTable.Properties.PointInTimeRecoverySpecification;
  check('table PITR is enabled (DB2; moto keeps it in the template only)',
    backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED' || pitr?.PointInTimeRecoveryEnabled === true, pitr);
  check('table has deletion protection and is retained (DB2)', heldTable.Properties.DeletionProtectionEnabled === true && heldTable.DeletionPolicy === 'Retain', heldTable);

  const queueUrl = physicalId(resources, 'AWS::SQS::Queue', 'PaymentsQueue');
  const attributes = (await c.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }))).Attributes ?? {};
  const redrive = JSON.parse(attributes.RedrivePolicy ?? '{}');
  check('queue redrives to the DLQ after 3 receives (ES4)', Number(redrive.maxReceiveCount) === 3, attributes.RedrivePolicy);
  check('queue visibility timeout is 6 × the 20 s function timeout (ES3)', attributes.VisibilityTimeout === '120', attributes.VisibilityTimeout);
  check('queue long polling is 20 s (MSG1)', attributes.ReceiveMessageWaitTimeSeconds === '20', attributes.ReceiveMessageWaitTimeSeconds);

  const mappings = (await c.lambda.send(new ListEventSourceMappingsCommand({}))).EventSourceMappings ?? [];
  const streamMapping = mappings.find((m: any) => String(m.EventSourceArn).includes(':dynamodb:'));
  check('stream mapping exists with bisect, bounded retries and a failure destination (ES1)',
    streamMapping !== undefined && streamMapping.BisectBatchOnFunctionError === true && streamMapping.MaximumRetryAttempts === 3
      && !!streamMapping.DestinationConfig?.OnFailure?.Destination,
    streamMapping);
  for (const [logical, expected] of [['OrdersProcessorFunction', 4], ['PaymentsProcessorFunction', 10]] as const) {
    const name = physicalId(resources, 'AWS::Lambda::Function', logical);
    const concurrency = await c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
    check(`${logical} reserves ${expected} concurrent executions (FN5)`, concurrency.ReservedConcurrentExecutions === expected, concurrency.ReservedConcurrentExecutions);
  }

  // Behaviour: a message received more than maxReceiveCount times ends in the DLQ.
  const dlqUrl = physicalId(resources, 'AWS::SQS::Queue', 'PaymentsDeadLetterQueue');
  await c.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"paymentId":"poison"}', MessageGroupId: 'g1', MessageDeduplicationId: 'poison-1' }));
  for (let receive = 0; receive < 4; receive++) {
    await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0, MaxNumberOfMessages: 1 }));
  }
  const inDlq = (await c.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 0, MaxNumberOfMessages: 1 }))).Messages ?? [];
  check('a message received more than 3 times ends in the DLQ (ES4)', inDlq[0]?.Body === '{"paymentId":"poison"}', inDlq);

  check('the stream mapping reads this table\'s stream', streamMapping?.EventSourceArn === table?.LatestStreamArn, [streamMapping?.EventSourceArn, table?.LatestStreamArn]);

  // Behaviour: putting and changing an item yields INSERT and MODIFY stream records. moto hands the
  // records of a mapped table to the function (which it cannot run without Docker) and then drops
  // them from the stream, so the table's resource, exactly as synthesized, is deployed once more
  // on its own and read through DynamoDB Streams.
  const tableOnly = { Resources: { Table: { ...heldTable, DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' } } };
  tableOnly.Resources.Table.Properties = { ...heldTable.Properties, DeletionProtectionEnabled: false };
  await c.cfn.send(new CreateStackCommand({ StackName: 'OrdersTableOnly', TemplateBody: JSON.stringify(tableOnly) }));
  check('the table resource alone is CREATE_COMPLETE', await waitForStack(c.cfn, 'OrdersTableOnly') === 'CREATE_COMPLETE', 'OrdersTableOnly');
  const plainTable = physicalId((await c.cfn.send(new ListStackResourcesCommand({ StackName: 'OrdersTableOnly' }))).StackResourceSummaries ?? [], 'AWS::DynamoDB::Table', 'Table');
  const streamArn = (await c.ddb.send(new DescribeTableCommand({ TableName: plainTable }))).Table?.LatestStreamArn;
  await c.ddb.send(new PutItemCommand({ TableName: plainTable, Item: { pk: { S: 'o1' }, total: { N: '10' } } }));
  await c.ddb.send(new UpdateItemCommand({
    TableName: plainTable,
    Key: { pk: { S: 'o1' } },
    UpdateExpression: 'SET #t = :t',
    ExpressionAttributeNames: { '#t': 'total' },
    ExpressionAttributeValues: { ':t': { N: '12' } },
  }));
  const stream = (await c.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription;
  const iterator = (await c.streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: stream.Shards[0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  const records = (await c.streams.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records ?? [];
  const events = records.map((r: any) => r.eventName);
  check('put then update yields INSERT and MODIFY stream records (DB4)', events.join(',') === 'INSERT,MODIFY', events);
  check('the MODIFY record carries old and new images (NEW_AND_OLD_IMAGES)', records[1]?.dynamodb?.OldImage?.total?.N === '10' && records[1]?.dynamodb?.NewImage?.total?.N === '12', records[1]?.dynamodb);
}

/** The template as moto's CloudFormation holds it (after moto-compat). */
async function heldTemplate(cfn: CloudFormationClient, stackName: string): Promise<any> {
  return JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: stackName }))).TemplateBody ?? '{}');
}

function logicalId(resources: StackResourceSummary[], type: string, logicalPrefix: string): string {
  return resources.find((r) => r.ResourceType === type && r.LogicalResourceId?.startsWith(logicalPrefix))!.LogicalResourceId!;
}

async function checkWorkflow(c: any, resources: StackResourceSummary[]): Promise<void> {
  console.log('\n== read back: workflow');
  const arn = physicalId(resources, 'AWS::StepFunctions::StateMachine', 'OrderWorkflow');
  const machine = await c.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
  // moto's CloudFormation does not apply LoggingConfiguration and TracingConfiguration: read them from the template moto holds.
  const held = (await heldTemplate(c.cfn, 'GuardrailsWorkflow')).Resources[logicalId(resources, 'AWS::StepFunctions::StateMachine', 'OrderWorkflow')].Properties;
  const logging = machine.loggingConfiguration?.level === 'ALL' ? machine.loggingConfiguration : { level: held.LoggingConfiguration?.Level, includeExecutionData: held.LoggingConfiguration?.IncludeExecutionData };
  check('state machine logs ALL with execution data (WF3; moto keeps it in the template only)', logging.level === 'ALL' && logging.includeExecutionData === true, logging);
  check('state machine tracing is on (WF3; moto keeps it in the template only)', machine.tracingConfiguration?.enabled === true || held.TracingConfiguration?.Enabled === true, held.TracingConfiguration);
  const definition = JSON.parse(machine.definition);
  check('every task of the deployed definition has Retry and Catch (WF1)', Object.values<any>(definition.States).filter((s) => s.Type === 'Task')
    .every((s) => Array.isArray(s.Retry) && Array.isArray(s.Catch)), Object.keys(definition.States));
}

async function checkFunctions(c: any, resources: StackResourceSummary[]): Promise<void> {
  console.log('\n== read back: functions');
  const name = physicalId(resources, 'AWS::Lambda::Function', 'HelloFunction');
  const concurrency = await c.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
  check('the guarded function reserves 10 concurrent executions (FN5)', concurrency.ReservedConcurrentExecutions === 10, concurrency.ReservedConcurrentExecutions);
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });
