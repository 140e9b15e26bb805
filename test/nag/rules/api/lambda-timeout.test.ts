import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { handler } from './fixtures';
import { apiLambdaTimeout } from '../../../../src/nag/rules/api';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-ApiLambdaTimeout (API6)', () => {
  function setup(timeout: Duration | undefined, integrationTimeout?: Duration, viaAlias = false) {
    const { app, stack } = newStack();
    const fn = handler(stack, 'Handler', timeout);
    const target = viaAlias ? new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion }) : fn;
    const api = new apigw.RestApi(stack, 'Api');
    const method = api.root.addMethod('GET', new apigw.LambdaIntegration(target, { timeout: integrationTimeout }));
    return { app, method };
  }

  test('28 s behind the default 29 s is compliant; 29 s is a finding with rule id and path', () => {
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(28)).method)).toBe(NagRuleCompliance.COMPLIANT);
    const late = setup(Duration.seconds(29));
    expect(ruleResult(apiLambdaTimeout, late.method)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(late.app)).toContain('Guardrails-ApiLambdaTimeout at TestStack/Api/Default/GET/Resource');
  });

  test('the integration\'s TimeoutInMillis is the limit; the function is found through its alias (Fn::Join URI)', () => {
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(10), Duration.seconds(10), true).method)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(apiLambdaTimeout, setup(Duration.seconds(9), Duration.seconds(10), true).method)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an integration that invokes the function asynchronously (X-Amz-Invocation-Type \'Event\') is not applicable; the synchronous twin is a finding', () => {
    const { app, stack } = newStack();
    const fn = handler(stack, 'Worker', Duration.minutes(5));
    const api = new apigw.RestApi(stack, 'Api');
    const integration = (parameters?: { [name: string]: string }) => new apigw.LambdaIntegration(fn, {
      proxy: false, requestParameters: parameters, integrationResponses: [{ statusCode: '202' }],
    });
    const async = api.root.addResource('async').addMethod('POST', integration({ 'integration.request.header.X-Amz-Invocation-Type': "'Event'" }), { methodResponses: [{ statusCode: '202' }] });
    const sync = api.root.addResource('sync').addMethod('POST', integration(), { methodResponses: [{ statusCode: '202' }] });
    expect(ruleResult(apiLambdaTimeout, async)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(apiLambdaTimeout, sync)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app).filter((f) => f.startsWith('Guardrails-ApiLambdaTimeout'))).toEqual(['Guardrails-ApiLambdaTimeout at TestStack/Api/Default/sync/POST/Resource']);
  });

  test('a function without a Timeout has the 3 s default: compliant', () => {
    expect(ruleResult(apiLambdaTimeout, setup(undefined).method)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable: a mock integration, a token timeout', () => {
    const { stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api');
    expect(ruleResult(apiLambdaTimeout, api.root.addMethod('GET', new apigw.MockIntegration()))).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const seconds = new CfnParameter(stack, 'Timeout', { type: 'Number', default: 10 });
    const method = api.root.addResource('x').addMethod('GET', new apigw.LambdaIntegration(handler(stack, 'Fn', Duration.seconds(seconds.valueAsNumber))));
    expect(ruleResult(apiLambdaTimeout, method)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
