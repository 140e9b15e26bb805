import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GuardedFunctionProps } from './guarded-function-props';
import { ReservedConcurrency } from './reserved-concurrency';
import { ProvisionedConcurrencyScaling } from './safe-rollout-props';
import { DEPLOYMENT_DEFAULTS } from '../core/defaults';
import { LAMBDA_PROVISIONED_CONCURRENCY, LAMBDA_PROVISIONED_UTILIZATION_TARGET } from '../core/limits';
import { knownNumber, PropsValidator } from '../core/validation';

/** FN12: the provisioned concurrency the alias starts with: the given value, else the scaling's minimum. */
export function initialProvisionedConcurrency(props: GuardedFunctionProps): number | undefined {
  const scaling = props.provisionedConcurrencyScaling;
  return props.provisionedConcurrency ?? (scaling ? scaling.minCapacity ?? LAMBDA_PROVISIONED_CONCURRENCY.min : undefined);
}

/**
 * FN12, FN5: the scaling range is at least 1, its maximum at least its minimum and at most the
 * reserved concurrency, the same for each scheduled action, and `provisionedConcurrency` lies in
 * the range. Comparisons skip any side that is a token.
 */
export function validateProvisionedScaling(validator: PropsValidator, scaling: ProvisionedConcurrencyScaling | undefined,
  provisioned: number | undefined, reserved: ReservedConcurrency): void {
  if (!scaling) return;
  const prop = 'provisionedConcurrencyScaling';
  const reservedExecutions = knownNumber(reserved.executions);
  const checkRange = (what: string, min: number | undefined, max: number | undefined) => {
    validator.range(`${what}.minCapacity`, min, LAMBDA_PROVISIONED_CONCURRENCY).range(`${what}.maxCapacity`, max, LAMBDA_PROVISIONED_CONCURRENCY);
    const [knownMin, knownMax] = [knownNumber(min), knownNumber(max)];
    validator.check(knownMin !== undefined && knownMax !== undefined && knownMax < knownMin, `${what}.maxCapacity`,
      `must be at least minCapacity (${knownMin})`, knownMax, 'FN12')
      .check(knownMax !== undefined && reservedExecutions !== undefined && knownMax > reservedExecutions, `${what}.maxCapacity`,
        `must not exceed the reserved concurrency (${reservedExecutions})`, knownMax, 'FN5');
  };
  const min = scaling.minCapacity ?? LAMBDA_PROVISIONED_CONCURRENCY.min;
  checkRange(prop, min, scaling.maxCapacity);
  validator.range(`${prop}.utilizationTarget`, scaling.utilizationTarget, LAMBDA_PROVISIONED_UTILIZATION_TARGET);
  const [knownProvisioned, knownMin, knownMax] = [knownNumber(provisioned), knownNumber(min), knownNumber(scaling.maxCapacity)];
  const outside = knownProvisioned !== undefined
    && ((knownMin !== undefined && knownProvisioned < knownMin) || (knownMax !== undefined && knownProvisioned > knownMax));
  validator.check(outside, 'provisionedConcurrency', `must lie in the range of provisionedConcurrencyScaling (${knownMin}–${knownMax})`, knownProvisioned, 'FN12');
  for (const [name, action] of Object.entries(scaling.schedules ?? {})) {
    const what = `${prop}.schedules.${name}`;
    validator.check(action.minCapacity === undefined && action.maxCapacity === undefined, what, 'needs minCapacity, maxCapacity or both', 'neither', 'FN12');
    checkRange(what, action.minCapacity, action.maxCapacity);
  }
}

/** FN12: Application Auto Scaling of the alias's provisioned concurrency: target tracking on its utilization, and the schedules. */
export function scaleProvisionedConcurrency(alias: lambda.Alias, scaling: ProvisionedConcurrencyScaling): void {
  const target = alias.addAutoScaling({ minCapacity: scaling.minCapacity ?? LAMBDA_PROVISIONED_CONCURRENCY.min, maxCapacity: scaling.maxCapacity });
  target.scaleOnUtilization({ utilizationTarget: scaling.utilizationTarget ?? DEPLOYMENT_DEFAULTS.provisionedUtilizationTarget });
  for (const [name, action] of Object.entries(scaling.schedules ?? {})) {
    target.scaleOnSchedule(name, { schedule: action.schedule, minCapacity: action.minCapacity, maxCapacity: action.maxCapacity });
  }
}
