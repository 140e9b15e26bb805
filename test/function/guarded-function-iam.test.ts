import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GuardedFunction, GuardedFunctionProps } from '../../src';
import { acknowledgementsUnder, expectNoUnacknowledgedFindings, unacknowledgedFindings } from '../support/nag';
import { fixtureCode, newStack } from '../support/stacks';

function build(props: Partial<GuardedFunctionProps> = {}) {
  const { app, stack } = newStack();
  const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', ...props });
  return { app, stack, fn };
}

interface Statement { Action: string | string[]; Effect: string; Resource: unknown }
interface Policy { Properties: { PolicyDocument: { Statement: Statement[] }; Roles: unknown[] } }

/** Every policy attached to the function's role, by logical ID. */
function rolePolicies(template: Template): Record<string, Policy> {
  const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
  return Object.fromEntries(Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))) as any;
}

const actions = (statement: Statement) => [statement.Action].flat();

describe('GuardedFunction IAM: acknowledgements never hide a user\'s own grants (FN6, FN7, DEP1)', () => {
  test('FN7: the X-Ray statement lives in a policy of its own, the only one acknowledged, and the function waits for it', () => {
    const { app, stack } = build();
    const template = Template.fromStack(stack);
    const policies = rolePolicies(template);
    const tracingIds = Object.keys(policies).filter((id) => id.startsWith('FnTracingPolicy'));
    expect(tracingIds).toHaveLength(1);
    expect(policies[tracingIds[0]].Properties.PolicyDocument.Statement).toEqual([
      { Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Effect: 'Allow', Resource: '*' },
    ]);
    const others = Object.entries(policies).filter(([id]) => id !== tracingIds[0])
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    expect(others.flatMap(actions).filter((action) => action.startsWith('xray:'))).toEqual([]);
    expect(others.filter((statement) => statement.Resource === '*')).toEqual([]);

    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0];
    expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.DependsOn).toEqual(expect.arrayContaining([tracingIds[0]]));

    const wildcardAcks = acknowledgementsUnder(app).filter((ack) => ack.id === 'AwsSolutions-IAM5[Resource::*]');
    expect(wildcardAcks.map((ack) => ack.path)).toEqual(['TestStack/Fn/TracingPolicy']);
    expect(wildcardAcks[0].reason).toMatch(/^FN7: X-Ray trace writes/);
  });

  test('wildcard grants a user adds later (addToRolePolicy, role.addToPolicy, role.addToPrincipalPolicy) are reported', () => {
    const { app, fn } = build();
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    fn.role.addToPolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] }));
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const findings = unacknowledgedFindings(app).filter((finding) => finding.startsWith('AwsSolutions-IAM5'));
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::\*\] at TestStack\/Fn\/Role\/DefaultPolicy/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Action::s3:\*\] at TestStack\/Fn\/Role\/DefaultPolicy/),
    ]));
    expect(findings.filter((finding) => finding.includes('TracingPolicy'))).toEqual([]);
  });

  test('a plain role and a guarded function\'s role report the same wildcard grant alike', () => {
    const { app, stack, fn } = build();
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const passRole = () => new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] });
    plain.addToPrincipalPolicy(passRole());
    fn.addToRolePolicy(passRole());
    const wildcardPaths = unacknowledgedFindings(app)
      .filter((finding) => finding.startsWith('AwsSolutions-IAM5[Resource::*] at '))
      .map((finding) => /^\S+ at (\S+):/.exec(finding)![1]);
    expect(wildcardPaths.sort()).toEqual(['TestStack/Fn/Role/DefaultPolicy/Resource', 'TestStack/Plain/DefaultPolicy/Resource']);
  });
});

describe('GuardedFunction IAM: customer-managed key of the failure queue (FN9, MSG1, SEC1)', () => {
  function buildWithEncryptedQueue() {
    const { app, stack } = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const failureQueue = new sqs.Queue(stack, 'Failures', { encryptionMasterKey: key, enforceSSL: true });
    const fn = new GuardedFunction(stack, 'Fn', { code: fixtureCode(), handler: 'index.handler', asyncInvocation: { failureQueue } });
    return { app, stack, fn };
  }

  test('no unacknowledged findings on the function', () => {
    expectNoUnacknowledgedFindings(buildWithEncryptedQueue().fn);
  });

  test('the role holds exactly kms:GenerateDataKey and kms:Decrypt on the key, and sqs:SendMessage on the queue', () => {
    const { stack } = buildWithEncryptedQueue();
    const template = Template.fromStack(stack);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0];
    const statements = Object.values(rolePolicies(template)).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements.filter((statement) => actions(statement).some((action) => action.startsWith('kms:')))).toEqual([
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    ]);
    expect(statements.filter((statement) => actions(statement).some((action) => action.startsWith('sqs:')))).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [queueId, 'Arn'] } },
    ]);
  });

  test('the default failure queue (SQS-managed encryption): sqs:SendMessage only, no key actions', () => {
    const { stack } = build({ asyncInvocation: {} });
    const statements = Object.values(rolePolicies(Template.fromStack(stack))).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements.flatMap(actions).filter((action) => /^(sqs|kms):/.test(action))).toEqual(['sqs:SendMessage']);
  });
});
