/** The shapes of the rules a value must follow; the values themselves live in `limits/` and `defaults.ts`. */

/** An inclusive numeric range with its unit and the practice it comes from. */
export interface RangeLimit {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly practice: string;
  /** Whether only whole numbers are allowed. */
  readonly integer?: boolean;
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
