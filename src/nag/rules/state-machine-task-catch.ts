import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { forEachState, stateMachineDefinition, statesAllNotLast, STATES_THAT_NEED_ERROR_HANDLING } from '../state-machine-definition';
import { IndexedResource } from '../template-index';

/**
 * WF1: every Task, Parallel and Map state catches errors into a failure path; `States.ALL` only as
 * the last catcher. Findings: `NoCatch:<state>`, `StatesAllNotLast:<state>`.
 */
export function stateMachineTaskCatch(resource: IndexedResource): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = stateMachineDefinition(resource.properties);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  forEachState(definition, (name, state) => {
    if (!STATES_THAT_NEED_ERROR_HANDLING.includes(state.Type ?? '')) return;
    const catchers = Array.isArray(state.Catch) ? state.Catch : [];
    if (catchers.length === 0) findings.push(`NoCatch:${name}`);
    if (statesAllNotLast(catchers)) findings.push(`StatesAllNotLast:${name}`);
  });
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
