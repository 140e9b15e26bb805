import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION_DEFAULT } from '../core/defaults';
import { validateLogRetention } from '../core/validation';

/** The log group a construct writes to, and what its retention is checked as. */
export interface GuardedLogGroupOptions {
  /** Must be finite; one month when undefined. */
  readonly retention?: logs.RetentionDays;
  /** The prop that set `retention`, for the error. */
  readonly prop: string;
  /** The practice the log group serves (FN8, WF3, API4). */
  readonly practice: string;
}

/**
 * A log group of its own for a function, a state machine or an API: finite retention (never kept
 * forever, never lost: one month by default) and retained when the stack goes, so the logs of a
 * deleted or replaced resource can still be read. Constructs check `retention` with the rest of
 * their props first (`PropsValidator.logRetention`); the check here guards every other caller.
 */
export function createLogGroup(scope: Construct, id: string, options: GuardedLogGroupOptions): logs.LogGroup {
  const retention = options.retention ?? LOG_RETENTION_DEFAULT;
  validateLogRetention(scope, options.prop, retention, options.practice);
  return new logs.LogGroup(scope, id, { retention, removalPolicy: RemovalPolicy.RETAIN });
}
