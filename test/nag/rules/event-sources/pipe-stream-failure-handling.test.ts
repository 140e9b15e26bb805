import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { pipeStreamFailureHandling } from '../../../../src/nag/rules/event-sources';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

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
