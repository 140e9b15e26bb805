import { Duration, Validations } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { eventTargetRetryPolicy } from '../../../../src/nag/rules/events';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-EventTargetRetryPolicy (EV1)', () => {
  test('a target without retry policy and DLQ: one finding each, per target ID, with path', () => {
    const { app, stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['RetryPolicy:Target0', 'DeadLetterConfig:Target0']);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining([
      'Guardrails-EventTargetRetryPolicy[RetryPolicy:Target0] at TestStack/Rule/Resource',
      'Guardrails-EventTargetRetryPolicy[DeadLetterConfig:Target0] at TestStack/Rule/Resource',
    ]));
  });

  test('a retry policy without a DLQ is a finding: events are dropped when the retries run out', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['DeadLetterConfig:Target0']);
  });

  test('targets with a retry policy and a DLQ are compliant; a rule without targets is compliant', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { retryAttempts: 2, maxEventAge: Duration.hours(1), deadLetterQueue: new sqs.Queue(stack, 'Dlq') }));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(eventTargetRetryPolicy, new events.Rule(stack, 'Empty', { schedule: events.Schedule.rate(Duration.hours(1)) }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('the DLQ finding of one target can be acknowledged alone', () => {
    const { app, stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.rate(Duration.hours(1)) });
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    Validations.of(rule).acknowledge({ id: 'Guardrails-EventTargetRetryPolicy[DeadLetterConfig:Target0]', reason: 'EV1: test' });
    expect(guardrailsFindings(app).filter((finding) => finding.includes('EventTargetRetryPolicy')))
      .toEqual(['Guardrails-EventTargetRetryPolicy[RetryPolicy:Target0] at TestStack/Rule/Resource']);
  });

  test('targets that do no application work (a CodePipeline source trigger, a log group copy) are compliant; a queue target on the same rule is not', () => {
    const { stack } = newStack();
    const rule = new events.Rule(stack, 'Rule', { eventPattern: { source: ['aws.codecommit'] } });
    rule.addTarget(new targets.CodePipeline(codepipeline.Pipeline.fromPipelineArn(stack, 'Pipeline', 'arn:aws:codepipeline:eu-west-1:123456789012:deploy')));
    rule.addTarget(new targets.CloudWatchLogGroup(new logs.LogGroup(stack, 'EventLog')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toBe(NagRuleCompliance.COMPLIANT);
    rule.addTarget(new targets.SqsQueue(new sqs.Queue(stack, 'Q')));
    expect(ruleResult(eventTargetRetryPolicy, rule)).toEqual(['RetryPolicy:Target2', 'DeadLetterConfig:Target2']);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(eventTargetRetryPolicy, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
