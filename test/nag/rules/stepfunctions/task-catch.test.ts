import { Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { fn, literal, machine } from './fixtures';
import { stateMachineTaskCatch, stateMachineTaskRetry } from '../../../../src/nag/rules/stepfunctions';
import { newStack } from '../../../support/stacks';
import { guardrailsFindings, NagRuleCompliance, plainFunction, ruleResult } from '../../support';

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

  test('L2 app: tasks inside an sfn.Parallel and an sfn.Map with addCatch need no Catch of their own; without addCatch the Parallel, the Map and their tasks are findings', () => {
    const taskCatchFindings = (withCatch: boolean) => {
      const { app, stack } = newStack();
      const worker = plainFunction(stack, 'Worker');
      const invoke = (id: string) => new tasks.LambdaInvoke(stack, id, { lambdaFunction: worker, retryOnServiceExceptions: false });
      const fanOut = new sfn.Parallel(stack, 'FanOut', { resultPath: sfn.JsonPath.DISCARD }).branch(invoke('Left')).branch(invoke('Right'));
      const eachItem = new sfn.Map(stack, 'EachItem', { itemsPath: '$.items', resultPath: sfn.JsonPath.DISCARD }).itemProcessor(invoke('Item'));
      if (withCatch) {
        const failed = new sfn.Fail(stack, 'Failed');
        fanOut.addCatch(failed, { resultPath: '$.error' });
        eachItem.addCatch(failed, { resultPath: '$.error' });
      }
      new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(fanOut.next(eachItem)) });
      return guardrailsFindings(app).filter((f) => f.startsWith('Guardrails-StateMachineTaskCatch')).sort();
    };
    expect(taskCatchFindings(true)).toEqual([]);
    expect(taskCatchFindings(false)).toEqual(['EachItem', 'FanOut', 'Item', 'Left', 'Right']
      .map((state) => `Guardrails-StateMachineTaskCatch[NoCatch:${state}] at TestStack/Workflow/Resource`));
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
