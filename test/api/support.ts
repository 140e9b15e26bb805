import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CognitoRestApi, CognitoRestApiProps } from '../../src';
import { newStack } from '../support/stacks';

// Inline code is not an asset, so one props object can serve many test stacks.
export const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });');
export const handlerProps = { code, handler: 'index.handler' };

/** Builds `new CognitoRestApi(stack, 'Orders', props)`, adds `routes` (by default one Cognito route) and synthesizes. */
export function synthApi(props: CognitoRestApiProps = {}, routes: (api: CognitoRestApi, stack: Stack) => void = (api) => {
  api.addRoute('GET', '/items/{id}', { handlerProps });
}) {
  const { app, stack } = newStack();
  const api = new CognitoRestApi(stack, 'Orders', props);
  routes(api, stack);
  return { app, stack, api, template: Template.fromStack(stack) };
}
