import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { stateMachineTaskCatch } from '../../../src/nag/rules/state-machine-task-catch';
import { stateMachineTaskRetry } from '../../../src/nag/rules/state-machine-task-retry';
import { stateMachineTimeout } from '../../../src/nag/rules/state-machine-timeout';
import { newStack } from '../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, ruleResult } from '../support';

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async () => {};'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X });
}

/** A state machine whose definition references a Lambda ARN, so CDK renders it as an Fn::Join. */
function machine(stack: Stack, configure: (task: tasks.LambdaInvoke) => sfn.IChainable, props: Partial<sfn.StateMachineProps> = {}) {
  const task = new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn(stack), retryOnServiceExceptions: false });
  return new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(configure(task)), ...props });
}

function literal(stack: Stack, definition: object, type = 'STANDARD'): sfn.CfnStateMachine {
  return new sfn.CfnStateMachine(stack, 'Literal', { roleArn: 'arn:aws:iam::123456789012:role/sfn', definition, stateMachineType: type });
}

describe('Guardrails-StateMachineTaskRetry (WF1)', () => {
  test('a Lambda task without Retry (Fn::Join definition) is a finding naming the state, with path', () => {
    const { app, stack } = newStack();
    const m = machine(stack, (task) => task);
    expect((m.node.defaultChild as sfn.CfnStateMachine).definitionString).toBeDefined();
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

describe('Guardrails-StateMachineTaskCatch (WF1)', () => {
  test('a task without Catch is a finding with path; States.ALL not last is a finding', () => {
    const { app, stack } = newStack();
    expect(ruleResult(stateMachineTaskCatch, machine(stack, (task) => task))).toEqual(['NoCatch:Invoke']);
    expect(guardrailsFindings(app)).toContain('Guardrails-StateMachineTaskCatch[NoCatch:Invoke] at TestStack/Machine/Resource');
    const m = literal(stack, { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['States.ALL', 'X'], Next: 'F' }] }, F: { Type: 'Fail' } } });
    expect(ruleResult(stateMachineTaskCatch, m)).toEqual(['StatesAllNotLast:T']);
  });

  test('the failure path itself needs no Catch: "send to the failure queue" reached only from a Catch; the same task on the main path is a finding', () => {
    const { app, stack } = newStack();
    const queue = new sqs.Queue(stack, 'Failures');
    const sendFailure = new tasks.SqsSendMessage(stack, 'SendFailure', { queue, messageBody: sfn.TaskInput.fromJsonPathAt('$.error') });
    const failurePath = sendFailure.next(new sfn.Fail(stack, 'Failed'));
    const m = machine(stack, (task) => task.addRetry({ errors: ['Lambda.ServiceException'] }).addCatch(failurePath, { resultPath: '$.error' }));
    expect(ruleResult(stateMachineTaskCatch, m)).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    const notify = new tasks.SqsSendMessage(second.stack, 'Notify', { queue: new sqs.Queue(second.stack, 'Q'), messageBody: sfn.TaskInput.fromText('done') });
    const onMainPath = machine(second.stack, (task) => task.addCatch(new sfn.Fail(second.stack, 'Failed'), { resultPath: '$.error' }).next(notify));
    expect(ruleResult(stateMachineTaskCatch, onMainPath)).toEqual(['NoCatch:Notify']);
    expect(guardrailsFindings(app).filter((f) => f.includes('StateMachineTaskCatch'))).toEqual([]);
  });

  test('a task leading only to a Fail state (a business failure path after a Choice) needs no Catch; one leading to Succeed does', () => {
    const { stack } = newStack();
    const task = (next: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Next: next, Retry: [{ ErrorEquals: ['States.ALL'] }] });
    const m = literal(stack, {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Notify' }], Default: 'Record' },
        Record: task('Failed'),
        Failed: { Type: 'Fail' },
        Notify: task('Done'),
        Done: { Type: 'Succeed' },
      },
    });
    expect(ruleResult(stateMachineTaskCatch, m)).toEqual(['NoCatch:Notify']);
    expect(ruleResult(stateMachineTaskRetry, m)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('tasks inside a Parallel or Map that has a Catch need none of their own; without the enclosing Catch they are findings', () => {
    const { stack } = newStack();
    const inner = (id: string) => ({ StartAt: id, States: { [id]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });
    const caught = literal(stack, {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'M', Branches: [inner('A'), { StartAt: 'N', States: { N: { Type: 'Parallel', End: true, Branches: [inner('Deep')] } } }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        M: { Type: 'Map', End: true, ItemProcessor: inner('Item'), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] },
        F: { Type: 'Fail' },
      },
    });
    expect(ruleResult(stateMachineTaskCatch, caught)).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    const uncaught = literal(second.stack, { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [inner('A')], Catch: [] } } });
    expect(ruleResult(stateMachineTaskCatch, uncaught)).toEqual(['NoCatch:P', 'NoCatch:A']);
  });

  test('a Parallel whose branches hold only Pass states cannot fail: no Catch needed; with a Task or a Fail state in a branch it is a finding', () => {
    const { stack } = newStack();
    const branch = (state: object) => ({ StartAt: 'S', States: { S: state } });
    const m = literal(stack, {
      StartAt: 'Passes',
      States: {
        Passes: { Type: 'Parallel', Next: 'Failing', Branches: [branch({ Type: 'Pass', End: true }), branch({ Type: 'Wait', Seconds: 1, End: true })] },
        Failing: { Type: 'Parallel', Next: 'Working', Branches: [branch({ Type: 'Fail', Error: 'Rejected' })] },
        Working: {
          Type: 'Parallel',
          End: true,
          Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }] }, F: { Type: 'Pass', End: true } } }],
        },
      },
    });
    expect(ruleResult(stateMachineTaskCatch, m)).toEqual(['NoCatch:Failing', 'NoCatch:Working']);
  });

  test('a NoCatch finding of one state can be acknowledged alone', () => {
    const { app, stack } = newStack();
    const m = literal(stack, {
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: 'x', Next: 'B' }, B: { Type: 'Task', Resource: 'x', End: true } },
    });
    Validations.of(m).acknowledge({ id: 'Guardrails-StateMachineTaskCatch[NoCatch:A]', reason: 'WF1: test' });
    expect(guardrailsFindings(app).filter((f) => f.includes('StateMachineTaskCatch'))).toEqual(['Guardrails-StateMachineTaskCatch[NoCatch:B] at TestStack/Literal']);
  });

  test('a task catching into a failure path is compliant; not applicable to other resources', () => {
    const { stack } = newStack();
    const m = machine(stack, (task) => task.addCatch(new sfn.Fail(stack, 'Failed'), { resultPath: '$.error' }));
    expect(ruleResult(stateMachineTaskCatch, m)).toBe(NagRuleCompliance.COMPLIANT);
    expect(ruleResult(stateMachineTaskCatch, fn(new Stack()))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});

describe('Guardrails-StateMachineTimeout (WF2, WF4)', () => {
  test('no timeout is a finding with path; a timeout is compliant', () => {
    const { app, stack } = newStack();
    expect(ruleResult(stateMachineTimeout, machine(stack, (task) => task))).toEqual(['NoTimeoutSeconds']);
    expect(guardrailsFindings(app)).toContain('Guardrails-StateMachineTimeout[NoTimeoutSeconds] at TestStack/Machine/Resource');
    const second = newStack();
    const withTimeout = machine(second.stack, (task) => task, { timeout: Duration.minutes(5) });
    expect(ruleResult(stateMachineTimeout, withTimeout)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('EXPRESS: 300 s is compliant, 301 s is a finding', () => {
    const { stack } = newStack();
    const ok = literal(stack, { StartAt: 'P', TimeoutSeconds: 300, States: { P: { Type: 'Pass', End: true } } }, 'EXPRESS');
    expect(ruleResult(stateMachineTimeout, ok)).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    const long = literal(second.stack, { StartAt: 'P', TimeoutSeconds: 301, States: { P: { Type: 'Pass', End: true } } }, 'EXPRESS');
    expect(ruleResult(stateMachineTimeout, long)).toEqual(['ExpressOver300Seconds']);
  });

  test('EXPRESS without TimeoutSeconds is compliant (stopped at 300 s anyway); the STANDARD twin is a finding', () => {
    const { stack } = newStack();
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(ruleResult(stateMachineTimeout, literal(stack, definition, 'EXPRESS'))).toBe(NagRuleCompliance.COMPLIANT);
    const second = newStack();
    expect(ruleResult(stateMachineTimeout, literal(second.stack, definition, 'STANDARD'))).toEqual(['NoTimeoutSeconds']);
    const third = newStack();
    const express = machine(third.stack, (task) => task, { stateMachineType: sfn.StateMachineType.EXPRESS });
    expect(ruleResult(stateMachineTimeout, express)).toBe(NagRuleCompliance.COMPLIANT);
  });

  test('not applicable to other resources', () => {
    const { stack } = newStack();
    expect(ruleResult(stateMachineTimeout, fn(stack))).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
