import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GuardedFunction, GuardedFunctionProps, ReservedConcurrency } from '../../src';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack } from '../support/stacks';

function synth(props: Partial<GuardedFunctionProps>) {
  const { app, stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async () => ({});'), handler: 'index.handler', ...props });
  return { app, stack, fn, template: Template.fromStack(stack) };
}

describe('provisioned concurrency that scales (FN12)', () => {
  test('target tracking on LambdaProvisionedConcurrencyUtilization at 0.7 by default, from 1 to maxCapacity on the alias', () => {
    const { app, template } = synth({ provisionedConcurrencyScaling: { maxCapacity: 5 } });
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 } });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 5,
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      ServiceNamespace: 'lambda',
      ResourceId: { 'Fn::Join': ['', ['function:', Match.anyValue(), ':live']] },
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 0.7,
        PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
      },
    });
    expectNoUnacknowledgedFindings(app);
  });

  test('scheduled actions, a target and a starting value of the user\'s', () => {
    const { template } = synth({
      reservedConcurrency: ReservedConcurrency.of(50),
      provisionedConcurrency: 4,
      provisionedConcurrencyScaling: {
        minCapacity: 2,
        maxCapacity: 20,
        utilizationTarget: 0.5,
        schedules: {
          MorningPeak: { schedule: appscaling.Schedule.cron({ hour: '7', minute: '45' }), minCapacity: 10 },
          Night: { schedule: appscaling.Schedule.cron({ hour: '22', minute: '0' }), minCapacity: 2, maxCapacity: 5 },
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 4 } });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 2,
      MaxCapacity: 20,
      ScheduledActions: [
        { ScheduledActionName: 'MorningPeak', Schedule: 'cron(45 7 * * ? *)', ScalableTargetAction: { MinCapacity: 10 } },
        { ScheduledActionName: 'Night', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 5 } },
      ],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 0.5 }) });
  });

  test('without scaling: no scalable target, the provisioned concurrency stays fixed', () => {
    const { template } = synth({ provisionedConcurrency: 3 });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    template.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 } });
  });
});

describe('provisioned concurrency validation (FN12, FN5)', () => {
  test('maxCapacity above the reserved concurrency (10 by default)', () => {
    expectValidationError(() => synth({ provisionedConcurrencyScaling: { maxCapacity: 11 } }), {
      path: 'TestStack/Fn', prop: 'provisionedConcurrencyScaling.maxCapacity', rule: 'must not exceed the reserved concurrency (10)', value: '11', practice: 'FN5',
    });
  });

  test('every broken rule in one error: minimum 0, maximum below it, target 0.95, start outside the range, an empty schedule', () => {
    expectOneErrorFor(() => synth({
      provisionedConcurrency: 9,
      provisionedConcurrencyScaling: {
        minCapacity: 0,
        maxCapacity: 5,
        utilizationTarget: 0.95,
        schedules: { Empty: { schedule: appscaling.Schedule.rate(Duration.hours(1)) }, Inverted: { schedule: appscaling.Schedule.cron({ hour: '1' }), minCapacity: 4, maxCapacity: 3 } },
      },
    }), 'TestStack/Fn', [
      { prop: 'provisionedConcurrencyScaling.minCapacity', practice: 'FN5' },
      { prop: 'provisionedConcurrencyScaling.utilizationTarget', practice: 'FN12' },
      { prop: 'provisionedConcurrency', practice: 'FN12' },
      { prop: 'provisionedConcurrencyScaling.schedules.Empty', practice: 'FN12' },
      { prop: 'provisionedConcurrencyScaling.schedules.Inverted.maxCapacity', practice: 'FN12' },
    ]);
  });

  test('maxCapacity below minCapacity', () => {
    expectValidationError(() => synth({ provisionedConcurrencyScaling: { minCapacity: 6, maxCapacity: 4 } }), {
      path: 'TestStack/Fn', prop: 'provisionedConcurrencyScaling.maxCapacity', rule: 'must be at least minCapacity (6)', value: '4', practice: 'FN12',
    });
  });

  test('tokens skip every check, comparisons included', () => {
    const { stack } = newStack();
    const max = new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber;
    expect(() => new GuardedFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      handler: 'index.handler',
      provisionedConcurrencyScaling: { maxCapacity: max, schedules: { Peak: { schedule: appscaling.Schedule.cron({ hour: '8' }), maxCapacity: max } } },
    })).not.toThrow();
  });
});
