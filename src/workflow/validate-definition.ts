import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS } from '../core/limits';
import { invalidProp } from '../core/validation';
import { literalNumber } from '../nag/references';
import { forEachState, stateMachineDefinition, statesAllNotLast } from '../nag/state-machine-definition';

/**
 * Synth-time checks of the definition as it will be deployed (so retriers and timeouts set on any
 * state, by any means, are seen): WF1 retrier and catcher rules, WF2 task timeouts within the
 * machine's, WF4 no Wait longer than an EXPRESS execution may run.
 */
export function validateRenderedDefinition(scope: Construct, stateMachine: sfn.StateMachine,
  machineTimeoutSeconds: number | undefined, express: boolean): string[] {
  const cfn = stateMachine.node.defaultChild as sfn.CfnStateMachine;
  const definition = stateMachineDefinition({ DefinitionString: Stack.of(scope).resolve(cfn.definitionString) });
  if (!definition) return [];
  const errors: string[] = [];
  const fail = (prop: string, rule: string, value: unknown, practice: string) => errors.push(invalidProp(scope, prop, rule, value, practice).message);
  forEachState(definition, (name, state) => {
    const retriers = Array.isArray(state.Retry) ? state.Retry : [];
    retriers.forEach((retrier, i) => {
      const backoff = literalNumber(retrier?.BackoffRate);
      if (backoff !== undefined && backoff < 1) fail(`definition state "${name}" Retry[${i}].BackoffRate`, 'must be at least 1', backoff, 'WF1');
      const attempts = literalNumber(retrier?.MaxAttempts);
      if (attempts !== undefined && attempts < 0) fail(`definition state "${name}" Retry[${i}].MaxAttempts`, 'must be 0 or more', attempts, 'WF1');
    });
    if (statesAllNotLast(retriers)) fail(`definition state "${name}" Retry`, 'States.ALL must be alone in the last retrier', 'States.ALL', 'WF1');
    if (statesAllNotLast(Array.isArray(state.Catch) ? state.Catch : [])) {
      fail(`definition state "${name}" Catch`, 'States.ALL must be alone in the last catcher', 'States.ALL', 'WF1');
    }
    const taskTimeout = literalNumber(state.TimeoutSeconds);
    if (taskTimeout !== undefined && machineTimeoutSeconds !== undefined && taskTimeout > machineTimeoutSeconds) {
      fail(`definition state "${name}" TimeoutSeconds`, `must not exceed the state machine timeout (${machineTimeoutSeconds} s)`, taskTimeout, 'WF2');
    }
    const wait = literalNumber(state.Seconds);
    if (express && state.Type === 'Wait' && wait !== undefined && wait > EXPRESS_STATE_MACHINE_MAX_SECONDS) {
      fail(`definition state "${name}" Seconds`, `must be at most ${EXPRESS_STATE_MACHINE_MAX_SECONDS} s in an EXPRESS state machine`, wait, 'WF4');
    }
  });
  return errors;
}
