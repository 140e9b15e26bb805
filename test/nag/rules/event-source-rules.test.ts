import { CfnParameter, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { pipeStreamFailureHandling } from '../../../src/nag/rules/pipe-stream-failure-handling';
import { sqsEventSourceFailureHandling } from '../../../src/nag/rules/sqs-event-source-failure-handling';
import { sqsVisibilityTimeout } from '../../../src/nag/rules/sqs-visibility-timeout';
import { streamFailureHandling } from '../../../src/nag/rules/stream-failure-handling';
import { streamRecordAgeRetention } from '../../../src/nag/rules/stream-record-age-retention';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

function fn(stack: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => {};'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, ...props,
  });
}

function mappingOf(f: lambda.Function): lambda.EventSourceMapping {
  return f.node.children.find((c) => c instanceof lambda.EventSourceMapping) as lambda.EventSourceMapping;
}

describe('Guardrails-StreamFailureHandling (ES1)', () => {
  test('a bare DynamoDB stream mapping: one finding per missing piece, with rule id and path', () => {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.TRIM_HORIZON }));
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toEqual(['BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'ReportBatchItemFailures', 'OnFailure']);
    expect(guardrailsFindings(app)).toContainEqual(expect.stringMatching(/^Guardrails-StreamFailureHandling\[OnFailure\] at TestStack\/Fn\/DynamoDBEventSource:TestStackTable\w+\/Resource$/));
  });

  test('-1 (infinite) retries and record age, set through an escape hatch, are findings', () => {
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Stream');
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.KinesisEventSource(stream, {
      startingPosition: lambda.StartingPosition.LATEST,
      bisectBatchOnError: true,
      retryAttempts: 2,
      maxRecordAge: Duration.hours(1),
      reportBatchItemFailures: true,
      onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')),
    }));
    const cfn = mappingOf(f).node.defaultChild as lambda.CfnEventSourceMapping;
    cfn.addPropertyOverride('MaximumRetryAttempts', -1);
    cfn.addPropertyOverride('MaximumRecordAgeInSeconds', -1);
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toEqual(['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds']);
  });

  test('batch size 1: bisect and partial batch responses are not asked for (nothing to split); batch size 2 still needs them', () => {
    const { stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const one = fn(stack, 'One');
    one.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 1, retryAttempts: 3, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(one))).toBe(NagRuleCompliance.COMPLIANT);
    const two = fn(stack, 'Two');
    two.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST, batchSize: 2, retryAttempts: 3, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq2')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(two))).toEqual(['BisectBatchOnFunctionError', 'ReportBatchItemFailures']);
  });

  test('MaximumRecordAgeInSeconds is reported only next to infinite retries', () => {
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Stream');
    const complete = { startingPosition: lambda.StartingPosition.LATEST, bisectBatchOnError: true, reportBatchItemFailures: true };
    const finite = fn(stack, 'Finite');
    finite.addEventSource(new sources.KinesisEventSource(stream, { ...complete, retryAttempts: 5, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(finite))).toBe(NagRuleCompliance.COMPLIANT);
    const infinite = fn(stack, 'Infinite');
    infinite.addEventSource(new sources.KinesisEventSource(stream, { ...complete, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq2')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(infinite))).toEqual(['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds']);
  });

  test('a complete Kinesis mapping is compliant; tokens count as set', () => {
    const { stack } = newStack();
    const retries = new CfnParameter(stack, 'Retries', { type: 'Number', default: 3 });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      bisectBatchOnError: true,
      retryAttempts: retries.valueAsNumber,
      maxRecordAge: Duration.hours(1),
      reportBatchItemFailures: true,
      onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')),
    }));
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable to SQS mappings: they are not asked for a destination (Serverless pack false positive)', () => {
    const { stack } = newStack();
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue')));
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-SqsVisibilityTimeout (ES3)', () => {
  function setup(visibility: Duration | undefined, timeout: Duration, window?: Duration) {
    const { app, stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { visibilityTimeout: visibility });
    const f = fn(stack, 'Fn', { timeout });
    f.addEventSource(new sources.SqsEventSource(queue, { maxBatchingWindow: window }));
    return { app, stack, mapping: mappingOf(f) };
  }

  test('exactly 6 × timeout + window is compliant, one second less is a finding with path', () => {
    const exact = setup(Duration.seconds(65), Duration.seconds(10), Duration.seconds(5));
    expect(ruleResult(sqsVisibilityTimeout, exact.mapping)).toBe(NagRuleCompliance.COMPLIANT);
    const short = setup(Duration.seconds(64), Duration.seconds(10), Duration.seconds(5));
    expect(ruleResult(sqsVisibilityTimeout, short.mapping)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(short.app)).toContainEqual(expect.stringMatching(/^Guardrails-SqsVisibilityTimeout at TestStack\/Fn\/SqsEventSource:TestStackQueue\w+\/Resource$/));
  });

  test('defaults: 30 s visibility covers a 3 s timeout (18 s), but not with a 13 s window (31 s)', () => {
    expect(ruleResult(sqsVisibilityTimeout, setup(undefined, Duration.seconds(3)).mapping)).toBe(NagRuleCompliance.COMPLIANT);
    const withWindow = setup(undefined, Duration.seconds(3), Duration.seconds(13));
    expect(ruleResult(sqsVisibilityTimeout, withWindow.mapping)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('a token visibility timeout is not applicable, as is a stream mapping', () => {
    const { stack } = newStack();
    const visibility = new CfnParameter(stack, 'Visibility', { type: 'Number', default: 60 });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue', { visibilityTimeout: Duration.seconds(visibility.valueAsNumber) })));
    expect(ruleResult(sqsVisibilityTimeout, mappingOf(f))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const s = fn(stack, 'StreamFn');
    s.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST }));
    expect(ruleResult(sqsVisibilityTimeout, mappingOf(s))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-SqsEventSourceFailureHandling (ES4)', () => {
  test('no redrive policy, no partial batch responses, max concurrency above reserved: three findings', () => {
    const { app, stack } = newStack();
    const f = fn(stack, 'Fn', { reservedConcurrentExecutions: 5 });
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue'), { maxConcurrency: 6 }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(f))).toEqual(['RedrivePolicy', 'ReportBatchItemFailures', 'MaximumConcurrency']);
    expect(guardrailsFindings(app)).toContainEqual(expect.stringMatching(/^Guardrails-SqsEventSourceFailureHandling\[RedrivePolicy\] at TestStack\/Fn\/SqsEventSource:TestStackQueue\w+\/Resource$/));
  });

  test('queue with a DLQ, partial batch responses, max concurrency = reserved: compliant', () => {
    const { stack } = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const f = fn(stack, 'Fn', { reservedConcurrentExecutions: 5 });
    f.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } }),
      { maxConcurrency: 5, reportBatchItemFailures: true }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(f))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('batch size 1: partial batch responses are not asked for; the same queue with batch size 10 is a finding', () => {
    const { app, stack } = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { deadLetterQueue: { queue: new sqs.Queue(stack, 'Dlq'), maxReceiveCount: 3 } });
    const one = fn(stack, 'One');
    one.addEventSource(new sources.SqsEventSource(queue, { batchSize: 1 }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(one))).toBe(NagRuleCompliance.COMPLIANT);
    const ten = fn(stack, 'Ten');
    ten.addEventSource(new sources.SqsEventSource(queue, { batchSize: 10 }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(ten))).toEqual(['ReportBatchItemFailures']);
    Validations.of(mappingOf(ten)).acknowledge({ id: 'Guardrails-SqsEventSourceFailureHandling[ReportBatchItemFailures]', reason: 'ES4: test' });
    expect(guardrailsFindings(app).filter((f) => f.includes('SqsEventSourceFailureHandling'))).toEqual([]);
  });

  test('an imported queue (literal ARN) is checked on the mapping only; a stream mapping is not applicable', () => {
    const { stack } = newStack();
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.SqsEventSource(sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:123456789012:orders'), { reportBatchItemFailures: true }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(f))).toBe(NagRuleCompliance.COMPLIANT);
    const s = fn(stack, 'StreamFn');
    s.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST }));
    expect(ruleResult(sqsEventSourceFailureHandling, mappingOf(s))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-StreamRecordAgeRetention (ES1)', () => {
  function tableMapping(maxRecordAge?: Duration) {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.TRIM_HORIZON, maxRecordAge }));
    return { app, stack, mapping: mappingOf(f) };
  }

  test('a DynamoDB stream mapping above 86,400 s is a finding with path; exactly 86,400 s is compliant', () => {
    const above = tableMapping(Duration.seconds(86_401));
    expect(ruleResult(streamRecordAgeRetention, above.mapping)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(above.app)).toContainEqual(expect.stringMatching(/^Guardrails-StreamRecordAgeRetention at TestStack\/Fn\/DynamoDBEventSource:TestStackTable\w+\/Resource$/));
    expect(ruleResult(streamRecordAgeRetention, tableMapping(Duration.days(1)).mapping)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('-1 and an absent value are left to StreamFailureHandling: one finding for one problem', () => {
    const absent = tableMapping();
    expect(ruleResult(streamRecordAgeRetention, absent.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const infinite = tableMapping(Duration.days(1));
    (infinite.mapping.node.defaultChild as lambda.CfnEventSourceMapping).addPropertyOverride('MaximumRecordAgeInSeconds', -1);
    expect(ruleResult(streamRecordAgeRetention, infinite.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const findings = guardrailsFindings(infinite.app).filter((finding) => /MaximumRecordAge|RecordAgeRetention/.test(finding));
    expect(findings).toEqual([expect.stringMatching(/^Guardrails-StreamFailureHandling\[MaximumRecordAgeInSeconds\] at /)]);
  });

  test('a literal DynamoDB stream ARN is checked; Kinesis, SQS and a token record age are not applicable', () => {
    const { stack } = newStack();
    const importedTable = new lambda.EventSourceMapping(stack, 'ImportedMapping', {
      target: fn(stack, 'Imported'),
      eventSourceArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      maxRecordAge: Duration.days(2),
    });
    expect(ruleResult(streamRecordAgeRetention, importedTable)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const k = fn(stack, 'KinesisFn');
    k.addEventSource(new sources.KinesisEventSource(new kinesis.Stream(stack, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST, maxRecordAge: Duration.days(7) }));
    expect(ruleResult(streamRecordAgeRetention, mappingOf(k))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const q = fn(stack, 'QueueFn');
    q.addEventSource(new sources.SqsEventSource(new sqs.Queue(stack, 'Queue')));
    expect(ruleResult(streamRecordAgeRetention, mappingOf(q))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const age = new CfnParameter(stack, 'Age', { type: 'Number', default: 172_800 });
    const token = tableMapping();
    (token.mapping.node.defaultChild as lambda.CfnEventSourceMapping).addPropertyOverride('MaximumRecordAgeInSeconds', age.valueAsNumber);
    expect(ruleResult(streamRecordAgeRetention, token.mapping)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  test('the finding can be acknowledged on its mapping alone', () => {
    const { app, mapping } = tableMapping(Duration.days(2));
    Validations.of(mapping).acknowledge({ id: 'Guardrails-StreamRecordAgeRetention', reason: 'ES1: test' });
    const findings = guardrailsFindings(app);
    expect(findings.filter((finding) => finding.startsWith('Guardrails-StreamRecordAgeRetention'))).toEqual([]);
    expect(findings).toContainEqual(expect.stringMatching(/^Guardrails-StreamFailureHandling\[OnFailure\] at /));
  });
});

describe('Guardrails-PipeStreamFailureHandling (ES1)', () => {
  function pipe(stack: Stack, id: string, source: string, sourceParameters?: pipes.CfnPipe.PipeSourceParametersProperty) {
    return new pipes.CfnPipe(stack, id, { roleArn: 'arn:aws:iam::123456789012:role/pipe', source, target: new sqs.Queue(stack, `${id}Target`).queueArn, sourceParameters });
  }

  test('a pipe from a DynamoDB stream with the defaults (infinite retries, no DLQ): one finding per missing piece, with path', () => {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const p = pipe(stack, 'Pipe', table.tableStreamArn!, { dynamoDbStreamParameters: { startingPosition: 'LATEST' } });
    expect(ruleResult(pipeStreamFailureHandling, p)).toEqual(['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'DeadLetterConfig']);
    expect(guardrailsFindings(app)).toContain('Guardrails-PipeStreamFailureHandling[DeadLetterConfig] at TestStack/Pipe');
  });

  test('a Kinesis pipe with bounded retries and a DLQ is compliant; retries without a DLQ are a finding', () => {
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Stream');
    const dlq = new sqs.Queue(stack, 'Dlq');
    const ok = pipe(stack, 'Ok', stream.streamArn, { kinesisStreamParameters: { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 3, deadLetterConfig: { arn: dlq.queueArn } } });
    expect(ruleResult(pipeStreamFailureHandling, ok)).toBe(NagRuleCompliance.COMPLIANT);
    const noDlq = pipe(stack, 'NoDlq', stream.streamArn, { kinesisStreamParameters: { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 3 } });
    expect(ruleResult(pipeStreamFailureHandling, noDlq)).toEqual(['DeadLetterConfig']);
  });

  test('a literal stream ARN without parameters is checked; an SQS source and other resources are not applicable', () => {
    const { stack } = newStack();
    expect(ruleResult(pipeStreamFailureHandling, pipe(stack, 'Literal', 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders'))).toEqual(['MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'DeadLetterConfig']);
    expect(ruleResult(pipeStreamFailureHandling, pipe(stack, 'Queue', new sqs.Queue(stack, 'Source').queueArn))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(pipeStreamFailureHandling, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
