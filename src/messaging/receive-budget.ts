import { knownNumber, PropsValidator } from '../core/validation';

/** The three settings that decide whether a failing message reaches the DLQ before it expires. */
export interface ReceiveBudget {
  /** Prefix of the props in the error, e.g. `queueProps.` */
  readonly prefix: string;
  readonly maxReceiveCount?: number;
  readonly visibilitySeconds?: number;
  readonly retentionSeconds?: number;
}

/**
 * ES4, MSG1: a message that keeps failing is received `maxReceiveCount` times and stays invisible
 * for up to a visibility timeout each time. If that takes as long as the retention period, SQS
 * deletes the message before it reaches the DLQ. Checked when all three are known (tokens skip).
 */
export function validateReceiveBudget(validator: PropsValidator, budget: ReceiveBudget): void {
  const receives = knownNumber(budget.maxReceiveCount);
  const visibility = knownNumber(budget.visibilitySeconds);
  const retention = knownNumber(budget.retentionSeconds);
  if (receives === undefined || visibility === undefined || retention === undefined) return;
  const needed = receives * visibility;
  validator.check(needed >= retention, `${budget.prefix}maxReceiveCount`,
    `× ${budget.prefix}visibilityTimeout (${visibility} s) = ${needed} s must stay below ${budget.prefix}retentionPeriod (${retention} s), `
    + 'or a message that keeps failing expires before it reaches the DLQ (MSG1); lower maxReceiveCount or the visibility timeout, or retain longer',
    receives, 'ES4');
}
