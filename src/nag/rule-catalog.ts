import { NagMessageLevel, NagRuleResult } from 'cdk-nag';
import { apiCacheSecurity } from './rules/api-cache-security';
import { apiCorsWildcardCredentials } from './rules/api-cors-wildcard-credentials';
import { apiLambdaTimeout } from './rules/api-lambda-timeout';
import { dlqRetention } from './rules/dlq-retention';
import { eventTargetRetryPolicy } from './rules/event-target-retry-policy';
import { lambdaAsyncFailureHandling } from './rules/lambda-async-failure-handling';
import { lambdaEnvironmentSize } from './rules/lambda-environment-size';
import { lambdaLogRetention } from './rules/lambda-log-retention';
import { lambdaPlaintextSecret } from './rules/lambda-plaintext-secret';
import { lambdaRecursiveInvoke } from './rules/lambda-recursive-invoke';
import { lambdaReservedConcurrency } from './rules/lambda-reserved-concurrency';
import { lambdaSharedRole } from './rules/lambda-shared-role';
import { pipeStreamFailureHandling } from './rules/pipe-stream-failure-handling';
import { sqsEventSourceFailureHandling } from './rules/sqs-event-source-failure-handling';
import { sqsRedriveBeforeExpiry } from './rules/sqs-redrive-before-expiry';
import { sqsVisibilityTimeout } from './rules/sqs-visibility-timeout';
import { stateMachineTaskCatch } from './rules/state-machine-task-catch';
import { stateMachineTaskRetry } from './rules/state-machine-task-retry';
import { stateMachineTimeout } from './rules/state-machine-timeout';
import { streamFailureHandling } from './rules/stream-failure-handling';
import { streamRecordAgeRetention } from './rules/stream-record-age-retention';
import { IndexedResource, TemplateIndex } from './template-index';

/** The prefix of every rule ID of our pack. */
export const GUARDRAILS_PACK_NAME = 'Guardrails';

/** One rule of the pack: what the README table shows, and the check. */
export interface GuardrailsRule {
  /** The rule ID without the pack prefix. */
  readonly id: string;
  readonly level: NagMessageLevel;
  /** The practice ID of docs/PRACTICES.md. */
  readonly practice: string;
  /** What was found (shown with every finding). */
  readonly info: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resource types the rule judges; it is not run on others. */
  readonly resourceTypes: string[];
  readonly check: (resource: IndexedResource, index: TemplateIndex) => NagRuleResult;
}

/** Every rule of ServerlessGuardrailsChecks, in the order of the README table. */
export const GUARDRAILS_RULES: GuardrailsRule[] = [
  {
    id: 'LambdaEnvironmentSize',
    level: NagMessageLevel.ERROR,
    practice: 'FN3',
    check: lambdaEnvironmentSize,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function\'s environment variables exceed 4 KB (keys + values).',
    explanation: 'Lambda rejects the deployment; large configuration belongs in SSM Parameter Store, AppConfig or S3. Counted: keys and literal values; a value only known at deploy time counts its literal parts only.',
    fix: 'Move large values out of the environment and pass their name or ARN instead.',
  },
  {
    id: 'LambdaPlaintextSecret',
    level: NagMessageLevel.WARN,
    practice: 'FN3',
    check: lambdaPlaintextSecret,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'An environment variable whose name looks like a secret holds a literal value.',
    explanation: 'Environment values are visible to anyone who can read the function configuration or the template. Skipped: names that announce a reference (_ARN, _NAME, _ID, _PARAM, _PATH, _URL), values that are references, ARNs, SSM paths or {{resolve:...}} dynamic references.',
    fix: 'Store the secret in Secrets Manager or SSM SecureString, pass its ARN or name, and grant read (GuardedFunction `secrets`).',
  },
  {
    id: 'LambdaReservedConcurrency',
    level: NagMessageLevel.WARN,
    practice: 'FN5',
    check: lambdaReservedConcurrency,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function has no reserved concurrency.',
    explanation: 'Reserved concurrency protects a function from throttling caused elsewhere and caps its own blast radius. Skipped: functions only CloudFormation invokes (custom resource handlers, including aws-cdk-lib\'s own: bucket notifications, log retention, auto-delete objects, AwsCustomResource, ...), which have no traffic to protect.',
    fix: 'Set ReservedConcurrentExecutions (GuardedFunction does by default), or acknowledge with the reason the function shares the pool.',
  },
  {
    id: 'LambdaSharedRole',
    level: NagMessageLevel.ERROR,
    practice: 'FN6',
    check: lambdaSharedRole,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function shares its execution role with another function.',
    explanation: 'A shared role holds the union of both functions\' permissions, so neither is least privilege. Counted per stack: roles are compared by logical ID or literal ARN.',
    fix: 'Give every function its own role (GuardedFunction creates one).',
  },
  {
    id: 'LambdaAsyncFailureHandling',
    level: NagMessageLevel.ERROR,
    practice: 'FN9',
    check: lambdaAsyncFailureHandling,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function is invoked asynchronously (S3, SNS, EventBridge, ...) without an on-failure destination or a dead-letter queue.',
    explanation: 'A failed event is retried twice and then dropped silently. Skipped: functions without an asynchronous caller (an invoke config alone counts as one, unless event source mappings, which invoke synchronously, are the function\'s callers); retries left at the default (bounded at 2) are no finding.',
    fix: 'Add an EventInvokeConfig with DestinationConfig.OnFailure, or a DeadLetterConfig (GuardedFunction `asyncInvocation`).',
  },
  {
    id: 'LambdaLogRetention',
    level: NagMessageLevel.WARN,
    practice: 'FN8',
    check: lambdaLogRetention,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function logs to a log group without retention.',
    explanation: 'Lambda creates its default log group (`/aws/lambda/` + the function name) on first use with "never expire": logs are kept and billed forever. Retention counts when the stack creates the log group (default or LoggingConfig.LogGroup) with RetentionInDays, or sets it with aws-cdk-lib\'s logRetention (Custom::LogRetention). Skipped: functions only CloudFormation invokes (custom resource handlers), a LoggingConfig.LogGroup the stack does not create, names only known at deploy time.',
    fix: 'Give the function a log group of its own with a retention (`logGroup` with `retention`; GuardedFunction does), or a LoggingConfig.LogGroup with one.',
  },
  {
    id: 'LambdaRecursiveInvoke',
    level: NagMessageLevel.ERROR,
    practice: 'FN13',
    check: lambdaRecursiveInvoke,
    resourceTypes: ['AWS::Lambda::Function'],
    info: 'The Lambda function\'s own role may invoke the function.',
    explanation: 'A function that can invoke itself can loop without end, and bill for every turn. Read: every policy attached to the role in the stack; a resource matches by reference (also to an alias or version) or as a literal ARN pattern; parameters other than the pseudo parameters are not guessed; roles outside the stack are skipped.',
    fix: 'Remove lambda:InvokeFunction on the function (or on `*`) from its own role; hand work on through a queue or a state machine.',
  },
  {
    id: 'StreamFailureHandling',
    level: NagMessageLevel.ERROR,
    practice: 'ES1',
    check: streamFailureHandling,
    resourceTypes: ['AWS::Lambda::EventSourceMapping'],
    info: 'The DynamoDB/Kinesis event source mapping lacks part of its failure handling (see the finding).',
    explanation: 'Without bisect, bounded retries, partial batch responses and an on-failure destination, one poison record blocks its shard until it expires. Skipped: bisect and partial batch responses with BatchSize 1 (nothing to split), MaximumRecordAgeInSeconds when MaximumRetryAttempts is finite (the retries already end the blocking), pieces that depend on a batch size only known at deploy time.',
    fix: 'Set BisectBatchOnFunctionError, MaximumRetryAttempts (not -1; or else MaximumRecordAgeInSeconds), FunctionResponseTypes ReportBatchItemFailures and DestinationConfig.OnFailure.',
  },
  {
    id: 'PipeStreamFailureHandling',
    level: NagMessageLevel.ERROR,
    practice: 'ES1',
    check: pipeStreamFailureHandling,
    resourceTypes: ['AWS::Pipes::Pipe'],
    info: 'An EventBridge pipe reads a DynamoDB/Kinesis stream without bounded retries or a dead-letter config (see the finding).',
    explanation: 'A pipe retries a failing batch until the record expires by default (-1), blocking its shard, and then drops it. Skipped: MaximumRecordAgeInSeconds when MaximumRetryAttempts is finite, pipes with other sources.',
    fix: 'Set MaximumRetryAttempts (not -1) and a DeadLetterConfig (SQS or SNS) in the stream source parameters.',
  },
  {
    id: 'StreamRecordAgeRetention',
    level: NagMessageLevel.ERROR,
    practice: 'ES1',
    check: streamRecordAgeRetention,
    resourceTypes: ['AWS::Lambda::EventSourceMapping'],
    info: 'A DynamoDB stream mapping\'s MaximumRecordAgeInSeconds is above the stream\'s 24 h retention (86,400 s).',
    explanation: 'The stream trims a record before it reaches that age, so a record that keeps failing is lost instead of being sent to the on-failure destination. Skipped: -1 or no value ("until the record expires": next to infinite retries StreamFailureHandling reports it, one finding per problem; with finite retries the retries end first), Kinesis mappings (their retention is configurable, 24 h to 365 days), a value only known at deploy time.',
    fix: 'Set MaximumRecordAgeInSeconds to at most 86,400 (TableStreamProcessor uses 6 h).',
  },
  {
    id: 'SqsVisibilityTimeout',
    level: NagMessageLevel.ERROR,
    practice: 'ES3',
    check: sqsVisibilityTimeout,
    resourceTypes: ['AWS::Lambda::EventSourceMapping'],
    info: 'The SQS queue\'s visibility timeout is below 6 × the function timeout + the batching window.',
    explanation: 'Messages become visible again while their batch is still processed, and are processed twice. Skipped: queues or functions outside the stack, values only known at deploy time.',
    fix: 'Raise the queue\'s VisibilityTimeout to at least 6 × the function timeout + MaximumBatchingWindowInSeconds.',
  },
  {
    id: 'SqsEventSourceFailureHandling',
    level: NagMessageLevel.ERROR,
    practice: 'ES4',
    check: sqsEventSourceFailureHandling,
    resourceTypes: ['AWS::Lambda::EventSourceMapping'],
    info: 'The SQS event source lacks part of its failure handling (see the finding).',
    explanation: 'SQS keeps failed messages through the queue\'s redrive policy, partial batch responses avoid reprocessing good messages, and a maximum concurrency above the reserved concurrency only causes throttles. Skipped: ReportBatchItemFailures with BatchSize 1 (a batch of one fails whole anyway) or a batch size only known at deploy time; RedrivePolicy of a queue outside the stack.',
    fix: 'Give the queue a RedrivePolicy, set FunctionResponseTypes ReportBatchItemFailures, keep ScalingConfig.MaximumConcurrency ≤ the reserved concurrency.',
  },
  {
    id: 'ApiLambdaTimeout',
    level: NagMessageLevel.ERROR,
    practice: 'API6',
    check: apiLambdaTimeout,
    resourceTypes: ['AWS::ApiGateway::Method'],
    info: 'A REST API method integrates a Lambda function whose timeout is not shorter than the integration timeout (29 s or TimeoutInMillis).',
    explanation: 'The client gets a 504 while the function keeps running (and billing). Skipped: integrations that invoke the function asynchronously (X-Amz-Invocation-Type \'Event\': the API answers at once), functions outside the stack, timeouts only known at deploy time.',
    fix: 'Lower the function timeout below the integration timeout, or make the work asynchronous.',
  },
  {
    id: 'ApiCacheSecurity',
    level: NagMessageLevel.ERROR,
    practice: 'API7',
    check: apiCacheSecurity,
    resourceTypes: ['AWS::ApiGateway::Stage', 'Custom::AWS'],
    info: 'An API Gateway cache is not encrypted, has a TTL outside 0–3600 s, or its invalidation does not require authorization.',
    explanation: 'Cached responses may hold personal data, and an unauthorized Cache-Control: max-age=0 lets anybody bypass the cache. Checked: method settings with caching on; the authorization through the one way a template turns it off (an AwsCustomResource patch).',
    fix: 'Set CacheDataEncrypted, keep CacheTtlInSeconds in 0–3600, keep requireAuthorizationForCacheControl on.',
  },
  {
    id: 'ApiCorsWildcardCredentials',
    level: NagMessageLevel.ERROR,
    practice: 'API8',
    check: apiCorsWildcardCredentials,
    resourceTypes: ['AWS::ApiGateway::Method', 'AWS::ApiGateway::GatewayResponse'],
    info: 'A CORS response allows origin `*` together with credentials.',
    explanation: 'Browsers reject the combination, and it shows a CORS policy without a list of trusted origins. Checked: integration responses of methods (CDK\'s preflight) and gateway responses, with literal header values.',
    fix: 'List the allowed origins explicitly when credentials are allowed.',
  },
  {
    id: 'StateMachineTaskRetry',
    level: NagMessageLevel.ERROR,
    practice: 'WF1',
    check: stateMachineTaskRetry,
    resourceTypes: ['AWS::StepFunctions::StateMachine'],
    info: 'A Task state has no Retry, or a Task, Parallel or Map state has States.ALL before its last retrier or a BackoffRate below 1.',
    explanation: 'Transient errors (throttles, service exceptions) should be retried by the state machine, not handled in code. Skipped: a Parallel or Map state without Retry of its own (its branch tasks retry; retrying the whole state would run the branches that succeeded again), definitions unknown at synth (a DefinitionS3Location outside the app; DefinitionBody.fromFile is read).',
    fix: 'Add Retry with the service\'s transient errors (ResilientStateMachine does), States.ALL last, BackoffRate ≥ 1.',
  },
  {
    id: 'StateMachineTaskCatch',
    level: NagMessageLevel.ERROR,
    practice: 'WF1',
    check: stateMachineTaskCatch,
    resourceTypes: ['AWS::StepFunctions::StateMachine'],
    info: 'A Task, Parallel or Map state has no Catch, or States.ALL before its last catcher.',
    explanation: 'Without a Catch an error fails the execution with no failure path that records it. Skipped: states of the failure path itself (reached only through a Catch, or leading only to a Fail state: the execution fails either way), states inside a Parallel or Map state that has a Catch (the error reaches it), a Parallel or Map state whose branches hold no Task or Fail state (nothing in them can fail), definitions unknown at synth.',
    fix: 'Add a Catch of States.ALL (last) to a failure path with ResultPath $.error.',
  },
  {
    id: 'StateMachineTimeout',
    level: NagMessageLevel.ERROR,
    practice: 'WF2',
    check: stateMachineTimeout,
    resourceTypes: ['AWS::StepFunctions::StateMachine'],
    info: 'A STANDARD state machine has no TimeoutSeconds, or an EXPRESS one has more than 300 s (WF4).',
    explanation: 'A STANDARD execution without a timeout can hang for a year. Skipped: an EXPRESS machine without TimeoutSeconds (stopped at 5 minutes anyway), definitions unknown at synth.',
    fix: 'Set TimeoutSeconds on the definition; at most 300 for EXPRESS.',
  },
  {
    id: 'EventTargetRetryPolicy',
    level: NagMessageLevel.ERROR,
    practice: 'EV1',
    check: eventTargetRetryPolicy,
    resourceTypes: ['AWS::Events::Rule'],
    info: 'An EventBridge rule target has no RetryPolicy or no DeadLetterConfig (one finding each, per target).',
    explanation: 'The default keeps retrying for 24 hours and 185 attempts; bounded retries make failures visible sooner, and without a DLQ an event is dropped when its retries run out. Skipped: targets that do no work of the application: CodePipeline pipelines (source-change triggers of a deployment) and CloudWatch Logs log groups (a copy of the events to look at).',
    fix: 'Set RetryPolicy (MaximumRetryAttempts, MaximumEventAgeInSeconds) and a DeadLetterConfig on the target.',
  },
  {
    id: 'DlqRetention',
    level: NagMessageLevel.ERROR,
    practice: 'MSG1',
    check: dlqRetention,
    resourceTypes: ['AWS::SQS::Queue'],
    info: 'The dead-letter queue keeps messages for less time than one of its source queues.',
    explanation: 'A message keeps its original enqueue time when it moves to the DLQ, so it may expire there before anybody looks. Skipped: queues no queue of the stack uses as its DLQ, retentions only known at deploy time.',
    fix: 'Give the DLQ the maximum retention (14 days), longer than its sources.',
  },
  {
    id: 'SqsRedriveBeforeExpiry',
    level: NagMessageLevel.ERROR,
    practice: 'ES4',
    check: sqsRedriveBeforeExpiry,
    resourceTypes: ['AWS::SQS::Queue'],
    info: 'The queue\'s maxReceiveCount × VisibilityTimeout (default 30 s) reaches its MessageRetentionPeriod (default 4 days): a poison message expires before it moves to the DLQ (MSG1).',
    explanation: 'A message moves to the DLQ only after maxReceiveCount receives, each hidden for a visibility timeout; if it expires first it is lost without a trace. Skipped: queues without a redrive policy (Serverless-SQSRedrivePolicy asks for one), values only known at deploy time; a consumer\'s ChangeMessageVisibility calls are not in the template.',
    fix: 'Lower maxReceiveCount or the VisibilityTimeout, or raise the MessageRetentionPeriod (up to 14 days), so that maxReceiveCount × VisibilityTimeout stays below it.',
  },
];

/** The rules that judge each resource type. */
export const RULES_BY_RESOURCE_TYPE: Map<string, GuardrailsRule[]> = GUARDRAILS_RULES.reduce((byType, rule) => {
  for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
  return byType;
}, new Map<string, GuardrailsRule[]>());
