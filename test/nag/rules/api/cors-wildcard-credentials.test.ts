import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { handler } from './fixtures';
import { apiCorsWildcardCredentials } from '../../../../src/nag/rules/api';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-ApiCorsWildcardCredentials (API8)', () => {
  test('CDK preflight with all origins and credentials is a finding', () => {
    const { app, stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS, allowCredentials: true } });
    api.root.addMethod('GET', new apigw.MockIntegration());
    const options = api.root.node.findChild('OPTIONS');
    expect(ruleResult(apiCorsWildcardCredentials, options)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-ApiCorsWildcardCredentials at TestStack/Api/Default/OPTIONS/Resource');
  });

  test('listed origins with credentials, or * without credentials, are compliant', () => {
    const { stack } = newStack();
    const listed = new apigw.RestApi(stack, 'Listed', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'], allowCredentials: true } });
    listed.root.addMethod('GET', new apigw.MockIntegration());
    const open = new apigw.RestApi(stack, 'Open', { defaultCorsPreflightOptions: { allowOrigins: apigw.Cors.ALL_ORIGINS } });
    open.root.addMethod('GET', new apigw.MockIntegration());
    expect(ruleResult(apiCorsWildcardCredentials, listed.root.node.findChild('OPTIONS'))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(apiCorsWildcardCredentials, open.root.node.findChild('OPTIONS'))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('gateway responses with * and credentials are a finding', () => {
    const { stack } = newStack();
    const api = new apigw.RestApi(stack, 'Api');
    api.root.addMethod('GET', new apigw.MockIntegration());
    const response = api.addGatewayResponse('Default4xx', {
      type: apigw.ResponseType.DEFAULT_4XX,
      responseHeaders: { 'Access-Control-Allow-Origin': "'*'", 'Access-Control-Allow-Credentials': "'true'" },
    });
    expect(ruleResult(apiCorsWildcardCredentials, response)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(apiCorsWildcardCredentials, handler(stack, 'Fn'))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
