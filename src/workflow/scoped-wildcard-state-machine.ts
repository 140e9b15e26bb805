import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { wildcardResourcePolicy } from '../resources/wildcard-policy';

/**
 * The statements aws-cdk-lib's StateMachine adds for execution logging (CloudWatch Logs delivery)
 * and X-Ray: these actions support no resource-level permissions, so they need `Resource: *`.
 */
const NO_RESOURCE_LEVEL_ACTIONS = new Set([
  'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
  'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets',
]);

const POLICY_ID = 'LoggingAndTracingPolicy';

/**
 * A StateMachine whose log-delivery and X-Ray statements live in a policy of their own, the only
 * one with the `AwsSolutions-IAM5[Resource::*]` acknowledgement (WF3). Everything else (task
 * permissions, `addToRolePolicy`, grants) goes to the role's default policy as usual and is still
 * checked: a user's `iam:PassRole` on `*` is reported.
 */
export class ScopedWildcardStateMachine extends sfn.StateMachine {
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    if (!needsNoResourceLevelWildcard(statement)) {
      super.addToRolePolicy(statement);
      return;
    }
    // Called from aws-cdk-lib's constructor, when the role exists but this class' fields do not yet.
    const policy = this.role.node.tryFindChild(POLICY_ID) as iam.Policy | undefined ?? wildcardResourcePolicy(this.role, POLICY_ID, {
      role: this.role,
      actions: [], // aws-cdk-lib hands them over statement by statement
      practice: 'WF3',
      reason: 'CloudWatch Logs delivery (logs:*LogDelivery*, logs:DescribeLogGroups, ...) and X-Ray writes support no resource-level permissions; only these statements are in this policy.',
    });
    policy.addStatements(statement);
  }
}

/** An Allow on `*`, without conditions, of log-delivery and X-Ray actions only. */
function needsNoResourceLevelWildcard(statement: iam.PolicyStatement): boolean {
  const json = statement.toStatementJson();
  return statement.effect === iam.Effect.ALLOW && json.Condition === undefined && json.NotAction === undefined
    && statement.resources.length === 1 && statement.resources[0] === '*'
    && statement.actions.length > 0 && statement.actions.every((action) => NO_RESOURCE_LEVEL_ACTIONS.has(action));
}
