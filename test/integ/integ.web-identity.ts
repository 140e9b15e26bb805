// Integration test: the static site answers through CloudFront (a deep link too, as a single-page
// app), the API on the shared user pool answers its public route and refuses an anonymous caller.
// The row-level condition of the identity pool is checked by the unit tests (test/identity) and by
// the nag rule; an anonymous caller cannot get identity credentials here (no guest access).
// Run for real with `npx projen integ:deploy` (see README: Integration tests); CI checks the committed snapshot.
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newIntegApp } from './integ-apps';
import { CognitoRestApi, RouteAuthorization, SecureUserPool, StaticSite, UserIdentityPool } from '../../src';

export const app = newIntegApp();
const stack = new Stack(app, 'IntegWebIdentity');

const site = new StaticSite(stack, 'Site', { sourcePath: path.join(__dirname, '..', 'web', 'site'), singlePageApp: true });
const users = new SecureUserPool(stack, 'Users');
const api = new CognitoRestApi(stack, 'Api', { secureUserPool: users });
const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ status: "ok" }) });');
api.addRoute('GET', '/health', { handlerProps: { code, handler: 'index.handler' }, authorization: RouteAuthorization.public('integration test probe') });
api.addRoute('GET', '/notes', { handlerProps: { code, handler: 'index.handler' } });

const identities = new UserIdentityPool(stack, 'Identities', { userPool: users.userPool, userPoolClient: users.client });
const notes = new dynamodb.Table(stack, 'Notes', {
  partitionKey: { name: 'identityId', type: dynamodb.AttributeType.STRING },
  sortKey: { name: 'noteId', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
});
identities.grantOwnItems(notes, { actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] });

const integ = new IntegTest(app, 'WebIdentity', { testCases: [stack] });
const siteUrl = `https://${site.distribution.distributionDomainName}`;
integ.assertions.httpApiCall(`${siteUrl}/`).expect(ExpectedResult.objectLike({ status: 200 }));
integ.assertions.httpApiCall(`${siteUrl}/notes/42`).expect(ExpectedResult.objectLike({ status: 200 }));
integ.assertions.httpApiCall(`${api.api.url}health`).expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
integ.assertions.httpApiCall(`${api.api.url}notes`).expect(ExpectedResult.objectLike({ status: 401 }));
