/** Amazon CloudWatch limits (OBS1). */

/** OBS1: the alarms one composite alarm's rule can name (PutCompositeAlarm: "as many as 100 children"). */
export const COMPOSITE_ALARM_MAX_CHILDREN = 100;
