import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The library's own defaults and the numbers the notes recommend, each with the practice ID
 * (`docs/PRACTICES.md`) it serves. What AWS itself accepts lives in `limits/`, one file per service.
 */

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
/** FN8, WF3, API4: how long the library's log groups keep logs unless told otherwise. */
export const LOG_RETENTION_DEFAULT = logs.RetentionDays.ONE_MONTH;
/** MSG1: SQS retention of a dead-letter or failure queue: the maximum, 14 days. */
export const FAILURE_QUEUE_RETENTION_DAYS = 14;
/** MSG1: SQS long polling wait time. */
export const SQS_LONG_POLLING_SECONDS = 20;
/** ES3: the queue's visibility timeout is at least this many times the function timeout (+ batching window). */
export const SQS_VISIBILITY_TIMEOUT_FACTOR = 6;
/** OBS1: the periods the library's alarms and key metrics cover. */
export const ALARM_PERIODS = {
  /** Errors, throttles, durations, executions and API responses: over 5 minutes. */
  eventsMinutes: 5,
  /** Backlogs (messages waiting, their age, a stream's iterator age): every minute. */
  backlogMinutes: 1,
} as const;
/** A synth warning suggests splitting the app above this many resources in one stack (500 is the limit). */
export const STACK_RESOURCES_WARNING_THRESHOLD = 450;
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
  stageName: 'prod',
  /** API2: the resource server identifier, the prefix of the API's OAuth scopes (`api/orders.read`). */
  resourceServerIdentifier: 'api',
  /** API7: the smallest stage cache API Gateway offers, in GB. */
  cacheClusterSizeGb: '0.5',
} as const;
/** Library defaults of the user pool a CognitoRestApi creates (ID1, ID2). */
export const USER_POOL_DEFAULTS = {
  /** ID1: password length. */
  passwordMinLength: 12,
  /** ID1: an administrator's temporary password expires after 3 days. */
  temporaryPasswordValidityDays: 3,
  /** ID2: short-lived tokens. */
  accessTokenValidityMinutes: 60,
  refreshTokenValidityDays: 1,
} as const;
export const API_CACHE_DEFAULT_TTL_SECONDS = 300;

/** EV3: library defaults of the buckets it creates. */
export const BUCKET_DEFAULTS = {
  /** Noncurrent object versions (overwritten or deleted) can be restored for 30 days. */
  noncurrentVersionExpirationDays: 30,
  /** Parts of uploads never completed stop costing after a week. */
  abortIncompleteMultipartUploadDays: 7,
  /** Server access logs are kept for 90 days. */
  accessLogsRetentionDays: 90,
} as const;

/** EV2: library defaults of the bucket event processor (documented on its props). */
export const BUCKET_EVENT_DEFAULTS = {
  /** EV2: the thumbnail pattern reacts to new objects. */
  eventTypes: ['s3:ObjectCreated:*'],
  /** The environment variables that name the bucket and the metadata table to a processor the construct creates. */
  bucketNameVariable: 'BUCKET_NAME',
  metadataTableVariable: 'METADATA_TABLE_NAME',
  /** EV1: an EventBridge target retries a failed delivery twice, for at most an hour, then its DLQ. */
  eventTargetRetryAttempts: 2,
  eventTargetMaxEventAgeSeconds: 3_600,
} as const;
/** ES1, ES2: library defaults of the Kinesis stream processor (documented on its props). */
export const KINESIS_DEFAULTS = {
  /** ES1: the stream's default retention; records stay replayable for a day. */
  retentionHours: 24,
} as const;
/** FN11, FN12: library defaults of a guarded function's safe rollout and provisioned concurrency. */
export const DEPLOYMENT_DEFAULTS = {
  /** FN11: the rollback alarm judges the new version minute by minute, so a bad canary rolls back within its first interval. */
  rollbackAlarmPeriodMinutes: 1,
  /** FN11: the variable that holds the ARN of the version under test, in a traffic hook's environment. */
  hookVersionVariable: 'VERSION_UNDER_TEST',
  /** FN12: Application Auto Scaling keeps 70 % of the provisioned concurrency in use, with headroom for bursts. */
  provisionedUtilizationTarget: 0.7,
} as const;
/** EV1: library defaults of the scheduled job (documented on its props). */
export const SCHEDULED_JOB_DEFAULTS = {
  /** A few retries of a failed hand-over to the target, instead of Scheduler's 185. */
  retryAttempts: 3,
  /** A run not handed over within an hour goes to the DLQ, instead of Scheduler's 24 hours. */
  maxEventAgeSeconds: 3_600,
  /** Runs never overlap: the job's function runs one invocation at a time. */
  reservedConcurrency: 1,
  /** The message group of a FIFO queue target: every run in one group, one at a time. */
  messageGroupId: 'scheduled-job',
} as const;

/** OBS1: the layout of ServerlessDashboard (CloudWatch dashboards are 24 units wide). */
export const DASHBOARD_LAYOUT = {
  width: 24,
  /** A graph per key metric: four on a line. */
  graph: { width: 6, height: 6 },
  alarmStatusHeight: 3,
} as const;

/** ES5: the idempotency table of Powertools for AWS Lambda (TypeScript), as its DynamoDB persistence layer expects it. */
export const IDEMPOTENCY_DEFAULTS = {
  /** Powertools' default `keyAttr`: the partition key (String). */
  keyAttribute: 'id',
  /** Powertools' default `expiryAttr`: epoch seconds, the table's TTL attribute. */
  expiryAttribute: 'expiration',
  /** Powertools' default `expiresAfterSeconds` (1 hour). */
  recordExpirySeconds: 3_600,
  /** The environment variables `grant` sets: Powertools reads neither, the handler passes them on (its docs name the table's variable so). */
  tableNameVariable: 'IDEMPOTENCY_TABLE_NAME',
  expiryVariable: 'IDEMPOTENCY_EXPIRES_AFTER_SECONDS',
} as const;

/** DB1: the capacity planner's assumptions. */
export const CAPACITY_PLANNER_DEFAULTS = {
  /** A month of the price comparison: 730 hours, as AWS's pricing pages count it. */
  hoursPerMonth: 730,
  /** The auto scaling's maximum: twice the capacity the estimated traffic needs at the target utilization. */
  peakTrafficFactor: 2,
} as const;

/** EV4: library defaults of a StaticSite. */
export const STATIC_SITE_DEFAULTS = {
  defaultRootObject: 'index.html',
  /** A strict content security policy: the site's own scripts, styles, images and API calls only. */
  contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  /** HSTS: browsers use HTTPS only for two years. */
  strictTransportSecurityDays: 730,
} as const;
