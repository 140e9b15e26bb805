import { Duration } from 'aws-cdk-lib';
import type { RangeLimit } from '../core/rules';
import { PropsValidator, secondsOf } from '../core/validation';

/**
 * OBS1: a Duration as the threshold of an alarm on a metric in `metricUnit`. A known duration must
 * lie in `limit` (seconds; NaN and Infinity are rejected, never written as `null`). A token passes
 * through when it is given in the metric's unit; in any other unit CloudFormation cannot convert
 * it, which is our error rather than CDK's. Problems go to `validator`; then the result is undefined.
 */
export function alarmThresholdOf(validator: PropsValidator, prop: string, duration: Duration, limit: RangeLimit,
  metricUnit: 'seconds' | 'milliseconds'): number | undefined {
  validator.range(prop, secondsOf(duration), limit);
  try {
    return metricUnit === 'seconds' ? duration.toSeconds({ integral: false }) : duration.toMilliseconds({ integral: false });
  } catch {
    validator.check(true, prop, `a duration from a token must be given in ${metricUnit} (the unit of the metric): it cannot be converted at synth`,
      duration.toString(), limit.practice);
    return undefined;
  }
}
