import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { fn, literal, machine } from './fixtures';
import { stateMachineTaskCatch, stateMachineTaskRetry, stateMachineTimeout } from '../../../../src/nag/rules/stepfunctions';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../../support';

describe('Guardrails-StateMachineTaskRetry (WF1)', () => {
  test('a Lambda task without Retry (Fn::Join definition) is a finding naming the state, with path', () => {
    const { app, stack } = newStack();
    const m = machine(stack, (task) => task);
    expect(stack.resolve((m.node.defaultChild as sfn.CfnStateMachine).definitionString)).toHaveProperty(['Fn::Join']);
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['NoRetry:Invoke']);
    expect(guardrailsFindings(app)).toContain('Guardrails-StateMachineTaskRetry[NoRetry:Invoke] at TestStack/Machine/Resource');
  });

  test('States.ALL before the last retrier and BackoffRate < 1 are findings', () => {
    const { stack } = newStack();
    const m = literal(stack, {
      StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'], BackoffRate: 0.5 }] } },
    });
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['StatesAllNotLast:T', 'BackoffRate:T']);
  });

  test('states in Parallel branches and Map item processors are checked; Pass/Choice states are not', () => {
    const { stack } = newStack();
    const m = literal(stack, {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
          Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } }],
        },
        M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Task', Resource: 'x', End: true, Retry: [{ ErrorEquals: ['States.ALL'] }] } } } },
        C: { Type: 'Pass', End: true },
        F: { Type: 'Fail' },
      },
    });
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['NoRetry:Inner']);
  });

  test('a Parallel or Map state needs no Retry of its own (its inner tasks retry); its own retriers are still checked', () => {
    const { stack } = newStack();
    const inner = { StartAt: 'Inner', States: { Inner: { Type: 'Task', Resource: 'x', End: true, Retry: [{ ErrorEquals: ['X'] }] } } };
    const m = literal(stack, {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'M', Branches: [inner] },
        M: { Type: 'Map', Next: 'Q', ItemProcessor: inner },
        Q: { Type: 'Parallel', End: true, Branches: [inner], Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'], BackoffRate: 0.5 }] },
      },
    });
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['StatesAllNotLast:Q', 'BackoffRate:Q']);
  });

  test('a plain-app Parallel and Map without Retry of their own, whose branch tasks retry, are compliant; a branch task without Retry is a finding', () => {
    const { stack } = newStack();
    const f = fn(stack);
    const retrying = (id: string) => new tasks.LambdaInvoke(stack, id, { lambdaFunction: f });
    const parallel = new sfn.Parallel(stack, 'Both').branch(retrying('A')).branch(retrying('B'));
    const map = new sfn.Map(stack, 'Each').itemProcessor(retrying('Item'));
    const ok = new sfn.StateMachine(stack, 'Ok', { definitionBody: sfn.DefinitionBody.fromChainable(parallel.next(map)) });
    expect(ruleResult(stateMachineTaskRetry, ok)).toBe(NagRuleCompliance.COMPLIANT);
    const bare = new sfn.Parallel(stack, 'Bare').branch(new tasks.LambdaInvoke(stack, 'NoRetry', { lambdaFunction: f, retryOnServiceExceptions: false }));
    const m = new sfn.StateMachine(stack, 'Bad', { definitionBody: sfn.DefinitionBody.fromChainable(bare) });
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['NoRetry:NoRetry']);
  });

  test('a definition from a file asset (DefinitionBody.fromFile) is read and checked', () => {
    const { app, stack } = newStack();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'definition-')), 'workflow.asl.json');
    fs.writeFileSync(file, JSON.stringify({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }));
    const m = new sfn.StateMachine(stack, 'FromFile', { definitionBody: sfn.DefinitionBody.fromFile(file) });
    expect(stack.resolve((m.node.defaultChild as sfn.CfnStateMachine).definitionS3Location)).toEqual(expect.objectContaining({ key: expect.stringMatching(/\.json$/) }));
    expect(ruleResult(stateMachineTaskRetry, m)).toEqual(['NoRetry:Call']);
    expect(ruleResult(stateMachineTaskCatch, m)).toEqual(['NoCatch:Call']);
    expect(ruleResult(stateMachineTimeout, m)).toEqual(['NoTimeoutSeconds']);
    expect(guardrailsFindings(app)).toContain('Guardrails-StateMachineTaskRetry[NoRetry:Call] at TestStack/FromFile/Resource');
    const second = newStack();
    const good = path.join(path.dirname(file), 'good.asl.json');
    fs.writeFileSync(good, JSON.stringify({
      StartAt: 'Call',
      TimeoutSeconds: 60,
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] }, F: { Type: 'Fail' } },
    }));
    const compliant = new sfn.StateMachine(second.stack, 'Good', { definitionBody: sfn.DefinitionBody.fromFile(good) });
    expect(ruleResult(stateMachineTaskRetry, compliant)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(stateMachineTimeout, compliant)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a task retrying transient errors with States.ALL last is compliant', () => {
    const { stack } = newStack();
    const m = machine(stack, (task) => task.addRetry({ errors: ['Lambda.ServiceException'], backoffRate: 2 }).addRetry({ errors: ['States.ALL'], maxAttempts: 1 }));
    expect(ruleResult(stateMachineTaskRetry, m)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('a definition unknown at synth (S3) is not applicable, never a crash', () => {
    const { stack } = newStack();
    const bucket = new s3.Bucket(stack, 'Defs');
    const m = new sfn.StateMachine(stack, 'FromS3', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    (m.node.defaultChild as sfn.CfnStateMachine).addPropertyDeletionOverride('DefinitionString');
    (m.node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('DefinitionS3Location', { Bucket: bucket.bucketName, Key: 'def.json' });
    expect(ruleResult(stateMachineTaskRetry, m)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const broken = new sfn.CfnStateMachine(stack, 'Broken', { roleArn: 'arn:aws:iam::123456789012:role/x', definitionString: '{not json' });
    expect(ruleResult(stateMachineTaskRetry, broken)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(ruleResult(stateMachineTaskRetry, bucket)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
