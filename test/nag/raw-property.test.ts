import { CfnResource, Fn, Lazy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { mayHoldText } from '../../src/nag/raw-property';
import { newStack } from '../support/stacks';

const COGNITO = 'cognito-identity.amazonaws.com';

/** The trust policy of a role as the L1 holds it. */
function trustOf(role: iam.Role): CfnResource {
  return role.node.defaultChild as CfnResource;
}

describe('mayHoldText', () => {
  test('reads an L2 policy document as the JSON it writes', () => {
    const { stack } = newStack();
    const identities = new iam.Role(stack, 'Identities', {
      assumedBy: new iam.FederatedPrincipal(COGNITO, {}, 'sts:AssumeRoleWithWebIdentity'),
    });
    const service = new iam.Role(stack, 'Service', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(mayHoldText(trustOf(identities), 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
    expect(mayHoldText(trustOf(service), 'AssumeRolePolicyDocument', 'cognito')).toBe(false);
  });

  test('resolves the tokens of a string one by one', () => {
    const { stack } = newStack();
    const principal = Lazy.string({ produce: () => COGNITO });
    const other = Lazy.string({ produce: () => 'states.amazonaws.com' });
    const document = (federated: string) => ({ Statement: [{ Effect: 'Allow', Principal: { Federated: `${federated}` } }] });
    const holds = new iam.CfnRole(stack, 'Holds', { assumeRolePolicyDocument: document(principal) });
    const lacks = new iam.CfnRole(stack, 'Lacks', { assumeRolePolicyDocument: document(other) });
    expect(mayHoldText(holds, 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
    expect(mayHoldText(lacks, 'AssumeRolePolicyDocument', 'cognito')).toBe(false);
  });

  test('answers true for what it cannot read: a token object, a number token', () => {
    const { stack } = newStack();
    const joined = new iam.CfnRole(stack, 'Joined', { assumeRolePolicyDocument: { Statement: [Fn.join('', ['cog', 'nito'])] } });
    const counted = new iam.CfnRole(stack, 'Counted', { assumeRolePolicyDocument: { Version: Lazy.number({ produce: () => 1 }) } });
    expect(mayHoldText(joined, 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
    expect(mayHoldText(counted, 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
  });

  test('reads keys and a property override', () => {
    const { stack } = newStack();
    const keyed = new iam.CfnRole(stack, 'Keyed', { assumeRolePolicyDocument: { Condition: { 'cognito-identity.amazonaws.com:aud': 'x' } } });
    const overridden = new iam.CfnRole(stack, 'Overridden', { assumeRolePolicyDocument: { Statement: [] } });
    overridden.addPropertyOverride('AssumeRolePolicyDocument', { Statement: [{ Principal: { Federated: COGNITO } }] });
    expect(mayHoldText(keyed, 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
    expect(mayHoldText(overridden, 'AssumeRolePolicyDocument', 'cognito')).toBe(true);
  });
});
