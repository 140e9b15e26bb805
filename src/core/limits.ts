import { URL } from 'url';
import type { FormatRule } from './validation';

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
/** FN10: Lambda alias names: 1–128 characters of a-z, A-Z, 0-9, - and _, not only digits (that would be a version). */
export const LAMBDA_ALIAS_NAME: FormatRule = {
  rule: 'must be 1–128 characters of a-z, A-Z, 0-9, - and _, and not only digits (Lambda\'s alias name rule)',
  practice: 'FN10',
  test: (name) => /^[a-zA-Z0-9_-]{1,128}$/.test(name) && !/^[0-9]+$/.test(name),
};
/** FN10: Lambda function names (a physical name): 1–64 characters of a-z, A-Z, 0-9, - and _. */
export const LAMBDA_FUNCTION_NAME: FormatRule = {
  rule: 'must be 1–64 characters of a-z, A-Z, 0-9, - and _ (Lambda\'s function name rule)',
  practice: 'FN10',
  test: (name) => /^[a-zA-Z0-9_-]{1,64}$/.test(name),
};
/** FN3: Lambda environment variable keys: a letter, then at least one letter, digit or _. */
export const LAMBDA_ENVIRONMENT_KEY: FormatRule = {
  rule: 'must start with a letter followed by at least one of a-z, A-Z, 0-9 and _ (Lambda\'s environment variable key rule)',
  practice: 'FN3',
  test: (key) => /^[a-zA-Z][a-zA-Z0-9_]+$/.test(key),
};

/** MSG1: SQS retention of a dead-letter or failure queue: the maximum, 14 days. */
export const FAILURE_QUEUE_RETENTION_DAYS = 14;
/** MSG1: SQS long polling wait time. */
export const SQS_LONG_POLLING_SECONDS = 20;

/**
 * CloudFormation accepts at most 500 resources per stack, and a guarded function alone brings 10
 * to 14 of them. Above the warning threshold a synth warning suggests splitting the app.
 */
export const CLOUDFORMATION_MAX_RESOURCES_PER_STACK = 500;
export const STACK_RESOURCES_WARNING_THRESHOLD = 450;

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
/** ES1/DB4: a DynamoDB stream keeps each record for 24 hours after it was written, then trims it. */
export const DYNAMODB_STREAM_RETENTION_SECONDS = 24 * 3_600;
/** ES1: a record age above the stream's retention is never reached (the record is trimmed first). */
export const DYNAMODB_STREAM_MAX_RECORD_AGE_SECONDS: RangeLimit = {
  ...STREAM_MAX_RECORD_AGE_SECONDS,
  max: DYNAMODB_STREAM_RETENTION_SECONDS,
  unit: 's (a DynamoDB stream keeps records 24 h)',
};
/** OBS1: an iterator age above the stream's retention is never reached, so the alarm could never fire. */
export const DYNAMODB_STREAM_ITERATOR_AGE_ALARM_SECONDS: RangeLimit = {
  min: 1, max: DYNAMODB_STREAM_RETENTION_SECONDS, unit: 's (a DynamoDB stream keeps records 24 h)', practice: 'OBS1',
};
/** DB6: local secondary indexes can only be created with the table, at most 5. */
export const DYNAMODB_MAX_LOCAL_INDEXES = 5;
/** DB1: provisioned read or write capacity units of a table (the default per-table quota is 40,000). */
export const DYNAMODB_CAPACITY_UNITS: RangeLimit = { min: 1, max: 40_000, unit: 'capacity units', practice: 'DB1', integer: true };
/** DB1: the target utilization Application Auto Scaling accepts for DynamoDB capacity. */
export const DYNAMODB_TARGET_UTILIZATION_PERCENT: RangeLimit = { min: 10, max: 90, unit: '%', practice: 'DB1' };
/** DB2: table names: 3–255 characters of a-z, A-Z, 0-9, _, - and . (DynamoDB's naming rule). */
export const DYNAMODB_TABLE_NAME: FormatRule = {
  rule: 'must be 3–255 characters of a-z, A-Z, 0-9, _, - and .',
  practice: 'DB2',
  test: (name) => /^[a-zA-Z0-9_.-]{3,255}$/.test(name),
};
/** DB5: the TTL attribute's name: 1–255 characters. */
export const DYNAMODB_TTL_ATTRIBUTE_NAME: FormatRule = {
  rule: 'must be 1–255 characters',
  practice: 'DB5',
  test: (name) => name.length >= 1 && name.length <= 255,
};

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
/** ES4: a batch of more than 10 messages needs a batching window of at least 1 s. */
export const SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;
/** OBS1: the age of the oldest message can reach at most the 14-day maximum retention. */
export const SQS_OLDEST_MESSAGE_ALARM_SECONDS: RangeLimit = { min: 1, max: 1_209_600, unit: 's', practice: 'OBS1' };
/** MSG1: standard queue names: 1–80 characters of a-z, A-Z, 0-9, - and _ (so never ending in .fifo). */
export const SQS_QUEUE_NAME: FormatRule = {
  rule: 'must be 1–80 characters of a-z, A-Z, 0-9, - and _ (only a FIFO queue\'s name ends in .fifo)',
  practice: 'MSG1',
  test: (name) => /^[a-zA-Z0-9_-]{1,80}$/.test(name),
};
/** MSG2: FIFO queue names: the same characters, ending in .fifo, 80 characters in all. */
export const SQS_FIFO_QUEUE_NAME: FormatRule = {
  rule: 'must be 1–80 characters of a-z, A-Z, 0-9, - and _ ending in .fifo (a FIFO queue)',
  practice: 'MSG2',
  test: (name) => /^[a-zA-Z0-9_-]{1,75}\.fifo$/.test(name),
};

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
  /** DB1: auto scaling keeps provisioned capacity at this utilization, with headroom for bursts. */
  targetUtilizationPercent: 70,
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

/**
 * WF1: a retrier's fields, as Step Functions accepts them (the ASL schema of
 * aws/amazon-states-language-service): IntervalSeconds and MaxAttempts up to 99,999,999,
 * MaxDelaySeconds 1 s – 366 days, BackoffRate at least 1 (the schema sets no maximum).
 */
export const RETRY_INTERVAL_SECONDS: RangeLimit = { min: 1, max: 99_999_999, unit: 's', practice: 'WF1', integer: true };
export const RETRY_MAX_ATTEMPTS: RangeLimit = { min: 0, max: 99_999_999, unit: 'retries', practice: 'WF1', integer: true };
export const RETRY_MAX_DELAY_SECONDS: RangeLimit = { min: 1, max: 31_622_400, unit: 's', practice: 'WF1', integer: true };
export const RETRY_MIN_BACKOFF_RATE = 1;
/** WF2: a task's TimeoutSeconds, a positive whole number of seconds (ASL: at most 99,999,999). */
export const TASK_TIMEOUT_SECONDS: RangeLimit = { min: 1, max: 99_999_999, unit: 's', practice: 'WF2', integer: true };
/** EV1: an EventBridge target's retry policy: at most 185 retries and 24 hours. */
export const EVENT_TARGET_MAX_RETRY_ATTEMPTS = 185;
export const EVENT_TARGET_MAX_EVENT_AGE_SECONDS = 86_400;

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
/** API7: the stage cache sizes API Gateway offers, in GB. */
export const API_CACHE_CLUSTER_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'] as const;
export const API_CACHE_CLUSTER_SIZE: FormatRule = {
  rule: `must be one of the cache sizes API Gateway offers (${API_CACHE_CLUSTER_SIZES.join(', ')} GB)`,
  practice: 'API7',
  test: (size) => (API_CACHE_CLUSTER_SIZES as readonly string[]).includes(size),
};
/** API2: a Lambda authorizer caches its results for 0–3600 s. */
export const API_AUTHORIZER_CACHE_TTL_SECONDS: RangeLimit = { min: 0, max: 3_600, unit: 's', practice: 'API2', integer: true };
/**
 * API3: a usage plan quota: a whole number of requests per period (API Gateway stores it as a 32-bit
 * integer), at least 1: aws-cdk-lib renders a limit of 0 as no limit at all.
 */
export const API_USAGE_PLAN_QUOTA: RangeLimit = { min: 1, max: 2_147_483_647, unit: 'requests per period', practice: 'API3', integer: true };
/** OBS1: the 4XX rate alarm threshold, a share of requests. */
export const API_CLIENT_ERROR_RATE_PERCENT: RangeLimit = { min: 0, max: 100, unit: '%', practice: 'OBS1' };
/** API10: stage names (API Gateway: alphanumerics, hyphens and underscores, at most 128). */
export const API_STAGE_NAME: FormatRule = {
  rule: 'must be 1–128 characters of A-Z, a-z, 0-9, - and _ (API Gateway stage name)',
  practice: 'API10',
  test: (name) => /^[A-Za-z0-9_-]{1,128}$/.test(name),
};
/** The partition, region and account fields of an ARN (`arn:aws-cn:acm:cn-north-1:123456789012:`). */
const ARN_PREFIX = 'arn:aws[-a-z]*:([a-z0-9-]+):([a-z]{2}(?:-[a-z]+)+-\\d):\\d{12}:';
/** API3: only a regional WAFv2 web ACL can protect a REST API stage. */
export const WAFV2_REGIONAL_WEB_ACL_ARN: FormatRule = {
  rule: 'must be the ARN of a regional WAFv2 web ACL: arn:<partition>:wafv2:<region>:<account>:regional/webacl/<name>/<id>',
  practice: 'API3',
  test: (arn) => new RegExp(`^${ARN_PREFIX}regional/webacl/[\\w-]{1,128}/[A-Za-z0-9-]{1,128}$`).exec(arn)?.[1] === 'wafv2',
};
/** API9: an ACM certificate ARN. */
export const ACM_CERTIFICATE_ARN: FormatRule = {
  rule: 'must be an ACM certificate ARN: arn:<partition>:acm:<region>:<account>:certificate/<id>',
  practice: 'API9',
  test: (arn) => new RegExp(`^${ARN_PREFIX}certificate/[A-Za-z0-9-]+$`).exec(arn)?.[1] === 'acm',
};
/** The region field of an ARN that passed one of the ARN rules above. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3];
}
/** API2: Cognito resource server identifiers: printable ASCII without space, " and backslash, 1–256 characters. */
export const COGNITO_RESOURCE_SERVER_IDENTIFIER: FormatRule = {
  rule: 'must be 1–256 printable ASCII characters without space, " or \\ (Cognito resource server identifier)',
  practice: 'API2',
  test: (identifier) => /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(identifier),
};
/** API2: Cognito custom scope names: as identifiers, and without a slash. */
export const COGNITO_SCOPE_NAME: FormatRule = {
  rule: 'must be 1–256 printable ASCII characters without space, ", / or \\ (Cognito scope name)',
  practice: 'API2',
  test: (scope) => /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}$/.test(scope),
};
/** API2: the app client lists a custom scope as `<identifier>/<scope>`, at most 256 characters. */
export const COGNITO_QUALIFIED_SCOPE_MAX_LENGTH = 256;
/** API2: custom scopes of one resource server. */
export const COGNITO_MAX_SCOPES_PER_RESOURCE_SERVER = 100;
/** ID2: the reserved words Cognito refuses in a prefix domain. */
export const COGNITO_DOMAIN_RESERVED_WORDS = ['aws', 'amazon', 'cognito'] as const;
/** ID2: Cognito prefix domains (`<prefix>.auth.<region>.amazoncognito.com`). */
export const COGNITO_DOMAIN_PREFIX: FormatRule = {
  rule: `must be 1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen, without the reserved words ${COGNITO_DOMAIN_RESERVED_WORDS.join(', ')}`,
  practice: 'ID2',
  test: (prefix) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) && COGNITO_DOMAIN_RESERVED_WORDS.every((word) => !prefix.includes(word)),
};
/** ID2: schemes that must never receive an authorization code (script, local or inline content). */
const UNSAFE_REDIRECT_SCHEMES = ['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:'];
/**
 * ID2: OAuth callback and logout URLs, as Cognito takes them: absolute, at most 1024 characters,
 * without a fragment; HTTPS, except `http://localhost` and `http://127.0.0.1` for local testing;
 * app URLs with a custom scheme (`myapp://callback`) for mobile apps.
 */
export const COGNITO_REDIRECT_URL: FormatRule = {
  rule: 'must be an absolute URL without a fragment, at most 1024 characters: https://…, http://localhost or http://127.0.0.1 (any port), or an app URL such as myapp://callback',
  practice: 'ID2',
  test: (url) => {
    if (url.length > 1_024 || url.includes('#') || !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/.test(url)) return false;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'https:') return parsed.hostname !== '';
    if (parsed.protocol === 'http:') return parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
    return !UNSAFE_REDIRECT_SCHEMES.includes(parsed.protocol);
  },
};
