import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import type { IndexedResource, TemplateIndex } from './template-index';
import { AslState, forEachState, StateContext, STATES_THAT_NEED_ERROR_HANDLING } from '../template/asl';

/**
 * Runs `check` on every Task, Parallel and Map state of a state machine (its definition inline or
 * from a file asset) and collects its findings: NOT_APPLICABLE for a definition unknown at synth.
 */
export function checkErrorHandlingStates(machine: IndexedResource, index: TemplateIndex,
  check: (name: string, state: AslState, context: StateContext) => string[]): NagRuleResult {
  const definition = index.stateMachineDefinitionOf(machine);
  if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
  const findings: string[] = [];
  forEachState(definition, (name, state, context) => {
    if (STATES_THAT_NEED_ERROR_HANDLING.includes(state.Type ?? '')) findings.push(...check(name, state, context));
  });
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
