import { Duration, TimeZone, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { JobSchedule, JobTarget, ScheduledJob } from '../../../../src';
import { scheduleTargetFailureHandling } from '../../../../src/nag/rules/events';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

const hourly = scheduler.ScheduleExpression.rate(Duration.hours(1));

describe('Guardrails-ScheduleTargetFailureHandling (EV1)', () => {
  test('a plain L1 schedule without retry policy and DLQ: one finding each, with path', () => {
    const { app, stack } = newStack();
    const schedule = new scheduler.CfnSchedule(stack, 'Schedule', {
      scheduleExpression: 'rate(1 hour)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: 'arn:aws:lambda:eu-west-1:123456789012:function:report', roleArn: 'arn:aws:iam::123456789012:role/scheduler' },
    });
    expect(ruleResult(scheduleTargetFailureHandling, schedule)).toEqual(['RetryPolicy', 'DeadLetterConfig']);
    expect(guardrailsFindings(app)).toEqual(expect.arrayContaining([
      'Guardrails-ScheduleTargetFailureHandling[RetryPolicy] at TestStack/Schedule',
      'Guardrails-ScheduleTargetFailureHandling[DeadLetterConfig] at TestStack/Schedule',
    ]));
  });

  test('aws-cdk-lib\'s Schedule always writes a retry policy; without a deadLetterQueue the DLQ is the finding', () => {
    const { stack } = newStack();
    const schedule = new scheduler.Schedule(stack, 'Schedule', { schedule: hourly, target: new targets.LambdaInvoke(plainFunction(stack, 'Fn')) });
    expect(ruleResult(scheduleTargetFailureHandling, schedule)).toEqual(['DeadLetterConfig']);
  });

  test('a target with a retry policy and a DLQ is compliant, and so is every ScheduledJob', () => {
    const { app, stack } = newStack();
    const schedule = new scheduler.Schedule(stack, 'Schedule', {
      schedule: hourly,
      target: new targets.LambdaInvoke(plainFunction(stack, 'Fn'), { retryAttempts: 3, deadLetterQueue: new sqs.Queue(stack, 'Dlq') }),
    });
    expect(ruleResult(scheduleTargetFailureHandling, schedule)).toBe(NagRuleCompliance.COMPLIANT);
    const job = new ScheduledJob(stack, 'Job', {
      schedule: JobSchedule.cron('0 2 * * ? *', TimeZone.ETC_UTC),
      target: JobTarget.function({ code: lambda.Code.fromInline('exports.handler = async () => {};'), handler: 'index.handler' }),
    });
    expect(ruleResult(scheduleTargetFailureHandling, job.schedule)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app).filter((finding) => finding.includes('ScheduleTargetFailureHandling') && finding.includes('/Job/'))).toEqual([]);
  });

  test('the DLQ finding can be acknowledged alone', () => {
    const { app, stack } = newStack();
    const schedule = new scheduler.CfnSchedule(stack, 'Schedule', {
      scheduleExpression: 'rate(1 hour)', flexibleTimeWindow: { mode: 'OFF' }, target: { arn: 'arn:aws:sqs:eu-west-1:123456789012:q', roleArn: 'arn:aws:iam::123456789012:role/s' },
    });
    Validations.of(schedule).acknowledge({ id: 'Guardrails-ScheduleTargetFailureHandling[DeadLetterConfig]', reason: 'EV1: test' });
    expect(guardrailsFindings(app).filter((finding) => finding.includes('ScheduleTargetFailureHandling')))
      .toEqual(['Guardrails-ScheduleTargetFailureHandling[RetryPolicy] at TestStack/Schedule']);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(scheduleTargetFailureHandling, new sqs.Queue(stack, 'Q'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
