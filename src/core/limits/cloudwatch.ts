import type { FormatRule } from '../rules';

/** Amazon CloudWatch limits (OBS1). */

/** OBS1: the alarms one composite alarm's rule can name (PutCompositeAlarm: "as many as 100 children"). */
export const COMPOSITE_ALARM_MAX_CHILDREN = 100;
/** OBS1: dashboard names: 1–255 characters of a-z, A-Z, 0-9, - and _ (CloudWatch's rule). */
export const CLOUDWATCH_DASHBOARD_NAME: FormatRule = {
  rule: 'must be 1–255 characters of a-z, A-Z, 0-9, - and _',
  practice: 'OBS1',
  test: (name) => /^[A-Za-z0-9_-]{1,255}$/.test(name),
};
