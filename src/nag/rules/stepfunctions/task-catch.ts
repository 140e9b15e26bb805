import { NagMessageLevel } from 'cdk-nag';
import { AslDefinition, AslState, errorHandlingProblems, forEachState } from '../../../template/asl';
import { checkErrorHandlingStates } from '../../check-error-handling-states';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * WF1: every Task, Parallel and Map state catches errors into a failure path; `States.ALL` only as
 * the last catcher. Findings: `NoCatch:<state>`, `StatesAllNotLast:<state>`.
 *
 * No Catch is needed on a state of the failure path itself: reached only through a Catch, or
 * leading only to a Fail state, such as "send to the failure queue" before a Fail state (the
 * execution fails either way; catching its error would only lead to another failure path); nor
 * inside a Parallel or Map state that has a Catch (the error reaches that one); nor on a Parallel
 * or Map state whose branches hold no state that can fail (only Pass, Wait, Choice, Succeed).
 */
export const stateMachineTaskCatch: GuardrailsRule = {
  id: 'StateMachineTaskCatch',
  level: NagMessageLevel.ERROR,
  practice: 'WF1',
  info: 'A Task, Parallel or Map state has no Catch, or States.ALL before its last catcher.',
  explanation: 'Without a Catch an error fails the execution with no failure path that records it. Skipped: states of the failure path itself (reached only through a Catch, or leading only to a Fail state: the execution fails either way), states inside a Parallel or Map state that has a Catch (the error reaches it), a Parallel or Map state whose branches hold no Task or Fail state (nothing in them can fail), definitions unknown at synth.',
  fix: 'Add a Catch of States.ALL (last) to a failure path with ResultPath $.error.',
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  lookupTypes: LOOKUP_TYPES.stateMachineDefinitionOf,
  check: (resource, index) => checkErrorHandlingStates(resource, index, (name, state, context) => {
    const catchers = Array.isArray(state.Catch) ? state.Catch : [];
    const caughtElsewhere = context.failurePath || context.enclosingCatch;
    return [
      ...(catchers.length === 0 && !caughtElsewhere && canFail(state) ? [`NoCatch:${name}`] : []),
      ...(errorHandlingProblems(state).some((problem) => problem.field === 'Catch') ? [`StatesAllNotLast:${name}`] : []),
    ];
  }),
};

/**
 * Whether a state can end in an error a Catch sees: a Task; a Parallel or Map holding a Task or a
 * Fail state; a Map that reads or writes items in S3 (ItemReader, ResultWriter).
 */
function canFail(state: AslState): boolean {
  if (state.Type !== 'Parallel' && state.Type !== 'Map') return true;
  if (state.ItemReader !== undefined || state.ResultWriter !== undefined) return true;
  let failing = false;
  const inner = [...(Array.isArray(state.Branches) ? state.Branches : []), state.ItemProcessor, state.Iterator]
    .filter((definition): definition is AslDefinition => definition !== null && typeof definition === 'object');
  for (const definition of inner) {
    forEachState(definition, (_, nested) => {
      if (nested.Type === 'Task' || nested.Type === 'Fail') failing = true;
    });
  }
  return failing;
}
