import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { keyPatternOverlapsFilter, KeyFilter } from '../../../core/key-patterns';
import { asArray, CfnValue, flattenToString, globMatches, referencedLogicalIds } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { rawProperty } from '../../raw-property';
import { IndexedResource, LOOKUP_TYPES, PolicyStatement, TemplateIndex } from '../../template-index';

/** aws-cdk-lib's custom resource that writes a bucket's notification configuration (the S3 API's shape). */
const CDK_NOTIFICATIONS = 'Custom::S3BucketNotifications';
const BUCKET = 'AWS::S3::Bucket';

/** One notification of object creation: the keys its filter matches, and what it notifies. */
interface CreationNotification {
  readonly filter: KeyFilter;
  readonly functionArn?: CfnValue;
  readonly queueArn?: CfnValue;
}

/**
 * FN13: a bucket notifies a function of object creation (directly, or through a queue the
 * function consumes), and the function's role may put objects into that bucket at keys the
 * notification's filter matches: every write triggers the function again, for ever. Read: the
 * notifications of an AWS::S3::Bucket and of aws-cdk-lib's Custom::S3BucketNotifications (what
 * `addEventNotification` writes); the role's statements with `s3:PutObject` (wildcards included) of
 * every policy attached to it in the stack; a Resource reaches the bucket by reference (its Arn or
 * name, in an Fn::Join or Fn::Sub) or as a literal ARN whose bucket part matches its literal name
 * (a generated name can only be matched by a wildcard, which is reported because it may match).
 * Key overlap is exact: some key matches both the IAM pattern and the filter's prefix and suffix.
 */
export const s3TriggerRecursion: GuardrailsRule = {
  id: 'S3TriggerRecursion',
  level: NagMessageLevel.ERROR,
  practice: 'FN13',
  info: 'A bucket notifies a function of new objects, and that function may put objects into the same bucket at keys the notification matches.',
  explanation: 'Each object the function writes triggers it again: an endless loop that bills for every turn. Read: object-created notifications to a function or to a queue a function consumes (an event source mapping), of an AWS::S3::Bucket or of aws-cdk-lib\'s notifications custom resource, and the function role\'s s3:PutObject statements of every policy attached to it in the stack; key overlap is exact (some key matches both the IAM pattern and the filter). Skipped: notifications through SNS or EventBridge, roles outside the stack, bucket or key parts only known at deploy time.',
  fix: 'Write outside the notification\'s filter (e.g. trigger on `uploads/`, write `thumbnails/*`), or to another bucket; BucketEventProcessor checks this at synth.',
  resourceTypes: [BUCKET, CDK_NOTIFICATIONS],
  lookupTypes: [...LOOKUP_TYPES.functionReferencedBy, ...LOOKUP_TYPES.statementsOfRole, 'AWS::Lambda::EventSourceMapping'],
  // A bucket without notifications (every L2 bucket: aws-cdk-lib writes them in a custom resource) is never rendered.
  mayApply: (node) => node.cfnResourceType !== BUCKET || rawProperty(node, 'NotificationConfiguration') !== undefined,
  check: (resource, index) => {
    const bucket = bucketOf(resource);
    const notifications = creationNotifications(resource);
    if (!bucket || notifications.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const loops = notifications.some((notification) => functionsNotified(notification, index)
      .some((fn) => writeKeyPatterns(fn, bucket, index).some((pattern) => keyPatternOverlapsFilter(pattern, notification.filter))));
    return loops ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

/** The bucket a notification resource configures: its logical ID (when in the stack) and literal name. */
interface BucketIdentity {
  readonly logicalId?: string;
  readonly name?: string;
}

function bucketOf(resource: IndexedResource): BucketIdentity | undefined {
  if (resource.type === BUCKET) {
    const name = resource.properties.BucketName;
    return { logicalId: resource.logicalId, name: typeof name === 'string' ? name : undefined };
  }
  const name = resource.properties.BucketName;
  if (typeof name === 'string') return { name };
  const [logicalId] = referencedLogicalIds(name);
  return logicalId ? { logicalId } : undefined;
}

/** The object-created notifications of a bucket (CloudFormation's shape) or of aws-cdk-lib's custom resource (the S3 API's shape). */
function creationNotifications(resource: IndexedResource): CreationNotification[] {
  const config = resource.properties.NotificationConfiguration ?? {};
  const cfn = resource.type === BUCKET;
  const creation = (events: CfnValue) => asArray<unknown>(events).some((event) => typeof event === 'string' && event.startsWith('s3:ObjectCreated:'));
  const filterOf = (filter: any): KeyFilter => {
    const rules = asArray<any>(cfn ? filter?.S3Key?.Rules : filter?.Key?.FilterRules);
    const value = (name: string) => rules.find((rule) => String(rule?.Name).toLowerCase() === name)?.Value;
    return { prefix: value('prefix'), suffix: value('suffix') };
  };
  const lambdas = asArray<any>(cfn ? config.LambdaConfigurations : config.LambdaFunctionConfigurations)
    .filter((c) => creation(cfn ? c?.Event : c?.Events))
    .map((c) => ({ filter: filterOf(c.Filter), functionArn: cfn ? c.Function : c.LambdaFunctionArn }));
  const queues = asArray<any>(config.QueueConfigurations)
    .filter((c) => creation(cfn ? c?.Event : c?.Events))
    .map((c) => ({ filter: filterOf(c.Filter), queueArn: cfn ? c.Queue : c.QueueArn }));
  return [...lambdas, ...queues].filter((n) => typeof n.filter.prefix !== 'object' && typeof n.filter.suffix !== 'object');
}

/** The functions a notification reaches: the one it names, or those whose event source mappings read its queue. */
function functionsNotified(notification: CreationNotification, index: TemplateIndex): IndexedResource[] {
  if (notification.functionArn !== undefined) {
    const fn = index.functionReferencedBy(notification.functionArn);
    return fn ? [fn] : [];
  }
  const queues = referencedLogicalIds(notification.queueArn);
  if (queues.size === 0) return [];
  return index.ofType('AWS::Lambda::EventSourceMapping')
    .filter((mapping) => [...referencedLogicalIds(mapping.properties.EventSourceArn)].some((id) => queues.has(id)))
    .map((mapping) => index.functionReferencedBy(mapping.properties.FunctionName))
    .filter((fn): fn is IndexedResource => fn !== undefined);
}

function putsObjects(action: string): boolean {
  return globMatches(action.toLowerCase(), 's3:putobject');
}

/** The object key patterns under which the function's role may put objects into `bucket`. */
function writeKeyPatterns(fn: IndexedResource, bucket: BucketIdentity, index: TemplateIndex): string[] {
  const [roleId] = referencedLogicalIds(fn.properties.Role);
  if (!roleId) return [];
  return index.statementsOfRole(roleId, putsObjects)
    .filter((statement: PolicyStatement) => statement.Effect === 'Allow'
      && asArray<unknown>(statement.Action).some((action) => typeof action === 'string' && putsObjects(action)))
    .flatMap((statement) => asArray<CfnValue>(statement.Resource))
    .map((target) => keyPatternIn(target, bucket))
    .filter((pattern): pattern is string => pattern !== undefined);
}

/**
 * The key pattern of an IAM Resource that reaches `bucket`'s objects: `*`; `<bucket ARN>/key`
 * (by reference); `arn:...:s3:::name/key` whose name part matches. Undefined for other buckets,
 * the bucket itself and keys with parts only known at deploy time.
 */
function keyPatternIn(target: CfnValue, bucket: BucketIdentity): string | undefined {
  if (target === '*') return '*';
  const flat = flattenToString(target);
  if (bucket.logicalId && referencedLogicalIds(target).has(bucket.logicalId)) {
    const reference = flat.search(new RegExp(`<${bucket.logicalId}(\\.Arn)?>`));
    return literalKey(flat.slice(reference).split('/').slice(1).join('/'), flat.slice(reference).includes('/'));
  }
  const arn = /^arn:[^:]*:s3:::([^/]*)(\/.*)?$/.exec(flat.replace(/<AWS::Partition>/g, 'aws'));
  if (!arn || arn[1].includes('<')) return undefined;
  const mayMatch = bucket.name !== undefined ? globMatches(arn[1], bucket.name) : /[*?]/.test(arn[1]);
  if (!mayMatch) return undefined;
  // `bucket*` also matches `bucket/key`: a trailing wildcard on the bucket part reaches every key.
  if (arn[2] === undefined) return arn[1].endsWith('*') ? '*' : undefined;
  return literalKey(arn[2].slice(1), true);
}

function literalKey(key: string, hasKey: boolean): string | undefined {
  return hasKey && !key.includes('<') ? key : undefined;
}
