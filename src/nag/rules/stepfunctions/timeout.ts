import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS } from '../../../core/limits';
import { literalNumber } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * WF2/WF4: a STANDARD state machine has a timeout (it otherwise runs up to a year), and an EXPRESS
 * one no longer than 300 s. An EXPRESS machine without TimeoutSeconds is compliant: Step Functions
 * stops it at 300 s anyway. Findings: `NoTimeoutSeconds`, `ExpressOver300Seconds`.
 */
export const stateMachineTimeout: GuardrailsRule = {
  id: 'StateMachineTimeout',
  level: NagMessageLevel.ERROR,
  practice: 'WF2',
  info: 'A STANDARD state machine has no TimeoutSeconds, or an EXPRESS one has more than 300 s (WF4).',
  explanation: 'A STANDARD execution without a timeout can hang for a year. Skipped: an EXPRESS machine without TimeoutSeconds (stopped at 5 minutes anyway), definitions unknown at synth.',
  fix: 'Set TimeoutSeconds on the definition; at most 300 for EXPRESS.',
  resourceTypes: ['AWS::StepFunctions::StateMachine'],
  lookupTypes: LOOKUP_TYPES.stateMachineDefinitionOf,
  check: (resource, index) => {
    const definition = index.stateMachineDefinitionOf(resource);
    if (!definition) return NagRuleCompliance.NOT_APPLICABLE;
    const express = resource.properties.StateMachineType === 'EXPRESS';
    if (definition.TimeoutSeconds === undefined) return express ? NagRuleCompliance.COMPLIANT : ['NoTimeoutSeconds'];
    const timeout = literalNumber(definition.TimeoutSeconds);
    return express && timeout !== undefined && timeout > EXPRESS_STATE_MACHINE_MAX_SECONDS ? ['ExpressOver300Seconds'] : NagRuleCompliance.COMPLIANT;
  },
};
