import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RangeLimit } from './limits';

/**
 * The error thrown for bad input at synth: it names the construct path, the prop, the rule
 * (range or constraint), the value given and the practice ID.
 */
export class GuardrailsValidationError extends Error {
  constructor(
    public readonly constructPath: string,
    public readonly prop: string,
    public readonly rule: string,
    public readonly value: unknown,
    public readonly practice: string,
  ) {
    super(`${constructPath}: invalid ${prop} = ${formatValue(value)}: ${rule} (practice ${practice}).`);
    this.name = 'GuardrailsValidationError';
  }
}

/** Builds the error for `prop` of `scope`. */
export function invalidProp(scope: IConstruct, prop: string, rule: string, value: unknown, practice: string): GuardrailsValidationError {
  return new GuardrailsValidationError(scope.node.path, prop, rule, value, practice);
}

/** Describes a range for an error message, e.g. "must be a whole number from 128 to 10240 MB". */
export function describeRange(limit: RangeLimit): string {
  const kind = limit.integer ? 'a whole number' : 'a number';
  return `must be ${kind} from ${limit.min} to ${limit.max} ${limit.unit}`;
}

/**
 * Throws unless `value` lies in `limit`. Undefined values and unresolved tokens are skipped:
 * their value is only known at deploy time.
 */
export function validateRange(scope: IConstruct, prop: string, value: number | undefined, limit: RangeLimit): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const outside = !Number.isFinite(value) || value < limit.min || value > limit.max;
  if (outside || (limit.integer && !Number.isInteger(value))) {
    throw invalidProp(scope, prop, describeRange(limit), value, limit.practice);
  }
}

/** Seconds of a Duration, or undefined when the duration is an unresolved token. */
export function secondsOf(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  return duration.toSeconds({ integral: false });
}

/** Mebibytes of a Size, or undefined when the size is an unresolved token. */
export function mebibytesOf(size: Size | undefined): number | undefined {
  if (size === undefined || size.isUnresolved()) return undefined;
  return size.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
}

function formatValue(value: unknown): string {
  if (value instanceof Duration || value instanceof Size) return value.toHumanString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
