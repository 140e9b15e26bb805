import { Duration, Size } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GuardedFunctionProps } from './guarded-function-props';
import { validateProvisionedScaling } from './provisioned-concurrency';
import { ReservedConcurrency, ReservedConcurrencyMode } from './reserved-concurrency';
import { validateDeployment } from './safe-rollout';
import { FUNCTION_DEFAULTS } from '../core/defaults';
import {
  LAMBDA_ALIAS_NAME, LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS, LAMBDA_ASYNC_RETRY_ATTEMPTS, LAMBDA_ENVIRONMENT_KEY, LAMBDA_EPHEMERAL_STORAGE_MB,
  LAMBDA_FUNCTION_NAME, LAMBDA_MEMORY_MB, LAMBDA_PROVISIONED_CONCURRENCY, LAMBDA_RESERVED_CONCURRENCY, LAMBDA_TIMEOUT_SECONDS,
} from '../core/limits';
import { knownNumber, mebibytesOf, PropsValidator, secondsOf } from '../core/validation';

/** The sizes and limits of a guarded function after the library's defaults (FN1, FN2, FN4, FN5, FN9). */
export interface FunctionSettings {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly ephemeralStorageSize: Size;
  readonly reservedConcurrency: ReservedConcurrency;
  readonly asyncRetryAttempts: number;
  readonly asyncMaxEventAge: Duration;
}

/** The settings of `props` with the library's defaults filled in; see {@link validateFunctionProps}. */
export function functionSettings(props: GuardedFunctionProps): FunctionSettings {
  return {
    memorySize: props.memorySize ?? FUNCTION_DEFAULTS.memorySizeMb,
    timeout: props.timeout ?? Duration.seconds(FUNCTION_DEFAULTS.timeoutSeconds),
    ephemeralStorageSize: props.ephemeralStorageSize ?? Size.mebibytes(FUNCTION_DEFAULTS.ephemeralStorageMb),
    reservedConcurrency: props.reservedConcurrency ?? ReservedConcurrency.of(FUNCTION_DEFAULTS.reservedConcurrency),
    asyncRetryAttempts: props.asyncInvocation?.retryAttempts ?? FUNCTION_DEFAULTS.asyncRetryAttempts,
    asyncMaxEventAge: props.asyncInvocation?.maxEventAge ?? Duration.seconds(FUNCTION_DEFAULTS.asyncMaxEventAgeSeconds),
  };
}

/** Every rule of a guarded function's props, checked before anything is built: one error lists all that fail. */
export function validateFunctionProps(scope: IConstruct, props: GuardedFunctionProps, settings: FunctionSettings): void {
  const validator = new PropsValidator(scope)
    .exactlyOne({ code: props.code, entry: props.entry }, '`code` (prebuilt, with `handler`) or `entry` (bundled by esbuild)', 'FN15')
    .check(props.code !== undefined && !props.handler, 'handler', 'is required with `code`', props.handler, 'FN15')
    .check(props.code !== undefined && props.bundler !== undefined, 'bundler', 'applies with `entry` only (`code` is not bundled)', props.bundler, 'FN15')
    .check(props.code !== undefined && props.bundling !== undefined, 'bundling', 'applies with `entry` only (`code` is not bundled)',
      `{ ${Object.keys(props.bundling ?? {}).join(', ')} }`, 'FN15')
    .range('memorySize', settings.memorySize, LAMBDA_MEMORY_MB)
    .range('timeout', secondsOf(settings.timeout), LAMBDA_TIMEOUT_SECONDS)
    .range('ephemeralStorageSize', mebibytesOf(settings.ephemeralStorageSize), LAMBDA_EPHEMERAL_STORAGE_MB)
    .logRetention('logRetention', props.logRetention, 'FN8');
  validateNames(validator, props);
  validateConcurrency(validator, settings.reservedConcurrency, props.provisionedConcurrency);
  validateProvisionedScaling(validator, props.provisionedConcurrencyScaling, props.provisionedConcurrency, settings.reservedConcurrency);
  validateDeployment(validator, props.deployment);
  if (props.asyncInvocation) {
    validator.range('asyncInvocation.retryAttempts', settings.asyncRetryAttempts, LAMBDA_ASYNC_RETRY_ATTEMPTS)
      .range('asyncInvocation.maxEventAge', secondsOf(settings.asyncMaxEventAge), LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS);
  }
  validator.throwIfInvalid();
}

/** FN3, FN10: names checked when literal, with Lambda's own rules, before aws-cdk-lib sees them. */
function validateNames(validator: PropsValidator, props: GuardedFunctionProps): void {
  validator.format('aliasName', props.aliasName, LAMBDA_ALIAS_NAME).format('functionName', props.functionName, LAMBDA_FUNCTION_NAME);
  for (const key of Object.keys(props.environment ?? {})) validator.format(`environment key ${key}`, key, LAMBDA_ENVIRONMENT_KEY);
  for (const key of Object.keys(props.secrets ?? {})) {
    validator.format(`secrets key ${key}`, key, LAMBDA_ENVIRONMENT_KEY)
      .check(props.environment?.[key] !== undefined, `secrets key ${key}`,
        'is also set in `environment`; one variable holds either a secret\'s ARN or a plain value', key, 'FN3');
  }
}

/**
 * FN5: an opt-out says why; a reservation is at least 1 (0 is said with `disabled`); provisioned
 * concurrency at least 1 and, when both are known at synth, at most the reserved concurrency.
 */
function validateConcurrency(validator: PropsValidator, reserved: ReservedConcurrency, provisioned: number | undefined): void {
  if (reserved.mode !== ReservedConcurrencyMode.RESERVED) {
    validator.reason('reservedConcurrency', reserved.reason, 'FN5', `ReservedConcurrency.${reserved.mode}() needs a non-empty reason`);
  } else {
    const executions = knownNumber(reserved.executions);
    if (executions !== undefined && executions < LAMBDA_RESERVED_CONCURRENCY.min) {
      validator.check(true, 'reservedConcurrency',
        `must be at least ${LAMBDA_RESERVED_CONCURRENCY.min}; to switch the function off say so with ReservedConcurrency.disabled(reason)`, executions, 'FN5');
    } else {
      validator.range('reservedConcurrency', reserved.executions, LAMBDA_RESERVED_CONCURRENCY);
    }
  }
  validator.range('provisionedConcurrency', provisioned, LAMBDA_PROVISIONED_CONCURRENCY);
  const knownProvisioned = knownNumber(provisioned);
  const knownReserved = knownNumber(reserved.executions);
  validator.check(knownProvisioned !== undefined && knownReserved !== undefined && knownProvisioned > knownReserved, 'provisionedConcurrency',
    `must not exceed the reserved concurrency (${knownReserved})`, knownProvisioned, 'FN5');
}
