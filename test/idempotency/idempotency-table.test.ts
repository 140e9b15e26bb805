import { CfnParameter, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GuardedFunction, IdempotencyTable } from '../../src';
import { expectNoUnacknowledgedFindings } from '../support/nag';
import { expectValidationError, fixtureCode, newStack, plainFunction } from '../support/stacks';

describe('IdempotencyTable (ES5)', () => {
  test('the table Powertools expects: key id (String), TTL on expiration, on-demand, PITR, deletion protection, retained', () => {
    const { stack } = newStack();
    const idempotency = new IdempotencyTable(stack, 'Idempotency');
    const template = Template.fromStack(stack);
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(idempotency.alarms).toEqual([idempotency.throttlesAlarm]);
    expect(idempotency.keyMetrics.map((m) => m.label)).toEqual(['Consumed read capacity', 'Consumed write capacity', 'Throttled requests']);
  });

  test('grant: exactly GetItem, PutItem, UpdateItem and DeleteItem on the table, the table name and the expiry in the environment', () => {
    const { app, stack } = newStack();
    const idempotency = new IdempotencyTable(stack, 'Idempotency', { recordExpiry: Duration.minutes(30) });
    const fn = new GuardedFunction(stack, 'Payments', { code: fixtureCode(), handler: 'index.handler', timeout: Duration.seconds(20) });
    idempotency.grant(fn.alias);
    const template = Template.fromStack(stack);
    const tableId = stack.getLogicalId(idempotency.table.node.defaultChild as any);
    const dynamoStatements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
    expect(dynamoStatements).toEqual([expect.objectContaining({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      Resource: expect.arrayContaining([{ 'Fn::GetAtt': [tableId, 'Arn'] }]),
    })]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IDEMPOTENCY_TABLE_NAME: { Ref: tableId }, IDEMPOTENCY_EXPIRES_AFTER_SECONDS: '1800' }) },
    });
    expectNoUnacknowledgedFindings(app);
  });

  test('the record expiry must outlast the function timeout; whole seconds only; a token is not compared', () => {
    const { stack } = newStack();
    const shortLived = new IdempotencyTable(stack, 'Short', { recordExpiry: Duration.seconds(60) });
    const slow = plainFunction(stack, 'Slow', { timeout: Duration.minutes(2) });
    expectValidationError(() => shortLived.grant(slow), {
      path: 'TestStack/Short', prop: 'recordExpiry', rule: 'must be longer than the timeout of TestStack/Slow (120 s)', value: '60', practice: 'ES5',
    });
    // The default function timeout (3 s) counts when the function sets none.
    expectValidationError(() => new IdempotencyTable(stack, 'Tiny', { recordExpiry: Duration.seconds(3) }).grant(plainFunction(stack, 'Default')), {
      path: 'TestStack/Tiny', prop: 'recordExpiry', rule: 'must be longer than the timeout', value: '3', practice: 'ES5',
    });
    expectValidationError(() => new IdempotencyTable(stack, 'Fraction', { recordExpiry: Duration.millis(1500) }), {
      path: 'TestStack/Fraction', prop: 'recordExpiry', rule: 'must be a whole number of seconds', value: '1.5', practice: 'ES5',
    });
    const seconds = new CfnParameter(stack, 'Expiry', { type: 'Number' }).valueAsNumber;
    expect(() => new IdempotencyTable(stack, 'Token', { recordExpiry: Duration.seconds(seconds) }).grant(plainFunction(stack, 'Any', { timeout: Duration.minutes(5) }))).not.toThrow();
    // The token reaches the function's environment as text, as Lambda needs it.
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IDEMPOTENCY_EXPIRES_AFTER_SECONDS: { Ref: 'Expiry' } }) },
    });
    expectValidationError(() => new IdempotencyTable(stack, 'Minutes', { recordExpiry: Duration.minutes(seconds) }), {
      path: 'TestStack/Minutes', prop: 'recordExpiry', rule: /a duration from a token must be given in seconds/, value: '"Duration.minutes(<token>)"', practice: 'ES5',
    });
  });

  test('grant to an imported function is an error: its environment cannot be set', () => {
    const { stack } = newStack();
    const idempotency = new IdempotencyTable(stack, 'Idempotency');
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:eu-west-1:123456789012:function:payments');
    expectValidationError(() => idempotency.grant(imported), {
      path: 'TestStack/Idempotency', prop: 'grant(fn)', rule: 'must be a function of this app', value: '"TestStack/Imported"', practice: 'ES5',
    });
  });

  test('the table name is checked', () => {
    const { stack } = newStack();
    expectValidationError(() => new IdempotencyTable(stack, 'Bad', { tableName: 'no spaces allowed' }), {
      path: 'TestStack/Bad', prop: 'tableName', rule: /must be/, value: '"no spaces allowed"', practice: 'DB2',
    });
  });
});
