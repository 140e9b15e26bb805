import { Validations } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mappingOf } from './fixtures';
import { sqsEventSourceFailureHandling } from '../../../../src/nag/rules/event-sources';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction as fn, ruleResult } from '../../support';

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
