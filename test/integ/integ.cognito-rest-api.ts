// Integration test: the public route answers; a Cognito route refuses an anonymous caller.
// Run for real with `npx projen integ:deploy` (see README: Integration tests); CI checks the committed snapshot.
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newIntegApp } from './integ-apps';
import { CognitoRestApi, RouteAuthorization } from '../../src';

export const app = newIntegApp();
const stack = new Stack(app, 'IntegApi');
const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ status: "ok" }) });');
const api = new CognitoRestApi(stack, 'Api');
api.addRoute('GET', '/health', { handlerProps: { code, handler: 'index.handler' }, authorization: RouteAuthorization.public('integration test probe') });
api.addRoute('GET', '/items/{id}', { handlerProps: { code, handler: 'index.handler' } });

const integ = new IntegTest(app, 'Api', { testCases: [stack] });
integ.assertions.httpApiCall(`${api.api.url}health`).expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
integ.assertions.httpApiCall(`${api.api.url}items/1`).expect(ExpectedResult.objectLike({ status: 401 }));
