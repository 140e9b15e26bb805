import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { wildcardResourcePolicy } from '../resources/wildcard-policy';

/** What Lambda's event source mapping calls on the stream itself (aws-cdk-lib's stream read actions). */
const STREAM_READ_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

/** The table `DynamoEventSource` binds to, and the wildcard policy its stream read created, if any. */
export interface ExactStreamReadTable {
  readonly table: dynamodb.ITable;
  /** The mapping must wait for it: Lambda checks the role's permissions when the mapping is created. */
  readonly listStreamsPolicy: () => iam.Policy | undefined;
}

/**
 * ES1, FN6: `table` as aws-cdk-lib's `DynamoEventSource` sees it, except that reading its stream
 * is granted exactly: the stream actions on the stream ARN (and `kms:Decrypt` on a
 * customer-managed key) in the role's default policy, and `dynamodb:ListStreams`, which supports
 * no resource-level permission, in a policy of its own that alone acknowledges the wildcard. The
 * L2's `grantStreamRead` puts that `*` into the default policy, where an acknowledgement would
 * also hide the user's own wildcard grants.
 */
export function withExactStreamRead(scope: Construct, table: dynamodb.ITable): ExactStreamReadTable {
  let policy: iam.Policy | undefined;
  const grantStreamRead = (grantee: iam.IGrantable): iam.Grant => {
    const grant = iam.Grant.addToPrincipal({ grantee, actions: STREAM_READ_ACTIONS, resourceArns: [table.tableStreamArn!] });
    table.encryptionKey?.grant(grantee, 'kms:Decrypt');
    const principal = grantee.grantPrincipal;
    if (principal instanceof iam.Role) {
      policy = wildcardResourcePolicy(scope, 'ListStreamsPolicy', {
        role: principal,
        actions: ['dynamodb:ListStreams'],
        practice: 'ES1',
        reason: 'dynamodb:ListStreams, which Lambda\'s stream event source mapping calls, supports no resource-level permissions; this policy holds nothing else.',
      });
    } else {
      iam.Grant.addToPrincipal({ grantee, actions: ['dynamodb:ListStreams'], resourceArns: ['*'] });
    }
    return grant;
  };
  // Everything else (the node whose path names the mapping, the stream ARN) is the table's own.
  const proxy = new Proxy(table, {
    get: (target, property, receiver) => (property === 'grantStreamRead' ? grantStreamRead : Reflect.get(target, property, receiver)),
  });
  return { table: proxy, listStreamsPolicy: () => policy };
}
