import { CronField, SCHEDULER_CRON_FIELDS } from '../core/limits';

/**
 * EV1: what is wrong with the fields of a Scheduler cron expression (`minutes hours day-of-month
 * month day-of-week year`), one sentence each; empty when nothing is. Checked as Scheduler
 * documents them: the field count, each field's values and special characters, and that exactly
 * one of day-of-month and day-of-week is `?`.
 */
export function cronProblems(fields: string): string[] {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== SCHEDULER_CRON_FIELDS.length) {
    return [`a cron expression has ${SCHEDULER_CRON_FIELDS.length} fields (${SCHEDULER_CRON_FIELDS.map((f) => f.name).join(' ')}), this one has ${parts.length}`];
  }
  const problems = parts.flatMap((part, index) => fieldProblems(part, SCHEDULER_CRON_FIELDS[index]));
  const [dayOfMonth, dayOfWeek] = [parts[2], parts[4]];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    problems.push(`exactly one of day-of-month ("${dayOfMonth}") and day-of-week ("${dayOfWeek}") must be "?": give the day one way only`);
  }
  return problems;
}

function fieldProblems(value: string, field: CronField): string[] {
  if (value === '?') return field.special.includes('?') ? [] : [`${field.name} "?" is only allowed in day-of-month or day-of-week`];
  return value.split(',').flatMap((item) => itemProblems(item, field).map((problem) => `${field.name} "${value}": ${problem}`));
}

/** One comma-separated item: `*`, a value, a range `a-b`, a step `x/n`, or the field's special forms. */
function itemProblems(item: string, field: CronField): string[] {
  if (field.special.includes('L') && (item === 'L' || item === 'LW' || /^\d+L$/.test(item) && field.name === 'day-of-week')) {
    return item.endsWith('L') && item !== 'L' ? valueProblems(item.slice(0, -1), field) : [];
  }
  if (field.special.includes('W') && /^\d+W$/.test(item)) return valueProblems(item.slice(0, -1), field);
  if (field.special.includes('#') && item.includes('#')) {
    const [day, nth] = item.split('#');
    const nthOk = /^[1-5]$/.test(nth ?? '');
    return [...valueProblems(day, field), ...(nthOk ? [] : [`"#${nth}" must name the 1st to 5th weekday of the month`])];
  }
  const [base, step, extra] = item.split('/');
  if (extra !== undefined) return [`"${item}" has more than one "/"`];
  const problems = step === undefined || /^\d+$/.test(step) && Number(step) >= 1 ? [] : [`the step "/${step}" must be a whole number of at least 1`];
  if (base === '*') return problems;
  const [from, to, more] = base.split('-');
  if (more !== undefined) return [...problems, `"${base}" is not a range a-b`];
  return [...problems, ...valueProblems(from, field), ...(to === undefined ? [] : valueProblems(to, field))];
}

function valueProblems(value: string, field: CronField): string[] {
  const named = field.names?.indexOf(value.toUpperCase()) ?? -1;
  if (named >= 0) return [];
  const names = field.names ? ` or ${field.names[0]}–${field.names[field.names.length - 1]}` : '';
  const allowed = `must be ${field.min}–${field.max}${names}${describeSpecial(field)}`;
  if (!/^\d+$/.test(value)) return [`"${value}" is not a value: ${allowed}`];
  const number = Number(value);
  return number < field.min || number > field.max ? [`${number} is out of range: ${allowed}`] : [];
}

function describeSpecial(field: CronField): string {
  const special = [',', '-', '*', '/', ...field.special].map((c) => `"${c}"`).join(' ');
  return `, with ${special}`;
}
