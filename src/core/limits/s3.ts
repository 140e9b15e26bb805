import type { FormatRule, RangeLimit } from '../rules';

/** Amazon S3 limits (EV2, EV3, FN13). */

/** EV2: an object key, and so the prefix or suffix of a notification filter, is at most 1,024 characters. */
export const S3_FILTER_VALUE: FormatRule = {
  rule: 'must be 1–1,024 characters (an S3 object key is at most 1,024)',
  practice: 'EV2',
  test: (value) => value.length >= 1 && value.length <= 1_024,
};

/** FN13: a key pattern of an S3 grant: 1–1,024 characters, `*` and `?` as IAM wildcards. */
export const S3_KEY_PATTERN: FormatRule = {
  rule: 'must be a key pattern of 1–1,024 characters (`*` and `?` are IAM wildcards)',
  practice: 'FN13',
  test: (value) => value.length >= 1 && value.length <= 1_024,
};

/**
 * EV2: the EventBridge detail type of each S3 notification event type that has one of its own.
 * EventBridge matches event kinds (detail types), not the sub-types of a notification
 * (`s3:ObjectCreated:Put`), so only these event types can be delivered through EventBridge.
 */
export const S3_EVENTBRIDGE_DETAIL_TYPES: { readonly [eventType: string]: string } = {
  's3:ObjectCreated:*': 'Object Created',
  's3:ObjectRemoved:*': 'Object Deleted',
  's3:ObjectRestore:Post': 'Object Restore Initiated',
  's3:ObjectRestore:Completed': 'Object Restore Completed',
  's3:ObjectRestore:Delete': 'Object Restore Expired',
  's3:ObjectTagging:Put': 'Object Tags Added',
  's3:ObjectTagging:Delete': 'Object Tags Deleted',
  's3:ObjectAcl:Put': 'Object ACL Updated',
  's3:LifecycleTransition': 'Object Storage Class Changed',
  's3:IntelligentTiering': 'Object Access Tier Changed',
};
/** EV3: a lifecycle rule expires noncurrent versions after whole days, at least 1 (S3's NoncurrentDays). */
export const S3_NONCURRENT_VERSION_DAYS: RangeLimit = { min: 1, max: Number.MAX_SAFE_INTEGER, unit: 'days', practice: 'EV3', integer: true };
