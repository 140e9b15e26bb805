import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SecureUserPool, UserIdentityPool } from '../../src';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, expectValidationError, newStack } from '../support/stacks';

const OWN_ROWS = { 'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'] };

function notesApp(keyOf?: (stack: ReturnType<typeof newStack>['stack']) => kms.IKey) {
  const { stack } = newStack();
  const encryptionKey = keyOf?.(stack);
  const users = new SecureUserPool(stack, 'Users');
  const identities = new UserIdentityPool(stack, 'Identities', { userPool: users.userPool, userPoolClient: users.client });
  const notes = new dynamodb.Table(stack, 'Notes', {
    partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'noteId', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: encryptionKey ? dynamodb.TableEncryption.CUSTOMER_MANAGED : undefined,
    encryptionKey,
  });
  return { stack, users, identities, notes };
}

/** The statements of the authenticated role's policies. */
function authenticatedStatements(stack: ReturnType<typeof newStack>['stack'], identities: UserIdentityPool) {
  const template = Template.fromStack(stack);
  const roleId = stack.getLogicalId(identities.authenticatedRole.node.defaultChild as never);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('UserIdentityPool defaults', () => {
  test('ID3: no guests, no classic flow, the user pool\'s client as provider, an authenticated role with no permissions', () => {
    const { stack, identities } = notesApp();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      CognitoIdentityProviders: [Match.objectLike({ ClientId: Match.anyValue(), ProviderName: Match.anyValue() })],
    });
    template.resourceCountIs('AWS::Cognito::IdentityPoolRoleAttachment', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Condition: Match.objectLike({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }),
        })],
      },
    });
    expect(authenticatedStatements(stack, identities)).toEqual([]);
    expectNoUnacknowledgedFindings(stack);
  });

  test('ID3: guest access only with a reason, which acknowledges AwsSolutions-COG7', () => {
    const { stack } = newStack();
    const users = new SecureUserPool(stack, 'Users');
    expectValidationError(() => new UserIdentityPool(stack, 'Guests', { userPool: users.userPool, userPoolClient: users.client, allowGuestAccess: true }),
      { path: 'TestStack/Guests', prop: 'guestAccessReason', rule: /required with allowGuestAccess/, value: 'undefined', practice: 'ID3' });
    // A reason without guest access would be ignored: our error.
    expectValidationError(() => new UserIdentityPool(stack, 'NoGuests', { userPool: users.userPool, userPoolClient: users.client, guestAccessReason: 'visitors' }),
      { path: 'TestStack/NoGuests', prop: 'guestAccessReason', rule: /applies with allowGuestAccess: true only/, value: '"visitors"', practice: 'ID3' });
    new UserIdentityPool(stack, 'Identities', {
      userPool: users.userPool, userPoolClient: users.client, allowGuestAccess: true, guestAccessReason: 'visitors read the public catalogue',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
    expectNoUnacknowledgedFindings(stack);
  });
});

describe('UserIdentityPool.grantOwnItems (DB7)', () => {
  test('item actions on the table only where every partition key is the caller\'s identity ID', () => {
    const { stack, identities, notes } = notesApp();
    identities.grantOwnItems(notes, { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'] });
    expect(authenticatedStatements(stack, identities)).toEqual([{
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(notes.node.defaultChild as dynamodb.CfnTable), 'Arn'] },
      Condition: { 'ForAllValues:StringEquals': OWN_ROWS },
    }]);
    expectNoUnacknowledgedFindings(stack);
  });

  test('with attributes: only those, reads ask for specific attributes and writes return no others', () => {
    const { stack, identities, notes } = notesApp();
    identities.grantOwnItems(notes, { actions: ['dynamodb:GetItem'], attributes: ['identityId', 'noteId', 'text'] });
    expect(authenticatedStatements(stack, identities)[0].Condition).toEqual({
      'ForAllValues:StringEquals': { ...OWN_ROWS, 'dynamodb:Attributes': ['identityId', 'noteId', 'text'] },
      'StringEqualsIfExists': { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES', 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
    });
  });

  test('a customer-managed table key: decrypt for reads, encrypt and decrypt for writes', () => {
    const kmsActionsAfter = (actions: string[]) => {
      const app = notesApp((stack) => new kms.Key(stack, 'TableKey', { enableKeyRotation: true }));
      app.identities.grantOwnItems(app.notes, { actions });
      return authenticatedStatements(app.stack, app.identities).filter((s) => JSON.stringify(s.Action).includes('kms:')).flatMap((s) => s.Action);
    };
    expect(kmsActionsAfter(['dynamodb:Query'])).toEqual(['kms:Decrypt']);
    expect(kmsActionsAfter(['dynamodb:Query', 'dynamodb:PutItem'])).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*']);
  });

  test('Scan, table-wide actions, no action and attributes without the keys are refused, all in one error', () => {
    const { identities, notes } = notesApp();
    expectValidationError(() => identities.grantOwnItems(notes, { actions: ['dynamodb:Scan'] }),
      { path: 'TestStack/Identities', prop: 'grantOwnItems.actions', rule: /a Scan reads every row/, value: '"dynamodb:Scan"', practice: 'DB7' });
    expectOneErrorFor(() => identities.grantOwnItems(notes, { actions: ['dynamodb:DeleteTable', 'dynamodb:*'], attributes: ['text'] }), 'TestStack/Identities', [
      { prop: 'grantOwnItems.actions', practice: 'DB7' },
      { prop: 'grantOwnItems.actions', practice: 'DB7' },
      { prop: 'grantOwnItems.attributes', practice: 'DB7' },
      { prop: 'grantOwnItems.attributes', practice: 'DB7' },
    ]);
    expectOneErrorFor(() => identities.grantOwnItems(notes, { actions: [] }), 'TestStack/Identities', [{ prop: 'grantOwnItems.actions', practice: 'DB7' }]);
  });
});
