import { Duration, Size, SizeRoundingBehavior, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { FormatRule, RangeLimit } from './rules';

/** One failed rule of a construct's props. */
export interface ValidationProblem {
  readonly constructPath: string;
  readonly prop: string;
  /** The range or rule the value breaks, e.g. "must be a whole number from 128 to 10240 MB". */
  readonly rule: string;
  readonly value: unknown;
  /** The practice ID of `docs/PRACTICES.md` behind the rule. */
  readonly practice: string;
  /** The unit of a numeric `value` (that of its range), shown after it in the message. */
  readonly unit?: string;
}

/**
 * The error thrown for bad input at synth. It lists every failed rule of the props, one line each,
 * and each line names the construct path, the prop, the rule (range or constraint), the value given
 * and the practice ID. The fields of the first problem are repeated on the error itself.
 */
export class GuardrailsValidationError extends Error {
  public readonly problems: ValidationProblem[];
  public readonly constructPath: string;
  public readonly prop: string;
  public readonly rule: string;
  public readonly value: unknown;
  public readonly practice: string;

  constructor(problems: ValidationProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'GuardrailsValidationError';
    this.problems = problems;
    ({ constructPath: this.constructPath, prop: this.prop, rule: this.rule, value: this.value, practice: this.practice } = problems[0]);
  }
}

/**
 * Collects every failed rule of a construct's props, then throws them in one error (as aws-cdk-lib's
 * `validateAllProps` does), so a user fixes all of them in one go. Undefined values and unresolved
 * tokens are skipped by every check: their value is only known at deploy time.
 */
export class PropsValidator {
  private readonly problems: ValidationProblem[] = [];

  constructor(private readonly scope: IConstruct) {}

  /** Records a failed rule when `failed` is true. */
  public check(failed: boolean, prop: string, rule: string, value: unknown, practice: string, unit?: string): this {
    if (failed) this.problems.push({ constructPath: this.scope.node.path, prop, rule, value, practice, unit });
    return this;
  }

  /** `value` must lie in `limit` (and be whole when the limit says so); NaN and Infinity never do. */
  public range(prop: string, value: number | undefined, limit: RangeLimit): this {
    const known = knownNumber(value);
    if (known === undefined) return this;
    return this.check(outsideRange(known, limit), prop, describeRange(limit), known, limit.practice, measureUnitOf(limit.unit));
  }

  /** A literal `value` must follow `format`. */
  public format(prop: string, value: string | undefined, format: FormatRule): this {
    if (value === undefined || Token.isUnresolved(value)) return this;
    return this.check(typeof value !== 'string' || !format.test(value), prop, format.rule, value, format.practice);
  }

  /**
   * A duration from a token must be in one of `units` (`seconds`, `minutes`, `hours`, `days`): the
   * service reads a number in that unit, and a token cannot be converted at synth (aws-cdk-lib
   * would throw without naming the prop). Literal durations and undefined pass.
   */
  public tokenDurationUnit(prop: string, duration: Duration | undefined, units: readonly string[], practice: string): this {
    if (!duration?.isUnresolved()) return this;
    return this.check(!units.includes(duration.unitLabel()), prop,
      `a duration from a token must be given in ${units.join(' or ')} (Duration.${units[0]}(…)): it cannot be converted at synth`,
      `Duration.${duration.unitLabel()}(<token>)`, practice);
  }

  /** `retention` must be one of CloudWatch Logs' finite retention periods: never kept forever. */
  public logRetention(prop: string, retention: logs.RetentionDays | undefined, practice: string): this {
    if (retention === undefined || Token.isUnresolved(retention)) return this;
    return this.check(!FINITE_RETENTION_DAYS.has(retention), prop, 'must be a finite RetentionDays value (1 day to 10 years, not INFINITE)',
      retention === logs.RetentionDays.INFINITE ? 'INFINITE' : retention, practice);
  }

  /**
   * Exactly one of the named props must be given (`what` says what each one is). The keys name the
   * props in the error, joined with `/`; a prefix on the first key reads as a path (`route GET /x handler`).
   */
  public exactlyOne(given: { [prop: string]: unknown }, what: string, practice: string): this {
    const count = givenCount(given);
    return this.check(count !== 1, Object.keys(given).join('/'), `give exactly one of ${what}`, describeCount(count, Object.keys(given).length), practice);
  }

  /** At most one of the named props may be given. */
  public atMostOne(given: { [prop: string]: unknown }, what: string, practice: string): this {
    const count = givenCount(given);
    return this.check(count > 1, Object.keys(given).join('/'), `give at most one of ${what}`, describeCount(count, Object.keys(given).length), practice);
  }

  /** An explicit opt-out must say why: the reason becomes an acknowledgement or metadata (DEP1). */
  public reason(prop: string, reason: string | undefined, practice: string, what = 'needs a non-empty reason'): this {
    return this.check(typeof reason !== 'string' || reason.trim() === '', prop, what, reason, practice);
  }

  /** Runs a check written as a throwing function, keeping the problems of our error and rethrowing any other. */
  public collect(check: () => void): this {
    this.attempt(check);
    return this;
  }

  /**
   * Builds something that checks its own props (a nested construct), keeping the problems of our
   * error and rethrowing any other: undefined when it failed, so that the checks that need it are skipped.
   */
  public attempt<T>(build: () => T): T | undefined {
    try {
      return build();
    } catch (error) {
      if (!(error instanceof GuardrailsValidationError)) throw error;
      this.problems.push(...error.problems);
      return undefined;
    }
  }

  /** Whether no rule has failed so far. */
  public get valid(): boolean {
    return this.problems.length === 0;
  }

  /** The problems found so far, as error lines (for `node.addValidation`, which reports strings). */
  public messages(): string[] {
    return this.problems.map(describeProblem);
  }

  /** Throws one error listing every failed rule, if any. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) throw new GuardrailsValidationError([...this.problems]);
  }
}

/** Builds the error for one failed rule of `prop` of `scope`. */
export function invalidProp(scope: IConstruct, prop: string, rule: string, value: unknown, practice: string): GuardrailsValidationError {
  return new GuardrailsValidationError([{ constructPath: scope.node.path, prop, rule, value, practice }]);
}

/** Whether a known `value` breaks `limit`: outside it, not whole when it must be, NaN or Infinity. */
export function outsideRange(value: number, limit: RangeLimit): boolean {
  return !Number.isFinite(value) || value < limit.min || value > limit.max || (limit.integer === true && !Number.isInteger(value));
}

/** Describes a range for an error message, e.g. "must be a whole number from 128 to 10240 MB". */
export function describeRange(limit: RangeLimit): string {
  const kind = limit.integer ? 'a whole number' : 'a number';
  return `must be ${kind} from ${limit.min} to ${limit.max} ${limit.unit}`;
}

/** Throws unless `value` lies in `limit`; see {@link PropsValidator.range}. */
export function validateRange(scope: IConstruct, prop: string, value: number | undefined, limit: RangeLimit): void {
  new PropsValidator(scope).range(prop, value, limit).throwIfInvalid();
}

/** Throws unless the literal `value` follows `format`; see {@link PropsValidator.format}. */
export function validateFormat(scope: IConstruct, prop: string, value: string | undefined, format: FormatRule): void {
  new PropsValidator(scope).format(prop, value, format).throwIfInvalid();
}

/** Throws unless `retention` is finite; see {@link PropsValidator.logRetention}. */
export function validateLogRetention(scope: IConstruct, prop: string, retention: logs.RetentionDays | undefined, practice: string): void {
  new PropsValidator(scope).logRetention(prop, retention, practice).throwIfInvalid();
}

/** `value` when it is a number known at synth; undefined for undefined and unresolved tokens. */
export function knownNumber(value: number | undefined): number | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
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

function givenCount(given: { [prop: string]: unknown }): number {
  return Object.values(given).filter((value) => value !== undefined).length;
}

/** How many of `total` mutually exclusive props were given, for the error: "neither", "both", "3 of 3". */
function describeCount(count: number, total: number): string {
  if (total === 2) return count === 0 ? 'neither' : 'both';
  return count === 0 ? 'none' : `${count} of ${total}`;
}

/** The retention periods CloudWatch Logs accepts, except INFINITE. */
const FINITE_RETENTION_DAYS = new Set<number>(Object.values(logs.RetentionDays)
  .filter((days): days is number => typeof days === 'number' && days !== logs.RetentionDays.INFINITE));

function describeProblem(problem: ValidationProblem): string {
  return `${problem.constructPath}: invalid ${problem.prop} = ${formatValue(problem.value, problem.unit)}: ${problem.rule} (practice ${problem.practice}).`;
}

/**
 * A value as every message shows it: durations in seconds and sizes in MB (the units of the
 * limits and rules they are compared with), numbers with the unit of their range, strings quoted.
 */
function formatValue(value: unknown, unit: string | undefined): string {
  if (value instanceof Duration) return value.isUnresolved() ? value.toHumanString() : `${value.toSeconds({ integral: false })} s`;
  if (value instanceof Size) return value.isUnresolved() ? value.toHumanString() : `${value.toMebibytes({ rounding: SizeRoundingBehavior.NONE })} MB`;
  if (typeof value === 'string') return JSON.stringify(value);
  return unit && Number.isFinite(value) ? `${String(value)} ${unit}` : String(value);
}

/** The unit a value of this range is measured in (s, MB, %), if it is one: counts stay bare. */
function measureUnitOf(unit: string): string | undefined {
  return /^(s|MB|%)(\s|$)/.exec(unit)?.[1];
}
