import type { RangeLimit } from '../rules';

/** AWS CodeDeploy limits for Lambda deployments (FN11): what a time-based canary or linear configuration accepts. */

/** FN11: the share of traffic a canary step or a linear increment moves to the new version, in whole percent. */
export const CODEDEPLOY_TRAFFIC_PERCENTAGE: RangeLimit = { min: 1, max: 99, unit: '%', practice: 'FN11', integer: true };
/** FN11: the wait between traffic steps, in whole minutes, at most 2 days (CodeDeploy's maximum). */
export const CODEDEPLOY_TRAFFIC_INTERVAL_MINUTES: RangeLimit = { min: 1, max: 2_880, unit: 'minutes', practice: 'FN11', integer: true };
