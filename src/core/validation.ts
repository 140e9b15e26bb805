import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
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

/** `value` when it is a number known at synth; undefined for undefined and unresolved tokens. */
export function knownNumber(value: number | undefined): number | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** A rule that a literal string must follow: the service's own naming or format rule. */
export interface FormatRule {
  /** The rule as the error states it, e.g. "must be 1–128 characters of a-z, A-Z, 0-9, - and _". */
  readonly rule: string;
  /** The practice ID the rule serves. */
  readonly practice: string;
  /** Whether a literal value follows the rule. */
  readonly test: (value: string) => boolean;
}

/**
 * Throws unless the literal `value` follows `format`. Undefined values and strings holding an
 * unresolved token are skipped: their value is only known at deploy time.
 */
export function validateFormat(scope: IConstruct, prop: string, value: string | undefined, format: FormatRule): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || !format.test(value)) throw invalidProp(scope, prop, format.rule, value, format.practice);
}

/** The retention periods CloudWatch Logs accepts, except INFINITE. */
const FINITE_RETENTION_DAYS = new Set<number>(Object.values(logs.RetentionDays)
  .filter((days): days is number => typeof days === 'number' && days !== logs.RetentionDays.INFINITE));

/**
 * Throws unless `retention` is one of CloudWatch Logs' finite retention periods (a log group that
 * keeps everything forever is a cost and a liability). Tokens are skipped.
 */
export function validateLogRetention(scope: IConstruct, prop: string, retention: logs.RetentionDays | undefined, practice: string): void {
  if (retention === undefined || Token.isUnresolved(retention)) return;
  if (!FINITE_RETENTION_DAYS.has(retention)) {
    throw invalidProp(scope, prop, 'must be a finite RetentionDays value (1 day to 10 years, not INFINITE)',
      retention === logs.RetentionDays.INFINITE ? 'INFINITE' : retention, practice);
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
