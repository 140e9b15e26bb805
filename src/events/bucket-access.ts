import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../core/acknowledge';
import { KMS_PRODUCER_ACTIONS } from '../core/limits';

/** The keys a processor reads (those its filters match) and the keys it may write. */
export interface BucketAccess {
  readonly readKeyPatterns: string[];
  readonly writeKeyPatterns: string[];
}

/**
 * FN6, FN13: the processor reads exactly the objects (and versions) that notify it and writes
 * exactly under `writeKeyPatterns`, with the bucket key's matching KMS actions. Object key
 * patterns are wildcards by nature: they live in a policy of their own, which alone acknowledges
 * AwsSolutions-IAM5, so the wildcards a user grants the role later are still reported.
 */
export function grantBucketAccess(scope: Construct, id: string, bucket: s3.IBucket, grantee: iam.IGrantable, access: BucketAccess): void {
  const statements = [
    new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: access.readKeyPatterns.map((key) => bucket.arnForObjects(key)) }),
    ...(access.writeKeyPatterns.length > 0 ? [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: access.writeKeyPatterns.map((key) => bucket.arnForObjects(key)) })] : []),
  ];
  const role = grantee.grantPrincipal instanceof iam.Role ? grantee.grantPrincipal : undefined;
  if (role) {
    const policy = new iam.Policy(scope, id, { roles: [role], statements });
    const reason = 'an object key pattern names the objects the processor reads (those its filters match) or writes (writeKeyPatterns); this policy holds nothing else.';
    for (const key of [...access.readKeyPatterns, ...access.writeKeyPatterns]) {
      const resource = nagResourceOf(Stack.of(scope).resolve(bucket.arnForObjects(key)));
      if (resource) acknowledgeRule(policy, `AwsSolutions-IAM5[Resource::${resource}]`, 'FN6', reason);
    }
  } else {
    statements.forEach((statement) => grantee.grantPrincipal.addToPrincipalPolicy(statement));
  }
  bucket.encryptionKey?.grant(grantee, ...(access.writeKeyPatterns.length > 0 ? KMS_PRODUCER_ACTIONS : ['kms:Decrypt']));
}

/** The key pattern of the objects a filter matches (`*` between its prefix and suffix). */
export function keyPatternOf(filter: s3.NotificationKeyFilter): string {
  return `${filter.prefix ?? ''}*${filter.suffix ?? ''}`;
}

/**
 * A resolved IAM Resource as cdk-nag names it in a granular finding (`<Bucket1234.Arn>/uploads/*`),
 * so that each key pattern is acknowledged by itself; undefined for a shape it does not name.
 */
function nagResourceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const object = value as { [key: string]: any } | undefined;
  if (Array.isArray(object?.['Fn::GetAtt'])) return `<${object!['Fn::GetAtt'].join('.')}>`;
  if (typeof object?.Ref === 'string') return `<${object.Ref}>`;
  const join = object?.['Fn::Join'];
  if (!Array.isArray(join) || !Array.isArray(join[1])) return undefined;
  const parts = join[1].map(nagResourceOf);
  return parts.every((part: string | undefined) => part !== undefined) ? parts.join(join[0]) : undefined;
}

/**
 * The singleton function of aws-cdk-lib that writes a bucket's notification configuration at
 * deploy time runs with the AWS managed basic execution role, which aws-cdk-lib gives it.
 */
export function acknowledgeNotificationsHandler(scope: Construct): void {
  const stack = Stack.of(scope);
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  if (!handler) return;
  acknowledgeRule(handler, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'EV2',
    'aws-cdk-lib\'s own deploy-time handler that writes the bucket\'s notification configuration; aws-cdk-lib gives its role this managed policy (CloudWatch Logs only).');
}
