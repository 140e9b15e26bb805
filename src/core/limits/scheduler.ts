import type { FormatRule, RangeLimit } from '../rules';

/** Amazon EventBridge Scheduler limits (EV1). */

/** EV1: a schedule target's retry policy: 0–185 retries (Scheduler's default: 185). */
export const SCHEDULER_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: 185, unit: 'retries', practice: 'EV1', integer: true };
/** EV1: a schedule target's maximum event age: 60 s – 24 hours (Scheduler's default: 24 hours). */
export const SCHEDULER_MAX_EVENT_AGE_SECONDS: RangeLimit = { min: 60, max: 86_400, unit: 's', practice: 'EV1', integer: true };
/** EV1: a flexible time window: 1–1,440 whole minutes. */
export const SCHEDULER_FLEXIBLE_WINDOW_MINUTES: RangeLimit = { min: 1, max: 1_440, unit: 'min', practice: 'EV1', integer: true };
/** EV1: a rate expression: whole minutes, at least 1. */
export const SCHEDULER_RATE_MINUTES: RangeLimit = { min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'min', practice: 'EV1', integer: true };
/** EV1: a schedule description: at most 512 characters. */
export const SCHEDULER_DESCRIPTION_MAX_LENGTH = 512;
/** EV1: the names of schedules and schedule groups: 1–64 characters of a-z, A-Z, 0-9, `.`, `-` and `_`. */
export const SCHEDULE_NAME: FormatRule = {
  rule: 'must be 1–64 characters of a-z, A-Z, 0-9, ., - and _',
  practice: 'EV1',
  test: (name) => /^[0-9a-zA-Z._-]{1,64}$/.test(name),
};
/** EV1: an SQS FIFO target's message group ID: 1–128 characters. */
export const SCHEDULER_MESSAGE_GROUP_ID: FormatRule = {
  rule: 'must be 1–128 characters of a-z, A-Z, 0-9 and punctuation',
  practice: 'EV1',
  test: (id) => /^[\x21-\x7e]{1,128}$/.test(id),
};

/** One field of a Scheduler cron expression: its name, its numeric range and the names it accepts. */
export interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names standing for numbers, e.g. JAN = 1 or SUN = 1. */
  readonly names?: readonly string[];
  /** The special characters the field accepts besides `, - * /`. */
  readonly special: string;
}

/**
 * EV1: the six fields of `cron(minutes hours day-of-month month day-of-week year)`, as Scheduler
 * documents them. Day-of-month and day-of-week exclude each other: exactly one of them is `?`.
 */
export const SCHEDULER_CRON_FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, special: '' },
  { name: 'hours', min: 0, max: 23, special: '' },
  { name: 'day-of-month', min: 1, max: 31, special: '?LW' },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], special: '' },
  { name: 'day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], special: '?L#' },
  { name: 'year', min: 1970, max: 2199, special: '' },
];
