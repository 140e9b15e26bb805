import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mappingOf } from './fixtures';
import { streamFailureHandling } from '../../../../src/nag/rules/event-sources';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction as fn, ruleResult } from '../../support';

describe('Guardrails-StreamFailureHandling (ES1)', () => {
  test('a bare DynamoDB stream mapping: one finding per missing piece, with rule id and path', () => {
    const { app, stack } = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const f = fn(stack, 'Fn');
    f.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.TRIM_HORIZON }));
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toEqual(['BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'ReportBatchItemFailures', 'OnFailure']);
    expect(guardrailsFindings(app)).toContainEqual(expect.stringMatching(/^Guardrails-StreamFailureHandling\[OnFailure\] at TestStack\/Fn\/DynamoDBEventSource:TestStackTable\w+\/Resource$/));
  });

  test('-1 (infinite) retries and record age, set through an escape hatch, are one finding (nothing bounds the retries)', () => {
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
    expect(ruleResult(streamFailureHandling, mappingOf(f))).toEqual(['MaximumRetryAttempts']);
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

  test('finite retries or, with infinite retries, a finite record age bound the retries; neither is the one finding MaximumRetryAttempts', () => {
    const { stack } = newStack();
    const stream = new kinesis.Stream(stack, 'Stream');
    const complete = { startingPosition: lambda.StartingPosition.LATEST, bisectBatchOnError: true, reportBatchItemFailures: true };
    const finite = fn(stack, 'Finite');
    finite.addEventSource(new sources.KinesisEventSource(stream, { ...complete, retryAttempts: 5, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(finite))).toBe(NagRuleCompliance.COMPLIANT);
    // No retryAttempts: MaximumRetryAttempts is absent (-1, infinite); the mapping gives up on a record after an hour.
    const byAge = fn(stack, 'ByAge');
    byAge.addEventSource(new sources.KinesisEventSource(stream, { ...complete, maxRecordAge: Duration.hours(1), onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq3')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(byAge))).toBe(NagRuleCompliance.COMPLIANT);
    const infinite = fn(stack, 'Infinite');
    infinite.addEventSource(new sources.KinesisEventSource(stream, { ...complete, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq2')) }));
    expect(ruleResult(streamFailureHandling, mappingOf(infinite))).toEqual(['MaximumRetryAttempts']);
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
