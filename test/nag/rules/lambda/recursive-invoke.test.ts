import { App, Aws, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { lambdaRecursiveInvoke } from '../../../../src/nag/rules/lambda';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

describe('Guardrails-LambdaRecursiveInvoke (FN13)', () => {
  const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function';

  /** A function named `name` (literal FunctionName) whose role may invoke each of `resources`. */
  function invoking(stack: Stack, id: string, resources: (fn: lambda.Function) => string[], props: Partial<lambda.FunctionProps> = { functionName: 'name' }) {
    const fn = plainFunction(stack, id, props);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: resources(fn) }));
    return fn;
  }

  test('a role that may invoke its own function (GetAtt ARN) is a finding; another function\'s GetAtt is not', () => {
    const { app, stack } = newStack();
    const fn = plainFunction(stack, 'Fn');
    fn.grantInvoke(fn.role!);
    const other = plainFunction(stack, 'Other');
    const caller = invoking(stack, 'Caller', () => [other.functionArn], {});
    expect(ruleResult(lambdaRecursiveInvoke, fn)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaRecursiveInvoke at TestStack/Fn/Resource');
  });

  test('a literal ARN of its own literal name is a finding, qualified or not; another name, account or region is not', () => {
    const { app, stack } = newStack();
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Plain', () => [`${ARN}:name`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(guardrailsFindings(app)).toContain('Guardrails-LambdaRecursiveInvoke at TestStack/Plain/Resource');
    const others = newStack().stack;
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Plain', () => [`${ARN}:other`]))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Account', () => ['arn:aws:lambda:eu-west-1:210987654321:function:name']))).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(others, 'Region', () => ['arn:aws:lambda:us-east-1:123456789012:function:name']))).toBe(NagRuleCompliance.COMPLIANT);
    const qualified = newStack().stack;
    expect(ruleResult(lambdaRecursiveInvoke, invoking(qualified, 'Alias', () => [`${ARN}:name:live`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(qualified, 'OtherAlias', () => [`${ARN}:other:live`], { functionName: 'name2' }))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a literal ARN built with the pseudo parameters (Fn::Sub, Fn::Join) is a finding in an environment-agnostic stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    const sub = invoking(stack, 'Sub', () => [Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:name')]);
    const join = invoking(stack, 'Join', () => [`arn:${Aws.PARTITION}:lambda:${Aws.REGION}:${Aws.ACCOUNT_ID}:function:name:live`], { functionName: 'name' });
    const other = invoking(stack, 'Other', () => [Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:other')], { functionName: 'name3' });
    expect(ruleResult(lambdaRecursiveInvoke, sub)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, join)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, other)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('invoke on its alias (Ref) or version (Ref) is a finding; on another function\'s alias it is not', () => {
    const { stack } = newStack();
    const viaAlias = plainFunction(stack, 'ViaAlias');
    new lambda.Alias(stack, 'Live', { aliasName: 'live', version: viaAlias.currentVersion }).grantInvoke(viaAlias.role!);
    const viaVersion = plainFunction(stack, 'ViaVersion');
    const version = new lambda.Version(stack, 'V1', { lambda: viaVersion });
    viaVersion.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [version.functionArn] }));
    const target = plainFunction(stack, 'Target');
    const otherAlias = new lambda.Alias(stack, 'TargetLive', { aliasName: 'live', version: target.currentVersion });
    const caller = invoking(stack, 'Caller', () => [otherAlias.functionArn], {});
    expect(stack.resolve(otherAlias.functionArn)).toEqual({ Ref: expect.stringMatching(/^TargetLive/) });
    expect(ruleResult(lambdaRecursiveInvoke, viaAlias)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, viaVersion)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('an Fn::Join building `<own function ARN>:live` is a finding; the same on another function is not', () => {
    const { stack } = newStack();
    const own = invoking(stack, 'Own', (fn) => [Fn.join(':', [fn.functionArn, 'live'])], {});
    const other = plainFunction(stack, 'Other');
    const caller = invoking(stack, 'Caller', () => [Fn.join(':', [other.functionArn, 'live'])], {});
    expect(ruleResult(lambdaRecursiveInvoke, own)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, caller)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('wildcards: "*", lambda:*, a matching name pattern are findings; a pattern that cannot match the literal name is not', () => {
    const { stack } = newStack();
    const viaStar = plainFunction(stack, 'ViaStar');
    viaStar.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:*'], resources: ['*'] }));
    expect(ruleResult(lambdaRecursiveInvoke, viaStar)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Prefix', () => [`${ARN}:na*`]))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'AnyLambda', () => ['arn:aws:lambda:*'], { functionName: 'name4' }))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'OtherPrefix', () => [`${ARN}:other-*`], { functionName: 'name5' }))).toBe(NagRuleCompliance.COMPLIANT);
    // A generated name is unknown: a wildcard may match it, a literal name is not guessed.
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'GeneratedWildcard', () => [`${ARN}:Test*`], {}))).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'GeneratedLiteral', () => [`${ARN}:name`], {}))).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('the invoke grant is found in any policy of the role (L2 or L1 JSON), next to policies of other actions', () => {
    const { stack } = newStack();
    const viaManaged = plainFunction(stack, 'ViaManaged');
    viaManaged.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    new iam.ManagedPolicy(stack, 'Invoke', { roles: [viaManaged.role!], statements: [new iam.PolicyStatement({ actions: ['lambda:Invoke*'], resources: [viaManaged.functionArn] })] });
    const viaJson = plainFunction(stack, 'ViaJson');
    new iam.CfnPolicy(stack, 'Json', {
      policyName: 'json',
      roles: [viaJson.role!.roleName],
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }, { Effect: 'Allow', Action: 'lambda:*', Resource: viaJson.functionArn }] },
    });
    const otherActions = plainFunction(stack, 'OtherActions');
    otherActions.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:GetFunction'], resources: [otherActions.functionArn] }));
    expect(ruleResult(lambdaRecursiveInvoke, viaManaged)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, viaJson)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(ruleResult(lambdaRecursiveInvoke, otherActions)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a parameter in the ARN is not guessed; a function without a role in the stack is not applicable', () => {
    const { stack } = newStack();
    const param = new CfnParameter(stack, 'Target');
    expect(ruleResult(lambdaRecursiveInvoke, invoking(stack, 'Param', () => [`${ARN}:${param.valueAsString}`]))).toBe(NagRuleCompliance.COMPLIANT);
    const imported = plainFunction(stack, 'Imported', { role: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123456789012:role/x', { mutable: false }) });
    expect(ruleResult(lambdaRecursiveInvoke, imported)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
