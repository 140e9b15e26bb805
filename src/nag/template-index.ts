import * as fs from 'fs';
import { AssetStaging, CfnResource, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { PolicyDocument } from 'aws-cdk-lib/aws-iam';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AppConstructs } from './app-constructs';
import { CrossStackHandlers, handlerPropertiesOf, isCustomResourceType } from './custom-resource-handlers';
import { IndexedResource, isLiteral, isPlainData, L1Internals, LIST_TOKEN_MARKER, MAX_WALK_DEPTH, render } from './resource-rendering';
import { AslDefinition, stateMachineDefinition } from '../template/asl';
import { asArray, CfnValue, flattenToString, isAbsent, referencedLogicalIds } from '../template/cfn-values';

export type { IndexedResource } from './resource-rendering';

/** An IAM policy statement in its resolved form. */
export interface PolicyStatement {
  readonly Effect?: string;
  readonly Action?: CfnValue;
  readonly Resource?: CfnValue;
}

/** The parts of a stack's environment that are literals; undefined when only known at deploy time. */
export interface LiteralEnvironment {
  readonly partition?: string;
  readonly region?: string;
  readonly account?: string;
}

/** In a list of types to index: every custom resource (`Custom::*` and AWS::CloudFormation::CustomResource). */
export const CUSTOM_RESOURCES = 'Custom::*';
/** The resources that attach a policy document to roles. */
const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy'];
const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'];

/**
 * The resource types each lookup of the index reads. A rule lists those of the lookups it calls in
 * its `lookupTypes` (with the types it passes to `get`, `referenced`, `refersTo` and `ofType`); an
 * index built without one of them refuses the lookup, so a rule's own tests catch a missing type.
 */
export const LOOKUP_TYPES = {
  /** `functionReferencedBy`: a function directly or through one of its aliases or versions. */
  functionReferencedBy: FUNCTION_TYPES,
  /** `functionsPerRole`. */
  functionsPerRole: ['AWS::Lambda::Function'],
  /** `invokeConfigsOf`. */
  invokeConfigsOf: ['AWS::Lambda::EventInvokeConfig', ...FUNCTION_TYPES],
  /** `permissionsOf`. */
  permissionsOf: ['AWS::Lambda::Permission', ...FUNCTION_TYPES],
  /** `eventSourceMappingsOf`. */
  eventSourceMappingsOf: ['AWS::Lambda::EventSourceMapping', ...FUNCTION_TYPES],
  /** `statementsOfRole`: the policies attached to a role and the role's inline policies. */
  statementsOfRole: ['AWS::IAM::Role', ...POLICY_TYPES],
  /** `isDeployTimeFunction`: custom resources, the functions and state machines they reach, and the run-time triggers that rule a function out. */
  isDeployTimeFunction: [CUSTOM_RESOURCES, 'AWS::StepFunctions::StateMachine', 'AWS::Lambda::Permission', 'AWS::Lambda::EventSourceMapping',
    'AWS::Lambda::Url', ...FUNCTION_TYPES],
  /** `logGroupRetention`: log groups and aws-cdk-lib's `logRetention` custom resource. */
  logGroupRetention: ['AWS::Logs::LogGroup', CUSTOM_RESOURCES],
  /** `redriveSourcesOf`. */
  redriveSourcesOf: ['AWS::SQS::Queue'],
  /** `failurePathsOf`: the resources that name a queue as their DLQ or on-failure destination. */
  failurePathsOf: ['AWS::SQS::Queue', 'AWS::SNS::Subscription', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig',
    'AWS::Lambda::Function', 'AWS::Events::Rule', 'AWS::Scheduler::Schedule', 'AWS::Pipes::Pipe'],
  /** `hasVisibleMessagesAlarm`. */
  hasVisibleMessagesAlarm: ['AWS::CloudWatch::Alarm'],
  /** `stateMachineDefinitionOf` reads the state machine and the stack's file assets only. */
  stateMachineDefinitionOf: ['AWS::StepFunctions::StateMachine'],
} as const;

/**
 * The types a value can refer to for a lookup (`get`, `referenced`, `refersTo`,
 * `functionReferencedBy`) when they are indexed: only their logical IDs are resolved up front,
 * which keeps the cost of the index proportional to what the rules can look up.
 */
const REFERENCED_TYPES = new Set([
  ...FUNCTION_TYPES,
  'AWS::SQS::Queue', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable', 'AWS::Kinesis::Stream', 'AWS::Kinesis::StreamConsumer',
  'AWS::Logs::LogGroup', 'AWS::StepFunctions::StateMachine',
]);

/** Whether an index of `types` holds resources of `type` (CUSTOM_RESOURCES stands for every custom resource type). */
export function isIndexedType(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (types.has(CUSTOM_RESOURCES) && isCustomResourceType(type));
}

/**
 * The resolved template of one stack, rendered on first use and shared by every rule, with the
 * cross-resource lookups the rules need. Each lookup is built once and then reused, so the pack's
 * cost grows linearly with the number of resources.
 */
export class TemplateIndex {
  private readonly nodesByType = new Map<string, CfnResource[]>();
  private readonly rendered = new Map<CfnResource, IndexedResource | undefined>();
  /** Resolving a logical ID hashes the construct path: done once per resource. */
  private readonly logicalIds = new Map<CfnResource, string>();
  private readonly memo = new Map<string, unknown>();
  /** `ofType` and `stateMachineDefinitionOf`, asked for once per resource by several rules: a map each, keyed without building a string. */
  private readonly resourcesByType = new Map<string, IndexedResource[]>();
  private readonly definitions = new Map<IndexedResource, AslDefinition | undefined>();
  /** The file assets of the stack (a state machine definition may come from one). */
  private readonly assets: readonly Asset[];

  /**
   * @param types the resource types the rules judge and look up (their `resourceTypes` and
   * `lookupTypes`): only these are indexed and rendered, a lookup of another type is refused.
   * @param crossStackHandlers the handlers custom resources name across the stacks of the app, and
   * the app's resources (`constructs`, the stack's are read from there), shared by the indexes of
   * one validation run (found for this index alone by default)
   */
  constructor(private readonly stack: Stack, private readonly types: ReadonlySet<string>,
    private readonly crossStackHandlers: CrossStackHandlers = new CrossStackHandlers(new AppConstructs(stack.node.root))) {
    const { resources, assets } = crossStackHandlers.constructs.of(stack);
    this.assets = assets;
    for (const construct of resources) {
      if (!isIndexedType(types, construct.cfnResourceType)) continue;
      const nodes = this.nodesByType.get(construct.cfnResourceType);
      if (nodes) nodes.push(construct);
      else this.nodesByType.set(construct.cfnResourceType, [construct]);
    }
  }

  /** The stack's partition, region and account where they are literals (an environment-specific stack). */
  public get environment(): LiteralEnvironment {
    const literal = (value: string) => (Token.isUnresolved(value) ? undefined : value);
    return this.lookup('environment', () => ({
      partition: literal(this.stack.partition), region: literal(this.stack.region), account: literal(this.stack.account),
    }));
  }

  /** The rendered form of a resource; undefined when no rule reads its type or it cannot be rendered. */
  public resourceOf(node: CfnResource): IndexedResource | undefined {
    if (!isIndexedType(this.types, node.cfnResourceType) || Stack.of(node) !== this.stack) return undefined;
    if (!this.rendered.has(node)) this.rendered.set(node, render(node, this.logicalIdOfNode, this.resolve));
    return this.rendered.get(node);
  }

  /** A resource by logical ID (of the types a value can refer to, see REFERENCED_TYPES). */
  public get(logicalId: string): IndexedResource | undefined {
    const node = this.nodeOf(logicalId);
    return node ? this.resourceOf(node) : undefined;
  }

  /** The L1 of a logical ID, not rendered. */
  private nodeOf(logicalId: string): CfnResource | undefined {
    return this.lookup('byLogicalId', () => {
      const ids = new Map<string, CfnResource>();
      for (const nodes of this.nodesByType.values()) {
        if (!REFERENCED_TYPES.has(nodes[0]?.cfnResourceType)) continue;
        for (const node of nodes) ids.set(this.logicalIdOf(node), node);
      }
      return ids;
    }).get(logicalId);
  }

  /** Every resource of a CloudFormation type. */
  public ofType(type: string): IndexedResource[] {
    this.requireTypes([type]);
    let resources = this.resourcesByType.get(type);
    if (!resources) {
      resources = (this.nodesByType.get(type) ?? []).map((node) => this.resourceOf(node))
        .filter((resource): resource is IndexedResource => resource !== undefined);
      this.resourcesByType.set(type, resources);
    }
    return resources;
  }

  /** Whether a value refers to a resource of `type` (without rendering it). */
  public refersTo(value: CfnValue, type: string): boolean {
    this.requireTypes([type]);
    return [...referencedLogicalIds(value)].some((id) => this.nodeOf(id)?.cfnResourceType === type);
  }

  /** The resources of `type` that a value refers to. */
  public referenced(value: CfnValue, type: string): IndexedResource[] {
    this.requireTypes([type]);
    // The type is known before rendering: only resources of `type` are rendered.
    return [...referencedLogicalIds(value)].map((id) => this.nodeOf(id)).filter((node) => node?.cfnResourceType === type)
      .map((node) => this.resourceOf(node!)).filter((r): r is IndexedResource => r !== undefined);
  }

  /** The Lambda function a value refers to: directly, or through one of its aliases or versions. */
  public functionReferencedBy(value: CfnValue): IndexedResource | undefined {
    this.requireTypes(LOOKUP_TYPES.functionReferencedBy);
    for (const id of referencedLogicalIds(value)) {
      const type = this.nodeOf(id)?.cfnResourceType;
      if (type !== 'AWS::Lambda::Function' && type !== 'AWS::Lambda::Alias' && type !== 'AWS::Lambda::Version') continue;
      const resource = this.get(id);
      if (resource?.type === 'AWS::Lambda::Function') return resource;
      if (resource?.type === 'AWS::Lambda::Alias' || resource?.type === 'AWS::Lambda::Version') {
        const target = this.functionReferencedBy(resource.properties.FunctionName);
        if (target) return target;
      }
    }
    return undefined;
  }

  /** How many functions of the stack use each execution role (keyed by `roleKey`). */
  public functionsPerRole(): Map<string, number> {
    this.requireTypes(LOOKUP_TYPES.functionsPerRole);
    return this.lookup('functionsPerRole', () => {
      const counts = new Map<string, number>();
      for (const fn of this.ofType('AWS::Lambda::Function')) {
        const key = roleKey(fn.properties.Role);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    });
  }

  /** Event invoke configs of a function, by the function's logical ID. */
  public invokeConfigsOf(functionId: string): IndexedResource[] {
    this.requireTypes(LOOKUP_TYPES.invokeConfigsOf);
    return this.byFunction('invokeConfigs', 'AWS::Lambda::EventInvokeConfig', 'FunctionName').get(functionId) ?? [];
  }

  /** Lambda permissions of a function, by the function's logical ID. */
  public permissionsOf(functionId: string): IndexedResource[] {
    this.requireTypes(LOOKUP_TYPES.permissionsOf);
    return this.byFunction('permissions', 'AWS::Lambda::Permission', 'FunctionName').get(functionId) ?? [];
  }

  /**
   * The Allow/Deny statements attached to a role of the stack (by the role's logical ID) of every
   * policy that may hold an action `actionMatches` accepts. A policy whose actions are all literals
   * that it rejects is skipped before its document is resolved (most policies, at a fraction of the
   * cost); the statements returned are not filtered.
   */
  public statementsOfRole(roleId: string, actionMatches: (action: string) => boolean = anyAction): PolicyStatement[] {
    this.requireTypes(LOOKUP_TYPES.statementsOfRole);
    const byFilter = this.lookup('statementsOfRole', () => new Map<(action: string) => boolean, Map<string, PolicyStatement[]>>());
    const byRole = byFilter.get(actionMatches) ?? byFilter.set(actionMatches, new Map()).get(actionMatches)!;
    if (byRole.has(roleId)) return byRole.get(roleId)!;
    const documents: CfnValue[] = (this.policiesByRole(actionMatches).get(roleId) ?? [])
      .map((node) => this.resourceOf(node)?.properties.PolicyDocument);
    // Most roles have no inline policy: only those are rendered.
    const role = this.rolesWithInlinePolicies().get(roleId);
    if (role) documents.push(...asArray<any>(this.resourceOf(role)?.properties.Policies).map((inline) => inline?.PolicyDocument));
    const statements = documents.flatMap((document: any) => asArray<PolicyStatement>(document?.Statement));
    byRole.set(roleId, statements);
    return statements;
  }

  /** The roles of the stack with inline policies, by logical ID (a role is looked up by nothing else). */
  private rolesWithInlinePolicies(): Map<string, CfnResource> {
    return this.lookup('rolesWithInlinePolicies', () => new Map((this.nodesByType.get('AWS::IAM::Role') ?? [])
      .filter((role) => {
        const properties = (role as unknown as L1Internals).cfnProperties;
        return properties.policies !== undefined || properties.Policies !== undefined;
      })
      .map((role) => [this.logicalIdOf(role), role])));
  }

  /**
   * The policies of the stack that may hold an action `actionMatches` accepts, by the logical ID of
   * each role they attach to. Policies are filtered before their roles are resolved (a lazy list in
   * an L2 policy, costly), and only their roles are resolved here: a policy document is rendered
   * when a rule asks for the statements of its role.
   */
  private policiesByRole(actionMatches: (action: string) => boolean): Map<string, CfnResource[]> {
    const byFilter = this.lookup('policiesByRole', () => new Map<(action: string) => boolean, Map<string, CfnResource[]>>());
    let byRole = byFilter.get(actionMatches);
    if (!byRole) {
      const policies = POLICY_TYPES.flatMap((type) => this.nodesByType.get(type) ?? []).filter((node) => mayHoldAction(node, actionMatches));
      byRole = group(policies, (node) => [...referencedLogicalIds(this.propertyOf(node, ['Roles', 'RoleName']))]);
      byFilter.set(actionMatches, byRole);
    }
    return byRole;
  }

  /**
   * One property of a resource, resolved alone (cheaper than rendering the resource): the first of
   * `names` (CloudFormation casing) that is set. A property override of any of them renders the whole resource.
   */
  private propertyOf(node: CfnResource, names: string[]): CfnValue {
    const l1 = node as unknown as L1Internals;
    const overridden = names.some((name) => l1.rawOverrides?.Properties && name in l1.rawOverrides.Properties);
    if (overridden || this.rendered.has(node)) {
      return names.map((name) => this.resourceOf(node)?.properties[name]).find((value) => value !== undefined);
    }
    const properties = l1.cfnProperties;
    const value = names.flatMap((name) => [properties[name], properties[name.charAt(0).toLowerCase() + name.slice(1)]]).find((v) => v !== undefined);
    return this.resolve(value);
  }

  /** Event source mappings of a function, by the function's logical ID. */
  public eventSourceMappingsOf(functionId: string): IndexedResource[] {
    this.requireTypes(LOOKUP_TYPES.eventSourceMappingsOf);
    return this.byFunction('eventSourceMappings', 'AWS::Lambda::EventSourceMapping', 'FunctionName').get(functionId) ?? [];
  }

  /** Every custom resource of the stack (`Custom::*` and AWS::CloudFormation::CustomResource). */
  private customResources(): CfnResource[] {
    return [...this.nodesByType.entries()]
      .filter(([type]) => isCustomResourceType(type))
      .flatMap(([, nodes]) => nodes);
  }

  /**
   * The functions only CloudFormation's deployment invokes: the handlers of custom resources (their
   * ServiceToken, and a `triggers.Trigger`'s HandlerArn: see `handlerPropertiesOf`), including the
   * providers aws-cdk-lib adds on its own (bucket notifications, log retention, auto-delete
   * objects, AwsCustomResource, the VPC default security group restriction, triggers, ...) and
   * those of custom resources in other stacks of the app (a provider in another stack or in a
   * nested stack, or the reverse); and the functions such a handler hands the event on to: those
   * its environment names (the provider framework's user handlers) and those of a state machine
   * its environment names (the provider framework's waiter). A function that also has an invoke
   * permission, an event source mapping or a function URL is invoked at run time too, and is not one of them.
   */
  public isDeployTimeFunction(functionId: string): boolean {
    this.requireTypes(LOOKUP_TYPES.isDeployTimeFunction);
    return this.lookup('deployTimeFunctions', () => {
      const found = new Set<string>();
      const handlers = [
        ...this.customResources().flatMap((custom) => handlerPropertiesOf(custom.cfnResourceType).map((name) => this.propertyOf(custom, [name]))),
        ...this.crossStackHandlers.of(this.stack).map((target) => ({ Ref: this.logicalIdOf(target) })),
      ];
      const pending = handlers.map((handler) => this.functionReferencedBy(handler))
        .filter((fn): fn is IndexedResource => fn !== undefined);
      while (pending.length > 0) {
        const fn = pending.pop()!;
        if (found.has(fn.logicalId)) continue;
        found.add(fn.logicalId);
        for (const value of Object.values(fn.properties.Environment?.Variables ?? {})) {
          const target = this.functionReferencedBy(value);
          if (target) pending.push(target);
          for (const machine of this.referenced(value, 'AWS::StepFunctions::StateMachine')) {
            pending.push(...this.referenced(machine.properties.DefinitionString ?? machine.properties.Definition, 'AWS::Lambda::Function'));
          }
        }
      }
      const urls = this.byFunction('urls', 'AWS::Lambda::Url', 'TargetFunctionArn');
      return new Set([...found].filter((id) => this.permissionsOf(id).length === 0 && this.eventSourceMappingsOf(id).length === 0 && !urls.has(id)));
    }).has(functionId);
  }

  /**
   * Whether the log group of this name (flattened: `/aws/lambda/<FnLogicalId>` for a Ref) gets a
   * finite retention in the stack: an AWS::Logs::LogGroup with RetentionInDays, or aws-cdk-lib's
   * `logRetention` custom resource (Custom::LogRetention) with RetentionInDays. Undefined when the
   * stack neither creates the log group nor sets its retention.
   */
  public logGroupRetention(name: string): boolean | undefined {
    this.requireTypes(LOOKUP_TYPES.logGroupRetention);
    return this.lookup('logGroupRetention', () => {
      const retention = new Map<string, boolean>();
      for (const logGroup of [...this.ofType('AWS::Logs::LogGroup'), ...this.ofType('Custom::LogRetention')]) {
        const groupName = logGroup.properties.LogGroupName;
        if (isAbsent(groupName)) continue;
        const key = flattenToString(groupName);
        retention.set(key, (retention.get(key) ?? false) || !isAbsent(logGroup.properties.RetentionInDays));
      }
      return retention;
    }).get(name);
  }

  /**
   * The definition of a state machine: from its properties, or from the file asset its
   * DefinitionS3Location points to (`DefinitionBody.fromFile`), read at synth. Undefined when it
   * cannot be known (a bucket outside the app, a directory, YAML, invalid JSON).
   */
  public stateMachineDefinitionOf(machine: IndexedResource): AslDefinition | undefined {
    this.requireTypes(LOOKUP_TYPES.stateMachineDefinitionOf);
    // Three rules read each definition: parsed once.
    if (this.definitions.has(machine)) return this.definitions.get(machine);
    const definition = this.readDefinition(machine);
    this.definitions.set(machine, definition);
    return definition;
  }

  private readDefinition(machine: IndexedResource): AslDefinition | undefined {
    const inline = stateMachineDefinition(machine.properties);
    if (inline || isAbsent(machine.properties.DefinitionS3Location)) return inline;
    const key = machine.properties.DefinitionS3Location.Key;
    if (typeof key !== 'string') return undefined;
    const asset = this.lookup('assetsByKey', () => new Map(this.assets.map((a) => [this.stack.resolve(a.s3ObjectKey), a]))).get(key);
    return asset ? readJsonDefinition(asset) : undefined;
  }

  /** The queues whose redrive policy sends to the queue `dlqId`. */
  public redriveSourcesOf(dlqId: string): IndexedResource[] {
    this.requireTypes(LOOKUP_TYPES.redriveSourcesOf);
    return this.lookup('redriveSources', () => group(this.ofType('AWS::SQS::Queue'),
      (queue) => [...referencedLogicalIds(redrivePolicyOf(queue)?.deadLetterTargetArn)])).get(dlqId) ?? [];
  }

  /**
   * How the queue `queueId` ends failure paths: one entry per resource that names it as its
   * dead-letter queue or on-failure destination (`redrive`, `SNS subscription`, `event source
   * mapping`, `event invoke config`, `function DLQ`, `EventBridge target`, `Scheduler target`,
   * `pipe`); empty when it ends none.
   */
  public failurePathsOf(queueId: string): string[] {
    this.requireTypes(LOOKUP_TYPES.failurePathsOf);
    return this.lookup('failurePaths', () => {
      const paths = new Map<string, string[]>();
      const add = (kind: string, arn: CfnValue) => {
        for (const id of referencedLogicalIds(arn)) paths.set(id, [...(paths.get(id) ?? []), kind]);
      };
      const each = (type: string, kind: string, arnsOf: (properties: { [key: string]: any }) => CfnValue[]) => {
        for (const resource of this.ofType(type)) arnsOf(resource.properties).forEach((arn) => add(kind, arn));
      };
      for (const queue of this.ofType('AWS::SQS::Queue')) add('redrive', redrivePolicyOf(queue)?.deadLetterTargetArn);
      each('AWS::SNS::Subscription', 'SNS subscription', (p) => [jsonOrObject(p.RedrivePolicy)?.deadLetterTargetArn]);
      each('AWS::Lambda::EventSourceMapping', 'event source mapping', (p) => [p.DestinationConfig?.OnFailure?.Destination]);
      each('AWS::Lambda::EventInvokeConfig', 'event invoke config', (p) => [p.DestinationConfig?.OnFailure?.Destination]);
      each('AWS::Lambda::Function', 'function DLQ', (p) => [p.DeadLetterConfig?.TargetArn]);
      each('AWS::Events::Rule', 'EventBridge target', (p) => asArray<any>(p.Targets).map((target) => target?.DeadLetterConfig?.Arn));
      each('AWS::Scheduler::Schedule', 'Scheduler target', (p) => [p.Target?.DeadLetterConfig?.Arn]);
      each('AWS::Pipes::Pipe', 'pipe', (p) => [p.SourceParameters?.DynamoDBStreamParameters?.DeadLetterConfig?.Arn,
        p.SourceParameters?.KinesisStreamParameters?.DeadLetterConfig?.Arn]);
      return paths;
    }).get(queueId) ?? [];
  }

  /**
   * Whether an alarm of the stack watches the queue's ApproximateNumberOfMessagesVisible (AWS/SQS,
   * dimension QueueName), as its metric or one of the metrics of its math expression. The queue is
   * matched by reference, or by a literal queue name equal to the queue's QueueName.
   */
  public hasVisibleMessagesAlarm(queue: IndexedResource): boolean {
    this.requireTypes(LOOKUP_TYPES.hasVisibleMessagesAlarm);
    const watched = this.lookup('visibleMessagesAlarms', () => {
      const keys = new Set<string>();
      for (const alarm of this.ofType('AWS::CloudWatch::Alarm')) {
        const metrics = [alarm.properties, ...asArray<any>(alarm.properties.Metrics).map((m) => m?.MetricStat?.Metric)];
        for (const metric of metrics) {
          if (metric?.Namespace !== 'AWS/SQS' || metric?.MetricName !== 'ApproximateNumberOfMessagesVisible') continue;
          for (const dimension of asArray<any>(metric.Dimensions)) {
            if (dimension?.Name !== 'QueueName') continue;
            for (const id of referencedLogicalIds(dimension.Value)) keys.add(`logical:${id}`);
            if (typeof dimension.Value === 'string') keys.add(`name:${dimension.Value}`);
          }
        }
      }
      return keys;
    });
    const name = queue.properties.QueueName;
    return watched.has(`logical:${queue.logicalId}`) || (typeof name === 'string' && watched.has(`name:${name}`));
  }

  private byFunction(name: string, type: string, property: string): Map<string, IndexedResource[]> {
    return this.lookup(name, () => group(this.ofType(type), (resource) => {
      const fn = this.functionReferencedBy(resource.properties[property]);
      return fn ? [fn.logicalId] : [];
    }));
  }

  /**
   * A value as the template holds it. A reference to a resource of this stack (a role's ARN, a
   * function's name), the most common value, is written from the reference and the cached logical
   * ID, several times cheaper than resolving the token. Plain objects and lists are walked here, so
   * the references inside them (a policy's resources, a function's environment) take the same
   * path; any other token is resolved by the stack, alone. The result equals `stack.resolve(value)`.
   */
  private readonly resolve = (value: unknown): unknown => this.resolveAt(value, 0);

  private resolveAt(value: unknown, depth: number): unknown {
    if (value === undefined) return undefined;
    // Literals (most values of an included template, many of an L2's) resolve to themselves: no copy.
    if (isLiteral(value)) return value;
    const reference = this.referenceTo(value);
    if (reference !== undefined) return reference;
    // As `stack.resolve` walks them, undefined members dropped; what it handles otherwise (a list
    // token, a key that is a token, an object with a resolve method, a cycle) is left to it.
    if (depth < MAX_WALK_DEPTH && Array.isArray(value) && !value.some((item) => typeof item === 'string' && item.includes(LIST_TOKEN_MARKER))) {
      const items: unknown[] = [];
      for (const item of value) {
        const resolved = this.resolveAt(item, depth + 1);
        if (resolved !== undefined) items.push(resolved);
      }
      return items;
    }
    if (depth < MAX_WALK_DEPTH && isPlainData(value) && Object.keys(value).every((key) => !Token.isUnresolved(key))) {
      const resolved: { [key: string]: unknown } = {};
      for (const [key, inner] of Object.entries(value)) {
        const innerResolved = this.resolveAt(inner, depth + 1);
        if (innerResolved !== undefined) resolved[key] = innerResolved;
      }
      return resolved;
    }
    return this.stack.resolve(value);
  }

  /**
   * A string or token object that is exactly one reference to a resource of this stack, as the
   * template writes it; undefined otherwise.
   */
  private referenceTo(value: unknown): CfnValue {
    let token: unknown;
    if (typeof value === 'string') {
      if (!value.startsWith('${Token[')) return undefined;
      const fragments = Tokenization.reverseString(value);
      token = fragments.length === 1 ? fragments.firstToken : undefined;
    } else {
      token = value;
    }
    if (!(token instanceof Reference) || !CfnResource.isCfnResource(token.target) || Stack.of(token.target) !== this.stack) return undefined;
    const id = this.logicalIdOf(token.target);
    return token.displayName === 'Ref' ? { Ref: id } : { 'Fn::GetAtt': [id, token.displayName] };
  }

  /** `logicalIdOf` as one function for every rendered resource of the index (not a closure each). */
  private readonly logicalIdOfNode = (node: CfnResource): string => this.logicalIdOf(node);

  private logicalIdOf(node: CfnResource): string {
    let id = this.logicalIds.get(node);
    if (id === undefined) {
      // What the token `node.logicalId` resolves to (an overridden ID, or the stack's allocation),
      // without the resolution machinery: half the cost.
      id = (node as unknown as { _logicalIdOverride?: string })._logicalIdOverride ?? this.stack.getLogicalId(node);
      this.logicalIds.set(node, id);
    }
    return id;
  }

  /**
   * Refuses a lookup of types the index was built without: the rule that calls it forgot to
   * declare them, and would silently find nothing.
   */
  private requireTypes(types: readonly string[]): void {
    if (types.every((type) => isIndexedType(this.types, type))) return;
    const missing = types.filter((type) => !isIndexedType(this.types, type));
    throw new Error(`The template index was built without ${missing.join(', ')}: add them to the lookupTypes of the rule that looks them up (LOOKUP_TYPES lists the types of each lookup).`);
  }

  private lookup<T>(name: string, build: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, build());
    return this.memo.get(name) as T;
  }
}

/** The default filter of `statementsOfRole`: one function, so its lookups are built once. */
function anyAction(): boolean {
  return true;
}

/** A stable key for an execution role: the role's logical ID, or the literal ARN. */
export function roleKey(role: CfnValue): string {
  const ids = [...referencedLogicalIds(role)];
  return ids.length > 0 ? `logical:${ids[0]}` : flattenToString(role);
}

/** The JSON definition an asset stages as a single file; undefined for a directory or text that is no JSON object. */
function readJsonDefinition(asset: Asset): AslDefinition | undefined {
  const staging = asset.node.tryFindChild('Stage');
  if (!(staging instanceof AssetStaging)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(staging.absoluteStagedPath, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The redrive policy of a queue, whether it is written as an object or as a JSON string. */
export function redrivePolicyOf(queue: IndexedResource): { deadLetterTargetArn?: CfnValue; maxReceiveCount?: CfnValue } | undefined {
  return jsonOrObject(queue.properties.RedrivePolicy);
}

/** A JSON property (a redrive policy) written as an object or as a JSON string; undefined when it is neither. */
function jsonOrObject(value: CfnValue): any {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value ?? undefined;
}

/**
 * Whether a policy may hold an action `actionMatches` accepts, from its document before resolution
 * (an L2 PolicyDocument's statements, or the JSON of an L1): false only when every action is a
 * literal it rejects. Property overrides, NotAction and actions only known at deploy time answer true.
 */
function mayHoldAction(node: CfnResource, actionMatches: (action: string) => boolean): boolean {
  const l1 = node as unknown as L1Internals;
  if (l1.rawOverrides?.Properties) return true;
  const raw: any = l1.cfnProperties.policyDocument ?? l1.cfnProperties.PolicyDocument;
  const document = raw !== null && typeof raw === 'object' && typeof raw.toJSON === 'function' && raw instanceof PolicyDocument ? raw.toJSON() : raw;
  const statements = document?.Statement;
  if (!Array.isArray(statements)) return true;
  return statements.some((statement) => {
    if (statement === null || typeof statement !== 'object' || statement.NotAction !== undefined) return true;
    const actions = asArray<unknown>(statement.Action);
    return actions.some((action) => typeof action !== 'string' || Token.isUnresolved(action) || actionMatches(action));
  });
}

function group<T>(items: T[], keys: (item: T) => string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const members = groups.get(key);
      if (members) members.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}
