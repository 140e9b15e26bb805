import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { GuardedFunction } from './guarded-function';
import { GuardedFunctionProps } from './guarded-function-props';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS } from '../core/limits';
import { knownNumber, PropsValidator } from '../core/validation';
import { functionErrorsAlarm } from '../observability/lambda-alarms';

/** The function a pattern invokes: a guarded function it created, or one the user brought. */
export interface PatternFunction {
  /** What triggers invoke: the guarded function's alias, or the user's function. */
  readonly target: lambda.IFunction;
  readonly guarded?: GuardedFunction;
  /** The timeout, when known at synth. */
  readonly timeout?: Duration;
  /** The reserved concurrency, when known at synth. */
  readonly reservedConcurrency?: number;
  /** OBS1: the function's errors alarm (the guarded function's own, or one made for the user's function). */
  readonly errorsAlarm: cloudwatch.Alarm;
}

/**
 * Every pattern takes each of its functions the same way (a processor, an API route's handler):
 * `props` of a GuardedFunction to create (the one place the FN guardrails are applied), or an
 * existing function `fn`, never both. `propName` names the pair in the error (`processor` /
 * `processorFunction`). A user's function gets an errors alarm (OBS1) named `<id>ErrorsAlarm`.
 */
export function guardedOrExistingFunction(scope: Construct, id: string, propName: string,
  props: GuardedFunctionProps | undefined, fn: lambda.IFunction | undefined, alarmTopic?: sns.ITopic): PatternFunction {
  new PropsValidator(scope).exactlyOne({ [propName]: props, [`${propName}Function`]: fn },
    `\`${propName}\` (props of a guarded function) or \`${propName}Function\` (an existing function)`, 'FN10').throwIfInvalid();
  if (props) {
    const guarded = new GuardedFunction(scope, id, { alarmTopic, ...props });
    return {
      target: guarded.alias,
      guarded,
      timeout: guarded.timeout,
      reservedConcurrency: knownNumber(guarded.reservedConcurrentExecutions),
      errorsAlarm: guarded.errorsAlarm,
    };
  }
  const existing = fn!;
  const cfn = existing instanceof lambda.Function ? existing.node.defaultChild as lambda.CfnFunction : undefined;
  const reserved = cfn ? Stack.of(existing).resolve(cfn.reservedConcurrentExecutions) : undefined;
  return {
    target: existing,
    timeout: existing instanceof lambda.Function ? existing.timeout ?? Duration.seconds(LAMBDA_DEFAULT_TIMEOUT_SECONDS) : undefined,
    reservedConcurrency: typeof reserved === 'number' ? knownNumber(reserved) : undefined,
    errorsAlarm: functionErrorsAlarm(scope, `${id}ErrorsAlarm`, existing, `${scope.node.path}: the ${propName} function`, alarmTopic),
  };
}
