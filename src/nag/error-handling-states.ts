import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import type { IndexedResource, TemplateIndex } from './template-index';
import { AslState, forEachState, StateContext, STATES_THAT_NEED_ERROR_HANDLING } from '../template/asl';

/**
 * Runs `check` on every Task, Parallel and Map state of a state machine resource (its definition
 * inline or from a file asset) and collects its findings: NOT_APPLICABLE for other resources and
 * for definitions unknown at synth.
 */
export function checkErrorHandlingStates(resource: IndexedResource, index: TemplateIndex,
  check: (name: string, state: AslState, context: StateContext) => string[]): NagRuleResult {
  if (resource.type !== 'AWS::StepFunctions::StateMachine') return NagRuleCompliance.NOT_APPLICABLE;
  const definition = index.stateMachineDefinitionOf(resource);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  forEachState(definition, (name, state, context) => {
    if (STATES_THAT_NEED_ERROR_HANDLING.includes(state.Type ?? '')) findings.push(...check(name, state, context));
  });
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
