import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { mappingOf } from './fixtures';
import { sqsVisibilityTimeout } from '../../../../src/nag/rules/event-sources';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction as fn, ruleResult } from '../../support';

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
