import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { createLogGroup } from '../../src/resources/log-group';
import { expectValidationError, newStack } from '../support/stacks';

describe('createLogGroup', () => {
  test('one month by default, retained when the stack goes', () => {
    const { stack } = newStack();
    createLogGroup(stack, 'Logs', { prop: 'logRetention', practice: 'FN8' });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 }, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('a finite retention is kept; INFINITE is refused, named after the caller\'s prop and practice', () => {
    const { stack } = newStack();
    createLogGroup(stack, 'Week', { retention: logs.RetentionDays.ONE_WEEK, prop: 'logRetention', practice: 'WF3' });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    expectValidationError(() => createLogGroup(stack, 'Forever', { retention: logs.RetentionDays.INFINITE, prop: 'accessLogRetention', practice: 'API4' }),
      { path: 'TestStack', prop: 'accessLogRetention', rule: /finite/, value: '"INFINITE"', practice: 'API4' });
  });
});
