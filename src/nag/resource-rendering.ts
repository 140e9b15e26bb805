import { CfnResource, Token } from 'aws-cdk-lib';

/**
 * How the template index renders a resource: the properties synth would write for an L1, resolved,
 * or the part of them the rules read (read one by one from the L1 for the most rendered types).
 */

/** One resource of a stack as the template will hold it: type and resolved properties. */
export interface IndexedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: { [key: string]: any };
}

/**
 * Whether a value holds no token: what `stack.resolve` gives for it is an equal copy. Strings that
 * may encode a token, numbers that may, `undefined` members (resolution drops them), and objects
 * that are not plain (intrinsics, lazy values) answer false.
 */
export function isLiteral(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return !value.includes('{Token[') && !value.includes('e+289');
    case 'number':
      return !Token.isUnresolved(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isLiteral(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (!isLiteral(key) || !isLiteral((value as { [key: string]: unknown })[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Deeper than any template value: `stack.resolve` takes over (and reports a cycle). */
export const MAX_WALK_DEPTH = 100;
/** What marks an encoded list token (`#{Token[...]}`) in a string. */
export const LIST_TOKEN_MARKER = '#{Token[';

/** A plain object (no class, no resolve method): `stack.resolve` resolves it member by member. */
export function isPlainData(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && typeof (value as { resolve?: unknown }).resolve !== 'function';
}

/** The parts of an L1 that synth uses to write its Properties. */
export interface L1Internals {
  readonly cfnProperties: { [key: string]: unknown };
  readonly rawOverrides?: { Properties?: object };
  renderProperties(props: object): object;
}

/**
 * A resolved L1 value with the keys of one nested level in CloudFormation casing (`{ variables }` →
 * `{ Variables }`), and of the objects under some of them (`nested`); keys not listed are dropped.
 */
function cased(value: unknown, keys: { [l1Key: string]: string }, nested: { [l1Key: string]: { [l1Key: string]: string } } = {}): unknown {
  if (Array.isArray(value)) return value.map((item) => cased(item, keys, nested));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([key, inner]) => keys[key] !== undefined && inner !== undefined)
    .map(([key, inner]) => [keys[key], nested[key] ? cased(inner, nested[key]) : inner]));
}

/** `{ camelCase: 'CamelCase' }` for CloudFormation keys whose L1 name only lowercases the first letter. */
function l1Keys(...cfnKeys: string[]): { [l1Key: string]: string } {
  return Object.fromEntries(cfnKeys.map((key) => [key.charAt(0).toLowerCase() + key.slice(1), key]));
}

function dropUndefined(value: { [key: string]: unknown }): { [key: string]: unknown } {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined));
}

export type Resolve = (value: unknown) => unknown;

/** The keys of a pipe's DynamoDB and Kinesis stream parameters. */
const STREAM_PARAMETER_KEYS = l1Keys('MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'BatchSize', 'DeadLetterConfig',
  'OnPartialBatchItemFailure', 'StartingPosition');

/** The keys of the nested properties the readers below case, built once. */
const ON_FAILURE_KEYS = l1Keys('OnFailure');
const DESTINATION_KEYS = l1Keys('Destination');
const SCALING_KEYS = l1Keys('MaximumConcurrency');
const TARGET_KEYS = l1Keys('Id', 'Arn', 'RetryPolicy', 'DeadLetterConfig');
const RETRY_POLICY_KEYS = l1Keys('MaximumRetryAttempts', 'MaximumEventAgeInSeconds');
const ARN_KEYS = l1Keys('Arn');
const INTEGRATION_KEYS = l1Keys('Type', 'Uri', 'TimeoutInMillis', 'RequestParameters', 'IntegrationResponses');
const INTEGRATION_RESPONSE_KEYS = l1Keys('ResponseParameters', 'StatusCode');
const METHOD_SETTING_KEYS = l1Keys('CachingEnabled', 'CacheDataEncrypted', 'CacheTtlInSeconds', 'HttpMethod', 'ResourcePath');
const S3_LOCATION_KEYS = l1Keys('Bucket', 'Key', 'Version');

/**
 * The properties the rules read of the types rendered most often, read one by one from the L1
 * without its rendering (whose validation of every property costs more than the rules): top-level
 * keys in CloudFormation casing, nested ones cased here. A rule that reads another property of
 * these types adds it here (`test/nag/resource-rendering.test.ts` compares them with the full rendering).
 */
const PROPERTY_READERS: { [type: string]: (p: { [key: string]: unknown }, resolve: Resolve) => { [key: string]: unknown } } = {
  'AWS::Lambda::Function': (p, resolve) => ({
    FunctionName: resolve(p.functionName),
    Role: resolve(p.role),
    Timeout: resolve(p.timeout),
    ReservedConcurrentExecutions: resolve(p.reservedConcurrentExecutions),
    Environment: cased(resolve(p.environment), { variables: 'Variables' }),
    LoggingConfig: cased(resolve(p.loggingConfig), { logGroup: 'LogGroup' }),
    DeadLetterConfig: cased(resolve(p.deadLetterConfig), { targetArn: 'TargetArn' }),
  }),
  'AWS::Lambda::Permission': (p, resolve) => ({ FunctionName: resolve(p.functionName), Principal: resolve(p.principal) }),
  'AWS::Lambda::Alias': (p, resolve) => ({ FunctionName: resolve(p.functionName) }),
  'AWS::Lambda::Version': (p, resolve) => ({ FunctionName: resolve(p.functionName) }),
  // A policy document is written in CloudFormation casing already.
  'AWS::IAM::Policy': (p, resolve) => ({ PolicyDocument: resolve(p.policyDocument), Roles: resolve(p.roles) }),
  'AWS::IAM::ManagedPolicy': (p, resolve) => ({ PolicyDocument: resolve(p.policyDocument), Roles: resolve(p.roles) }),
  'AWS::IAM::RolePolicy': (p, resolve) => ({ PolicyDocument: resolve(p.policyDocument), RoleName: resolve(p.roleName) }),
  // What the rules read of a role: its trust, its managed policies and its inline policies (not its tags, path or name).
  'AWS::IAM::Role': (p, resolve) => ({
    AssumeRolePolicyDocument: resolve(p.assumeRolePolicyDocument), ManagedPolicyArns: resolve(p.managedPolicyArns), Policies: resolve(p.policies),
  }),
  'AWS::Logs::LogGroup': (p, resolve) => ({ LogGroupName: resolve(p.logGroupName), RetentionInDays: resolve(p.retentionInDays) }),
  'AWS::Lambda::EventSourceMapping': (p, resolve) => ({
    EventSourceArn: resolve(p.eventSourceArn),
    FunctionName: resolve(p.functionName),
    BatchSize: resolve(p.batchSize),
    MaximumBatchingWindowInSeconds: resolve(p.maximumBatchingWindowInSeconds),
    MaximumRetryAttempts: resolve(p.maximumRetryAttempts),
    MaximumRecordAgeInSeconds: resolve(p.maximumRecordAgeInSeconds),
    BisectBatchOnFunctionError: resolve(p.bisectBatchOnFunctionError),
    FunctionResponseTypes: resolve(p.functionResponseTypes),
    DestinationConfig: cased(resolve(p.destinationConfig), ON_FAILURE_KEYS, { onFailure: DESTINATION_KEYS }),
    ScalingConfig: cased(resolve(p.scalingConfig), SCALING_KEYS),
  }),
  // A queue's redrive policy is JSON: written as it is.
  'AWS::SQS::Queue': (p, resolve) => ({
    RedrivePolicy: resolve(p.redrivePolicy),
    VisibilityTimeout: resolve(p.visibilityTimeout),
    MessageRetentionPeriod: resolve(p.messageRetentionPeriod),
    QueueName: resolve(p.queueName),
  }),
  'AWS::Events::Rule': (p, resolve) => ({
    Targets: cased(resolve(p.targets), TARGET_KEYS, {
      retryPolicy: RETRY_POLICY_KEYS, deadLetterConfig: ARN_KEYS,
    }),
  }),
  // Request and response parameters are maps: their keys are written as they are.
  'AWS::ApiGateway::Method': (p, resolve) => ({
    Integration: cased(resolve(p.integration), INTEGRATION_KEYS, {
      integrationResponses: INTEGRATION_RESPONSE_KEYS,
    }),
  }),
  'AWS::ApiGateway::Stage': (p, resolve) => ({
    MethodSettings: cased(resolve(p.methodSettings), METHOD_SETTING_KEYS),
  }),
  'AWS::SQS::QueuePolicy': (p, resolve) => ({ PolicyDocument: resolve(p.policyDocument) }),
  // A definition object is JSON: written as it is.
  'AWS::StepFunctions::StateMachine': (p, resolve) => ({
    Definition: resolve(p.definition),
    DefinitionString: resolve(p.definitionString),
    DefinitionS3Location: cased(resolve(p.definitionS3Location), S3_LOCATION_KEYS),
    StateMachineType: resolve(p.stateMachineType),
  }),
  // A pipe's rendering validates its many target parameters: the most costly of all.
  'AWS::Pipes::Pipe': (p, resolve) => {
    const source = resolve(p.sourceParameters) as { [key: string]: unknown } | undefined;
    const stream = (parameters: unknown) => cased(parameters, STREAM_PARAMETER_KEYS, { deadLetterConfig: { arn: 'Arn' } });
    return {
      Source: resolve(p.source),
      SourceParameters: source === undefined ? undefined : dropUndefined({
        DynamoDBStreamParameters: stream(source.dynamoDbStreamParameters),
        KinesisStreamParameters: stream(source.kinesisStreamParameters),
      }),
    };
  },
};

/** The properties of an L1 in CloudFormation casing, resolved: what synth writes, or the part of it the rules read. */
export function renderedProperties(node: CfnResource, resolve: Resolve): { [key: string]: any } {
  const l1 = node as unknown as L1Internals;
  const reader = PROPERTY_READERS[node.cfnResourceType];
  // Only the L1 classes aws-cdk-lib generates hold camelCase keys (every one, set or not); a
  // CfnResource built by hand holds CloudFormation keys and renders them as they are.
  // The getter builds the object (and renders the tags) on each call: read once.
  const properties = l1.cfnProperties;
  if (reader && isGeneratedL1(properties)) {
    const read = reader(properties, resolve);
    for (const key of Object.keys(read)) if (read[key] === undefined) delete read[key];
    return read;
  }
  return l1.renderProperties(resolveEach(properties, resolve)) ?? {};
}

function isGeneratedL1(properties: { [key: string]: unknown }): boolean {
  const keys = Object.keys(properties);
  return keys.length > 0 && keys.every((key) => key.charAt(0) === key.charAt(0).toLowerCase());
}

export function render(node: CfnResource, logicalIdOf: (node: CfnResource) => string, resolve: Resolve): IndexedResource | undefined {
  // What synth writes as Properties: the L1's own rendering (CloudFormation casing) plus property
  // overrides (escape hatches). Cheaper than rendering the whole resource (DependsOn, Metadata).
  const l1 = node as unknown as L1Internals;
  try {
    const properties = renderedProperties(node, resolve);
    const overrides = l1.rawOverrides?.Properties;
    return new RenderedResource(node, logicalIdOf, overrides ? mergeOverrides(properties, overrides, resolve) : properties);
  } catch {
    return undefined;
  }
}

/**
 * A rendered resource. Its logical ID is resolved when a rule first reads it (it costs as much as
 * rendering a small resource). A class, not an object literal with a getter: each such literal
 * gets a map of its own in old space whose getter keeps the whole index alive through young
 * collections, which made every scavenge copy and promote the index (measured: 10 × their pause).
 */
class RenderedResource implements IndexedResource {
  public readonly type: string;
  private id?: string;

  constructor(private readonly node: CfnResource, private readonly logicalIdOf: (node: CfnResource) => string,
    public readonly properties: { [key: string]: any }) {
    this.type = node.cfnResourceType;
  }

  public get logicalId(): string {
    this.id ??= this.logicalIdOf(this.node);
    return this.id;
  }
}

/**
 * The L1 properties resolved one by one, skipping those not set: what `stack.resolve` gives for the
 * whole object, at less than half its cost (most of an L1's properties are not set).
 */
function resolveEach(properties: { [key: string]: unknown }, resolve: Resolve): { [key: string]: unknown } {
  const resolved: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined) resolved[key] = resolve(value);
  }
  return resolved;
}

/** Applies property overrides as CloudFormation synthesis does: deep merge, `undefined` deletes. */
function mergeOverrides(target: any, overrides: any, resolve: (value: unknown) => unknown): any {
  const merged = { ...target };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) {
      delete merged[key];
    } else if (isPlainObject(value) && isPlainObject(merged[key])) {
      merged[key] = mergeOverrides(merged[key], value, resolve);
    } else {
      merged[key] = resolve(value);
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
