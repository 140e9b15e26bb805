import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { EXPRESS_STATE_MACHINE_MAX_SECONDS, RETRY_INTERVAL_SECONDS, RETRY_MAX_ATTEMPTS, RETRY_MAX_DELAY_SECONDS, RETRY_MIN_BACKOFF_RATE } from '../core/limits';
import type { RangeLimit } from '../core/rules';
import { PropsValidator } from '../core/validation';
import { errorHandlingProblems, forEachState, stateMachineDefinition } from '../template/asl';
import { literalNumber } from '../template/cfn-values';

/** A retrier's whole-number fields and their Step Functions ranges (WF1). */
const RETRIER_RANGES: Array<[string, RangeLimit]> = [
  ['IntervalSeconds', RETRY_INTERVAL_SECONDS], ['MaxAttempts', RETRY_MAX_ATTEMPTS], ['MaxDelaySeconds', RETRY_MAX_DELAY_SECONDS],
];

/**
 * WF4: integrations that wait for a job (`.sync`, `.sync:2`, RUN_JOB) or a callback
 * (`.waitForTaskToken`): EXPRESS state machines do not support them.
 */
const WAITING_INTEGRATION = /\.(sync(:\d+)?|waitForTaskToken)$/;

/**
 * Synth-time checks of the definition as it will be deployed (so retriers and timeouts set on any
 * state, by any means, are seen): WF1 retrier and catcher rules, WF2 task timeouts within the
 * machine's, WF4 no Wait longer than an EXPRESS execution may run and no `.sync` or
 * `.waitForTaskToken` integration in an EXPRESS machine.
 */
export function validateRenderedDefinition(scope: Construct, stateMachine: sfn.StateMachine,
  machineTimeoutSeconds: number | undefined, express: boolean): string[] {
  const cfn = stateMachine.node.defaultChild as sfn.CfnStateMachine;
  const definition = stateMachineDefinition({ DefinitionString: Stack.of(scope).resolve(cfn.definitionString) });
  if (!definition) return [];
  const problems = new PropsValidator(scope);
  const fail = (prop: string, rule: string, value: unknown, practice: string) => problems.check(true, prop, rule, value, practice);
  forEachState(definition, (name, state) => {
    const at = `definition state "${name}"`;
    for (const problem of errorHandlingProblems(state)) {
      if (problem.kind === 'BackoffRate') fail(`${at} ${problem.field}`, `must be a finite number, at least ${RETRY_MIN_BACKOFF_RATE}`, problem.value, 'WF1');
      else fail(`${at} ${problem.field}`, `States.ALL must be alone in the last ${problem.field === 'Retry' ? 'retrier' : 'catcher'}`, problem.value, 'WF1');
    }
    (Array.isArray(state.Retry) ? state.Retry : []).forEach((retrier, i) => {
      for (const [field, limit] of RETRIER_RANGES) {
        const value = (retrier as Record<string, unknown> | undefined)?.[field];
        // NaN and Infinity render as null in JSON.
        problems.range(`${at} Retry[${i}].${field}`, value === null ? NaN : literalNumber(value), limit);
      }
    });
    const taskTimeout = literalNumber(state.TimeoutSeconds);
    if (taskTimeout !== undefined && machineTimeoutSeconds !== undefined && taskTimeout > machineTimeoutSeconds) {
      fail(`definition state "${name}" TimeoutSeconds`, `must not exceed the state machine timeout (${machineTimeoutSeconds} s)`, taskTimeout, 'WF2');
    }
    const wait = literalNumber(state.Seconds);
    if (express && state.Type === 'Wait' && wait !== undefined && wait > EXPRESS_STATE_MACHINE_MAX_SECONDS) {
      fail(`definition state "${name}" Seconds`, `must be at most ${EXPRESS_STATE_MACHINE_MAX_SECONDS} s in an EXPRESS state machine`, wait, 'WF4');
    }
    if (express && state.Type === 'Task' && typeof state.Resource === 'string' && WAITING_INTEGRATION.test(state.Resource)) {
      fail(`definition state "${name}" Resource`,
        'must not wait for a job (.sync) or a task token (.waitForTaskToken) in an EXPRESS state machine: use STANDARD', state.Resource, 'WF4');
    }
  });
  return problems.messages();
}
