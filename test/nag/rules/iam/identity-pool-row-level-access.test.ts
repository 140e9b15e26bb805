import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SecureUserPool, UserIdentityPool } from '../../../../src';
import { identityPoolRowLevelAccess } from '../../../../src/nag/rules/iam';
import { TemplateIndex } from '../../../../src/nag/template-index';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

const OWN_ROWS = { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] } };

/** A plain aws-cdk-lib identity pool (no guardrails) and a table keyed by identity ID. */
function plainApp() {
  const { app, stack } = newStack();
  const users = new SecureUserPool(stack, 'Users');
  const pool = new identitypool.IdentityPool(stack, 'Identities', {
    authenticationProviders: {
      userPools: [new identitypool.UserPoolAuthenticationProvider({ userPool: users.userPool, userPoolClient: users.client })],
    },
  });
  const table = new dynamodb.Table(stack, 'Notes', { partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING } });
  const role = pool.authenticatedRole as iam.Role;
  return { app, stack, users, pool, table, role };
}

describe('Guardrails-IdentityPoolRowLevelAccess (DB7)', () => {
  test('an authenticated role with table-wide item actions (grantReadWriteData) is a finding', () => {
    const { app, table, role } = plainApp();
    table.grantReadWriteData(role);
    expect(ruleResult(identityPoolRowLevelAccess, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-IdentityPoolRowLevelAccess at TestStack/Identities/AuthenticatedRole/Resource');
  });

  test('the same actions with LeadingKeys = the identity ID are compliant; other keys, a Scan or dynamodb:* are not', () => {
    const cases: Array<[string[], object, NagRuleCompliance]> = [
      [['dynamodb:GetItem', 'dynamodb:PutItem'], OWN_ROWS, NagRuleCompliance.COMPLIANT],
      [['dynamodb:GetItem'], { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['${aws:username}'] } }, NagRuleCompliance.NON_COMPLIANT],
      [['dynamodb:GetItem'], { StringEquals: { 'dynamodb:LeadingKeys': '${cognito-identity.amazonaws.com:sub}' } }, NagRuleCompliance.NON_COMPLIANT],
      [['dynamodb:Scan'], OWN_ROWS, NagRuleCompliance.NON_COMPLIANT],
      [['dynamodb:*'], OWN_ROWS, NagRuleCompliance.NON_COMPLIANT],
      [['dynamodb:Get*'], {}, NagRuleCompliance.NON_COMPLIANT],
      [['dynamodb:DescribeTable'], {}, NagRuleCompliance.COMPLIANT],
    ];
    for (const [actions, conditions, expected] of cases) {
      const { table, role } = plainApp();
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [table.tableArn], conditions: conditions as never }));
      expect([actions, ruleResult(identityPoolRowLevelAccess, role)]).toEqual([actions, expected]);
    }
  });

  test('a managed DynamoDB policy on the role is a finding', () => {
    const { role } = plainApp();
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonDynamoDBReadOnlyAccess'));
    expect(ruleResult(identityPoolRowLevelAccess, role)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('UserIdentityPool.grantOwnItems is compliant, and the app has no finding of the rule', () => {
    const { app, stack } = newStack();
    const users = new SecureUserPool(stack, 'Users');
    const identities = new UserIdentityPool(stack, 'Identities', { userPool: users.userPool, userPoolClient: users.client });
    const table = new dynamodb.Table(stack, 'Notes', { partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING } });
    identities.grantOwnItems(table, { actions: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] });
    expect(ruleResult(identityPoolRowLevelAccess, identities.authenticatedRole)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.includes('IdentityPoolRowLevelAccess'))).toEqual([]);
  });

  test('not applicable to a role other principals assume, e.g. a function\'s', () => {
    const { stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    const table = new dynamodb.Table(stack, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    table.grantReadWriteData(fn);
    expect(ruleResult(identityPoolRowLevelAccess, fn.role!)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(identityPoolRowLevelAccess, table)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });

  describe('only roles an identity pool may assume are rendered (mayApply)', () => {
    test('a service role and an account role are never rendered; their grants are not judged (a role the pool may assume is)', () => {
      const { app, stack } = newStack();
      const table = new dynamodb.Table(stack, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
      const service = new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const account = new iam.Role(stack, 'Account', { assumedBy: new iam.AccountRootPrincipal() });
      table.grantReadWriteData(service);
      table.grantReadWriteData(account);
      // The control: a role the identity pool may assume is rendered (and judged).
      const web = new iam.Role(stack, 'Web', { assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity') });
      const rendered = jest.spyOn(TemplateIndex.prototype, 'resourceOf');
      try {
        expect(guardrailsFindings(app).filter((f) => f.includes('IdentityPoolRowLevelAccess'))).toEqual([]);
        const renderedRoles = rendered.mock.calls.map(([node]) => node).filter((node) => node.cfnResourceType === 'AWS::IAM::Role');
        expect(renderedRoles).toEqual([web.node.defaultChild]);
        expect(identityPoolRowLevelAccess.mayApply!(service.node.defaultChild as iam.CfnRole)).toBe(false);
      } finally {
        rendered.mockRestore();
      }
    });

    test('a role trusted by the identity pool through a token (known only at synth) is still judged', () => {
      const { app, stack } = newStack();
      const table = new dynamodb.Table(stack, 'Notes', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
      const principal = Lazy.string({ produce: () => 'cognito-identity.amazonaws.com' });
      const role = new iam.Role(stack, 'Web', { assumedBy: new iam.FederatedPrincipal(principal, {}, 'sts:AssumeRoleWithWebIdentity') });
      table.grantReadWriteData(role);
      expect(identityPoolRowLevelAccess.mayApply!(role.node.defaultChild as iam.CfnRole)).toBe(true);
      expect(guardrailsFindings(app)).toContain('Guardrails-IdentityPoolRowLevelAccess at TestStack/Web/Resource');
    });
  });
});
