import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GuardedFunction, LogEncryption } from '../../src';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { fixtureCode, newStack } from '../support/stacks';

describe('LogEncryption (SEC1)', () => {
  test('every log group of the scope, created before or after, gets the stack\'s one rotated, retained key', () => {
    const { app, stack } = newStack();
    new GuardedFunction(stack, 'Before', { code: fixtureCode(), handler: 'index.handler' });
    LogEncryption.encryptLogGroups(app);
    new logs.LogGroup(stack, 'After', { retention: logs.RetentionDays.ONE_MONTH });
    const template = Template.fromStack(stack);
    const key = LogEncryption.keyOf(stack)!;
    const keyId = stack.getLogicalId(key.node.defaultChild as kms.CfnKey);
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    expectNoUnacknowledgedFindings(app);
  });

  test('the key policy lets the logs service of the region use the key only for log groups of this account and region', () => {
    const { stack } = newStack();
    LogEncryption.encryptLogGroups(stack);
    new logs.LogGroup(stack, 'Logs');
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy;
    const statement = policy.Statement.find((s: any) => s.Sid === 'CloudWatchLogsOfThisAccount');
    expect(statement).toEqual({
      Sid: 'CloudWatchLogsOfThisAccount',
      Effect: 'Allow',
      // The URL suffix and the partition of the stack's partition (amazonaws.com in aws, amazonaws.com.cn in aws-cn).
      Principal: { Service: { 'Fn::Join': ['', ['logs.eu-west-1.', { Ref: 'AWS::URLSuffix' }]] } },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:*']] } },
      },
    });
  });

  test('a log group with a key of its own keeps it; outside the scope nothing changes; each stack has its own key', () => {
    const { app, stack } = newStack();
    const own = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new logs.LogGroup(stack, 'WithKey', { encryptionKey: own });
    const other = new Stack(app, 'Other', { env: { account: '123456789012', region: 'eu-west-1' } });
    const third = new Stack(app, 'Third', { env: { account: '123456789012', region: 'eu-west-1' } });
    new logs.LogGroup(other, 'Logs');
    new logs.LogGroup(third, 'NotInScope');
    LogEncryption.encryptLogGroups(stack);
    LogEncryption.encryptLogGroups(other);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } });
    expect(LogEncryption.keyOf(stack)).toBeUndefined();
    Template.fromStack(other).hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('^GuardrailsLogEncryptionKey'), 'Arn'] }) });
    expect(Template.fromStack(third).findResources('AWS::Logs::LogGroup', { Properties: { KmsKeyId: Match.anyValue() } })).toEqual({});
  });
});
