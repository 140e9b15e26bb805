import { NagRuleResult } from 'cdk-nag';
import { checkErrorHandlingStates, statesAllNotLast } from '../state-machine-definition';
import { IndexedResource, TemplateIndex } from '../template-index';

/**
 * WF1: every Task, Parallel and Map state catches errors into a failure path; `States.ALL` only as
 * the last catcher. Findings: `NoCatch:<state>`, `StatesAllNotLast:<state>`.
 *
 * No Catch is needed on a state of the failure path itself: reached only through a Catch, or
 * leading only to a Fail state, such as "send to the failure queue" before a Fail state (the
 * execution fails either way; catching its error would only lead to another failure path); nor
 * inside a Parallel or Map state that has a Catch (the error reaches that one).
 */
export function stateMachineTaskCatch(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  return checkErrorHandlingStates(resource, index, (name, state, context) => {
    const catchers = Array.isArray(state.Catch) ? state.Catch : [];
    const caughtElsewhere = context.failurePath || context.enclosingCatch;
    return [
      ...(catchers.length === 0 && !caughtElsewhere ? [`NoCatch:${name}`] : []),
      ...(statesAllNotLast(catchers) ? [`StatesAllNotLast:${name}`] : []),
    ];
  });
}
