import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../core/acknowledge';

/** A statement on `Resource: *` that the service requires, with the practice and reason behind it. */
export interface WildcardResourceGrant {
  /** The role that needs the actions. */
  readonly role: iam.IRole;
  /** Actions that support no resource-level permissions (granted on `Resource: *`). */
  readonly actions: string[];
  /** The practice ID that requires the actions. */
  readonly practice: string;
  /** Why `Resource: *` is the only option, for the acknowledgement. */
  readonly reason: string;
}

/**
 * DEP1, FN6: a statement that needs `Resource: *` lives in a policy of its own, and only that policy
 * acknowledges `AwsSolutions-IAM5[Resource::*]`. The role's default policy stays unacknowledged,
 * so a wildcard that a user grants later (`iam:PassRole` on `*`) is still reported.
 */
export function wildcardResourcePolicy(scope: Construct, id: string, grant: WildcardResourceGrant): iam.Policy {
  const policy = new iam.Policy(scope, id, { roles: [grant.role] });
  if (grant.actions.length > 0) policy.addStatements(new iam.PolicyStatement({ actions: grant.actions, resources: ['*'] }));
  acknowledgeRule(policy, 'AwsSolutions-IAM5[Resource::*]', grant.practice, grant.reason);
  return policy;
}
