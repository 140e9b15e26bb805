import { Duration, TimeZone, Token } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { cronProblems } from './cron';
import { SCHEDULER_CRON_FIELDS, SCHEDULER_RATE_MINUTES } from '../core/limits';
import { PropsValidator } from '../core/validation';

/** The years a schedule can name: those of a cron expression's year field. */
const SCHEDULER_YEARS = SCHEDULER_CRON_FIELDS.find((field) => field.name === 'year')!;

/** The kind of a JobSchedule. */
export enum JobScheduleKind {
  /** A cron expression, in a time zone. */
  CRON = 'cron',
  /** A fixed rate. */
  RATE = 'rate',
  /** Once, at a date and time in a time zone. */
  AT = 'at',
}

/**
 * EV1: when a ScheduledJob runs. Cron and one-time schedules take their time zone as a required
 * argument, so that no job runs in UTC by accident (daylight saving time moves a job in local
 * time twice a year otherwise). Checked at synth: the cron fields, the rate and the time zone.
 */
export class JobSchedule {
  /**
   * A cron expression of six fields, `minutes hours day-of-month month day-of-week year`, e.g.
   * `0 2 * * ? *` (every night at 02:00), in `timeZone`. Exactly one of day-of-month and
   * day-of-week is `?`. The `cron(...)` around the fields may be given or left out.
   */
  public static cron(expression: string, timeZone: TimeZone): JobSchedule {
    const fields = expression.trim().replace(/^cron\((.*)\)$/s, '$1');
    return new JobSchedule(JobScheduleKind.CRON, `cron(${fields})`, timeZone, fields);
  }

  /** Every `interval`: whole minutes, at least 1 minute. Runs are counted from the schedule's creation. */
  public static rate(interval: Duration): JobSchedule {
    return new JobSchedule(JobScheduleKind.RATE, undefined, undefined, undefined, interval);
  }

  /** Once, at `date` (its year, month, day, hours, minutes and seconds as written in UTC by `Date`) in `timeZone`. */
  public static at(date: Date, timeZone: TimeZone): JobSchedule {
    return new JobSchedule(JobScheduleKind.AT, undefined, timeZone, undefined, undefined, date);
  }

  private constructor(
    /** Cron, rate or at. */
    public readonly kind: JobScheduleKind,
    /** The cron expression, `cron(...)`; undefined for other kinds. */
    public readonly cronExpression?: string,
    /** The time zone of a cron or one-time schedule. */
    public readonly timeZone?: TimeZone,
    private readonly cronFields?: string,
    /** The interval of a rate schedule. */
    public readonly interval?: Duration,
    /** The date of a one-time schedule. */
    public readonly date?: Date,
  ) {}

  /** @internal Records what is wrong with the schedule under `prop`. */
  public _validate(validator: PropsValidator, prop: string): void {
    if (this.timeZone && !Token.isUnresolved(this.timeZone.timezoneName)) {
      validator.check(!isTimeZone(this.timeZone.timezoneName), `${prop} time zone`,
        'must be an IANA time zone name such as Europe/Berlin or Etc/UTC', this.timeZone.timezoneName, 'EV1');
    }
    if (this.kind === JobScheduleKind.CRON && !Token.isUnresolved(this.cronFields!)) {
      for (const problem of cronProblems(this.cronFields!)) validator.check(true, prop, problem, this.cronExpression, 'EV1');
    }
    if (this.kind === JobScheduleKind.RATE && !this.interval!.isUnresolved()) {
      validator.range(`${prop} rate`, this.interval!.toMinutes({ integral: false }), SCHEDULER_RATE_MINUTES);
    }
    // A rate from a token is written as its number: Scheduler reads minutes, hours or days.
    if (this.kind === JobScheduleKind.RATE) validator.tokenDurationUnit(`${prop} rate`, this.interval, ['minutes', 'hours', 'days'], 'EV1');
    if (this.kind === JobScheduleKind.AT) {
      const year = this.date!.getUTCFullYear();
      validator.check(Number.isNaN(this.date!.getTime()) || year < SCHEDULER_YEARS.min || year > SCHEDULER_YEARS.max, `${prop} date`,
        `must be a valid date in the years ${SCHEDULER_YEARS.min}–${SCHEDULER_YEARS.max} (Scheduler's range)`, String(this.date), 'EV1');
    }
  }

  /** @internal The aws-cdk-lib expression (call after `_validate` found nothing wrong). */
  public _bind(): scheduler.ScheduleExpression {
    switch (this.kind) {
      case JobScheduleKind.CRON: return scheduler.ScheduleExpression.expression(this.cronExpression!, this.timeZone);
      case JobScheduleKind.AT: return scheduler.ScheduleExpression.at(this.date!, this.timeZone);
      default: return scheduler.ScheduleExpression.rate(this.interval!);
    }
  }
}

/** Whether the runtime's time zone database knows `name` (what Scheduler accepts: IANA names). */
function isTimeZone(name: string): boolean {
  // IANA names are spelled with capitals (Europe/Berlin, Etc/GMT+5, EST5EDT); Intl would also take europe/berlin.
  if (!/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
