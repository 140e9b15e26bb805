/** FN5: what a ReservedConcurrency does with the account's concurrency. */
export enum ReservedConcurrencyMode {
  /** A fixed number of concurrent executions is reserved for the function. */
  RESERVED = 'reserved',
  /** The function shares the account's unreserved pool (an explicit opt-out, with a reason). */
  UNRESERVED = 'unreserved',
  /** 0 executions are reserved: every invocation is throttled (switched off on purpose, with a reason). */
  DISABLED = 'disabled',
}

/**
 * FN5: how much of the account's concurrency a guarded function reserves. Opting out and
 * disabling are separate, named choices so that they stand out in code review.
 */
export class ReservedConcurrency {
  /**
   * Reserve `executions` concurrent executions for the function (at least 1). This guarantees the
   * function that capacity and caps its blast radius at the same time.
   */
  public static of(executions: number): ReservedConcurrency {
    return new ReservedConcurrency(ReservedConcurrencyMode.RESERVED, executions);
  }

  /**
   * Opt out: the function shares the account's unreserved pool. `reason` is recorded as the
   * acknowledgement of the `Guardrails-LambdaReservedConcurrency` nag rule.
   */
  public static unreserved(reason: string): ReservedConcurrency {
    return new ReservedConcurrency(ReservedConcurrencyMode.UNRESERVED, undefined, reason);
  }

  /**
   * Reserve 0 executions: every invocation is throttled. Use it to switch a function off on
   * purpose, e.g. to stop a runaway consumer; `reason` is recorded in the construct metadata.
   */
  public static disabled(reason: string): ReservedConcurrency {
    return new ReservedConcurrency(ReservedConcurrencyMode.DISABLED, 0, reason);
  }

  private constructor(
    /** Reserved, unreserved or disabled. */
    public readonly mode: ReservedConcurrencyMode,
    /** The reserved executions. Undefined when unreserved. */
    public readonly executions?: number,
    /** Why the default was left, when unreserved or disabled. */
    public readonly reason?: string,
  ) {}
}
