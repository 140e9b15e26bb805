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
    return new ReservedConcurrency('reserved', executions);
  }

  /**
   * Opt out: the function shares the account's unreserved pool. `reason` is recorded as the
   * acknowledgement of the `Guardrails-LambdaReservedConcurrency` nag rule.
   */
  public static unreserved(reason: string): ReservedConcurrency {
    return new ReservedConcurrency('unreserved', undefined, reason);
  }

  /**
   * Reserve 0 executions: every invocation is throttled. Use it to switch a function off on
   * purpose, e.g. to stop a runaway consumer; `reason` is recorded in the construct metadata.
   */
  public static disabled(reason: string): ReservedConcurrency {
    return new ReservedConcurrency('disabled', 0, reason);
  }

  private constructor(
    /** 'reserved', 'unreserved' or 'disabled'. */
    public readonly mode: string,
    /** The reserved executions; undefined when unreserved. */
    public readonly executions?: number,
    /** Why the default was left, for 'unreserved' and 'disabled'. */
    public readonly reason?: string,
  ) {}
}
