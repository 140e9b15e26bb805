/**
 * Service limits and library defaults taken from the study notes, each stated once with the
 * practice ID (`docs/PRACTICES.md`) that it serves. Every validation and default reads them here.
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
/** What Lambda and SQS use when a template leaves the property out. */
export const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
export const SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
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

/** ES2: stream event source mapping ranges. */
export const STREAM_BATCH_SIZE: RangeLimit = { min: 1, max: 10_000, unit: 'records', practice: 'ES2', integer: true };
export const BATCHING_WINDOW_SECONDS: RangeLimit = { min: 0, max: 300, unit: 's', practice: 'ES2', integer: true };
export const STREAM_PARALLELIZATION_FACTOR: RangeLimit = { min: 1, max: 10, unit: 'batches per shard', practice: 'ES2', integer: true };
/** ES1: bounded retries (-1, infinite, only on explicit request) and record age of a stream mapping. */
export const STREAM_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: 10_000, unit: 'retries', practice: 'ES1', integer: true };
export const STREAM_MAX_RECORD_AGE_SECONDS: RangeLimit = { min: 60, max: 604_800, unit: 's', practice: 'ES1', integer: true };
/** ES1/DB4: a DynamoDB stream keeps its records for 24 hours (notes 001, 002, 003). */
export const DYNAMODB_STREAM_RETENTION_SECONDS = 86_400;
/** DB6: local secondary indexes can only be created with the table, at most 5. */
export const DYNAMODB_MAX_LOCAL_INDEXES = 5;

/** ES3: the queue's visibility timeout is at least this many times the function timeout (+ batching window). */
export const SQS_VISIBILITY_TIMEOUT_FACTOR = 6;
/** SQS visibility timeout range. */
export const SQS_VISIBILITY_TIMEOUT_SECONDS: RangeLimit = { min: 0, max: 43_200, unit: 's', practice: 'ES3', integer: true };
/** ES4: SQS event source ranges. */
export const SQS_BATCH_SIZE: RangeLimit = { min: 1, max: 10_000, unit: 'messages', practice: 'ES4', integer: true };
export const SQS_FIFO_BATCH_SIZE: RangeLimit = { min: 1, max: 10, unit: 'messages (FIFO)', practice: 'ES4', integer: true };
export const SQS_MAX_CONCURRENCY: RangeLimit = { min: 2, max: 1_000, unit: 'concurrent invocations', practice: 'ES4', integer: true };
/** ES4/MSG1: receives before a message moves to the DLQ. */
export const SQS_MAX_RECEIVE_COUNT: RangeLimit = { min: 1, max: 1_000, unit: 'receives', practice: 'ES4', integer: true };
/** MSG1: SQS retention range (1 minute – 14 days). */
export const SQS_RETENTION_SECONDS: RangeLimit = { min: 60, max: 1_209_600, unit: 's', practice: 'MSG1', integer: true };

/** Library defaults of the stream processor (documented on its props). */
export const STREAM_DEFAULTS = {
  batchSize: 100,
  parallelizationFactor: 1,
  /** ES1: a few retries, bisecting the batch each time, isolate a poison record quickly. */
  retryAttempts: 3,
  /** ES1: below the 24 h retention of a DynamoDB stream, so a discarded batch can still be re-read. */
  maxRecordAgeSeconds: 6 * 3_600,
  /** FN5: shards assumed for the default reserved concurrency (parallelization factor × shards). */
  assumedShards: 4,
  /** OBS1: records waiting longer than this mean the processor falls behind. */
  iteratorAgeAlarmSeconds: 60,
} as const;

/** Library defaults of the queue processor (documented on its props). */
export const QUEUE_DEFAULTS = {
  batchSize: 10,
  maxReceiveCount: 5,
  retentionDays: 4,
  /** OBS1: a message older than this means the processor falls behind. */
  oldestMessageAlarmSeconds: 300,
} as const;

/** WF4: a STANDARD execution runs at most one year. */
export const STANDARD_STATE_MACHINE_MAX_SECONDS = 365 * 24 * 3_600;
/** WF2: state machine timeout (1 s – 1 year; EXPRESS at most 300 s, WF4). */
export const STATE_MACHINE_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: STANDARD_STATE_MACHINE_MAX_SECONDS, unit: 's', practice: 'WF2', integer: true };

/** Library defaults of the resilient state machine (documented on its props). */
export const WORKFLOW_DEFAULTS = {
  /** WF2: STANDARD executions time out after an hour unless told otherwise. */
  standardTimeoutSeconds: 3_600,
  /** WF4: EXPRESS executions get the whole 5 minutes. */
  expressTimeoutSeconds: 300,
  /** WF1: retry transient errors 3 times after 2 s, 4 s, 8 s (max 30 s), with full jitter. */
  retryIntervalSeconds: 2,
  retryBackoffRate: 2,
  retryMaxAttempts: 3,
  retryMaxDelaySeconds: 30,
} as const;

/** API3: stage throttling defaults (requests per second and burst). */
export const API_DEFAULTS = {
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
  /** API2: Lambda authorizer results are cached for 5 minutes. */
  authorizerCacheTtlSeconds: 300,
  /** OBS1: p99 latency alarm at 90 % of the 29 s integration timeout. */
  latencyAlarmMillis: 26_100,
  /** ID2: short-lived tokens. */
  accessTokenValidityMinutes: 60,
  refreshTokenValidityDays: 1,
  /** ID1: password length. */
  passwordMinLength: 12,
  stageName: 'prod',
} as const;
/** API3: API Gateway throttling ranges. */
export const API_THROTTLING_RATE: RangeLimit = { min: 0, max: 10_000, unit: 'requests per second', practice: 'API3' };
export const API_THROTTLING_BURST: RangeLimit = { min: 0, max: 5_000, unit: 'requests', practice: 'API3', integer: true };
/** API10: canary traffic share. */
export const API_CANARY_PERCENT: RangeLimit = { min: 0, max: 100, unit: '%', practice: 'API10' };
