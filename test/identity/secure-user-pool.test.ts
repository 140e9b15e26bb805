import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CognitoRestApi, RouteAuthorization, SecureUserPool } from '../../src';
import { handlerProps } from '../api/support';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectOneErrorFor, newStack } from '../support/stacks';

describe('SecureUserPool', () => {
  test('ID1/ID2: a pool with required MFA, PLUS, deletion protection, retained; an SRP client without secret', () => {
    const { stack } = newStack();
    const pool = new SecureUserPool(stack, 'Users');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: { MfaConfiguration: 'ON', UserPoolTier: 'PLUS', DeletionProtection: 'ACTIVE' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED',
    });
    expect(pool.keyMetrics.map((m) => m.label)).toEqual(['Sign-ins', 'Sign-in throttles', 'Token refreshes']);
    expect(pool.resourceServerIdentifier).toBe('api');
    expectNoUnacknowledgedFindings(stack);
  });

  test('a domain with scopes gets a resource server whose scopes the client may ask for', () => {
    const { stack } = newStack();
    const pool = new SecureUserPool(stack, 'Users', {
      domainPrefix: 'notes-app', callbackUrls: ['https://notes.example.com/'], oauthScopes: ['notes.read'], resourceServerIdentifier: 'notes',
    });
    expect(pool.resourceServer).toBeInstanceOf(cognito.UserPoolResourceServer);
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthScopes: ['openid', 'email', 'notes/notes.read'],
    });
  });

  test('ID1/ID2/API2: every failed rule in one error, under the props\' own names', () => {
    const { stack } = newStack();
    expectOneErrorFor(() => new SecureUserPool(stack, 'Users', { mfa: cognito.Mfa.OFF, oauthScopes: ['a b'] }), 'TestStack/Users', [
      { prop: 'oauthScopes', practice: 'API2' },
      { prop: 'mfa', practice: 'ID1' },
      { prop: 'oauthScopes', practice: 'ID2' },
    ]);
    expectOneErrorFor(() => new SecureUserPool(newStack().stack, 'Users', { featurePlan: cognito.FeaturePlan.ESSENTIALS }),
      'TestStack/Users', [{ prop: 'featurePlanReason', practice: 'ID1' }]);
  });
});

describe('CognitoRestApi with a SecureUserPool', () => {
  test('the pool, its client and domain keep the logical IDs of a pool the API created itself (no replacement on upgrade)', () => {
    const { stack } = newStack();
    new CognitoRestApi(stack, 'Api', { userPoolOptions: { domainPrefix: 'orders-app', callbackUrls: ['https://example.com/'] } })
      .addRoute('GET', '/items', { handlerProps });
    // What earlier versions built: the L2 pool at Api/UserPool, its client and domain under it.
    const earlier = new Construct(new Construct(newStack().stack, 'Api'), 'UserPool');
    const logicalIdOf = (id: string) => newStack().stack.getLogicalId(new cognito.CfnUserPool(id === 'Resource' ? earlier : new Construct(earlier, id), 'Resource'));
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::Cognito::UserPool'))).toEqual([logicalIdOf('Resource')]);
    expect(Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))).toEqual([logicalIdOf('AppClient')]);
    expect(Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'))).toEqual([logicalIdOf('Domain')]);
  });

  test('an API on a shared SecureUserPool creates no pool and authorizes with the shared one and its scopes', () => {
    const { stack } = newStack();
    const users = new SecureUserPool(stack, 'Users', { domainPrefix: 'orders-app', callbackUrls: ['https://example.com/'], oauthScopes: ['read'] });
    const api = new CognitoRestApi(stack, 'Orders', { secureUserPool: users });
    api.addRoute('GET', '/items', { handlerProps, authorization: RouteAuthorization.cognito(['read']) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(api.userPool).toBe(users.userPool);
    expect(api.userPoolClient).toBe(users.client);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      ProviderARNs: [{ 'Fn::GetAtt': [stack.getLogicalId(users.userPool.node.defaultChild as cognito.CfnUserPool), 'Arn'] }],
    });
  });

  test('ID1/API2: a shared pool excludes userPool, userPoolOptions, oauthScopes and resourceServerIdentifier', () => {
    const { stack } = newStack();
    const users = new SecureUserPool(stack, 'Users');
    expectOneErrorFor(() => new CognitoRestApi(stack, 'Orders', {
      secureUserPool: users, userPoolOptions: {}, oauthScopes: ['read'], resourceServerIdentifier: 'orders',
    }), 'TestStack/Orders', [
      { prop: 'userPool/userPoolOptions/secureUserPool', practice: 'ID1' },
      { prop: 'oauthScopes', practice: 'API2' },
      { prop: 'resourceServerIdentifier', practice: 'API2' },
    ]);
  });
});
