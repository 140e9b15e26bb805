/**
 * Service limits and library defaults taken from the study notes, each stated once with the
 * practice ID of `BEST-PRACTICES.md` that it serves. Every validation and default reads them here.
 */

/** An inclusive numeric range with its unit and the practice it comes from. */
export interface RangeLimit {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly practice: string;
  /** Whether only whole numbers are allowed. */
  readonly integer?: boolean;
}

/** FN1: Lambda memory, whole MB. */
export const LAMBDA_MEMORY_MB: RangeLimit = { min: 128, max: 10_240, unit: 'MB', practice: 'FN1', integer: true };
/** FN2: Lambda timeout. */
export const LAMBDA_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: 900, unit: 's', practice: 'FN2', integer: true };
/** FN4: Lambda /tmp (ephemeral storage). */
export const LAMBDA_EPHEMERAL_STORAGE_MB: RangeLimit = { min: 512, max: 10_240, unit: 'MB', practice: 'FN4', integer: true };
/** FN3: total size of a function's environment variables (keys + values, UTF-8). */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4 * 1024;
/** FN5: reserved concurrency; 0 throttles every invocation, so it is only allowed as an explicit "disable". */
export const LAMBDA_RESERVED_CONCURRENCY: RangeLimit = { min: 1, max: 1_000_000, unit: 'concurrent executions', practice: 'FN5', integer: true };
/** FN5: provisioned concurrency, at least 1 when set and never above the reserved concurrency. */
export const LAMBDA_PROVISIONED_CONCURRENCY: RangeLimit = { min: 1, max: 1_000_000, unit: 'concurrent executions', practice: 'FN5', integer: true };
/** FN9: retry attempts of an asynchronous invocation. */
export const LAMBDA_ASYNC_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: 2, unit: 'retries', practice: 'FN9', integer: true };
/** FN9: maximum age of an asynchronous event (60 s – 6 h). */
export const LAMBDA_ASYNC_MAX_EVENT_AGE_SECONDS: RangeLimit = { min: 60, max: 21_600, unit: 's', practice: 'FN9', integer: true };
/** FN15: deployment package limits. */
export const LAMBDA_PACKAGE_MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
export const LAMBDA_PACKAGE_MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

/** MSG1: SQS retention of a dead-letter or failure queue: the maximum, 14 days. */
export const FAILURE_QUEUE_RETENTION_DAYS = 14;
/** MSG1: SQS long polling wait time. */
export const SQS_LONG_POLLING_SECONDS = 20;

/** API6: API Gateway REST integration timeout. */
export const API_INTEGRATION_TIMEOUT_SECONDS = 29;

/** Library defaults for the guarded function (documented on its props). */
export const FUNCTION_DEFAULTS = {
  /** FN1: 1 GB gives more than half a vCPU, a good start before power tuning. */
  memorySizeMb: 1024,
  /** FN2: well below the 900 s maximum; also fits behind a synchronous API (API6). */
  timeoutSeconds: 10,
  /** FN4: the free amount of /tmp. */
  ephemeralStorageMb: 512,
  /** FN5: caps the blast radius of one function while leaving the account pool for others. */
  reservedConcurrency: 10,
  /** FN9: one retry, then the failure destination. */
  asyncRetryAttempts: 1,
  /** FN9: an event older than an hour is sent to the failure destination. */
  asyncMaxEventAgeSeconds: 3_600,
  /** FN10: the alias that triggers, destinations and APIs invoke. */
  aliasName: 'live',
  /** OBS1: the duration alarm fires at this share of the timeout. */
  durationAlarmRatio: 0.9,
} as const;

/** API7: API Gateway cache TTL (default 300 s). */
export const API_CACHE_TTL_SECONDS: RangeLimit = { min: 0, max: 3_600, unit: 's', practice: 'API7', integer: true };
export const API_CACHE_DEFAULT_TTL_SECONDS = 300;

/** WF4: an EXPRESS state machine runs at most 5 minutes. */
export const EXPRESS_STATE_MACHINE_MAX_SECONDS = 300;

/** MSG1: SQS default message retention (4 days) when MessageRetentionPeriod is not set. */
export const SQS_DEFAULT_RETENTION_SECONDS = 345_600;
