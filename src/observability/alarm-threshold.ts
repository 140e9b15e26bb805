import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { RangeLimit } from '../core/rules';
import { invalidProp, secondsOf, validateRange } from '../core/validation';

/**
 * OBS1: a Duration as the threshold of an alarm on a metric in `metricUnit`. A known duration must
 * lie in `limit` (seconds; NaN and Infinity are rejected, never written as `null`). A token passes
 * through when it is given in the metric's unit; in any other unit CloudFormation cannot convert
 * it, which is our error rather than CDK's.
 */
export function alarmThresholdOf(scope: IConstruct, prop: string, duration: Duration, limit: RangeLimit,
  metricUnit: 'seconds' | 'milliseconds'): number {
  validateRange(scope, prop, secondsOf(duration), limit);
  try {
    return metricUnit === 'seconds' ? duration.toSeconds({ integral: false }) : duration.toMilliseconds({ integral: false });
  } catch {
    throw invalidProp(scope, prop, `a duration from a token must be given in ${metricUnit} (the unit of the metric): it cannot be converted at synth`,
      duration.toString(), limit.practice);
  }
}
