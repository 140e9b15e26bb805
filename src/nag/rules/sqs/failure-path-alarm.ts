import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * OBS1: a queue that ends a failure path (another queue's dead-letter queue, an SNS subscription's
 * DLQ, the on-failure destination of an event source mapping or an event invoke config, a
 * function's DLQ, an EventBridge or Scheduler target's DLQ, a pipe's DLQ) has an alarm on its
 * ApproximateNumberOfMessagesVisible. Nobody reads such a queue in normal operation: without an
 * alarm, failed events pile up there unnoticed until they expire.
 *
 * Not applicable: queues that end no failure path of the stack. A queue named only by a literal
 * ARN (another stack's) is not matched; an alarm in another stack is not seen.
 */
export const failurePathAlarm: GuardrailsRule = {
  id: 'FailurePathAlarm',
  level: NagMessageLevel.ERROR,
  practice: 'OBS1',
  info: 'The queue is a dead-letter queue or an on-failure destination and no alarm watches its ApproximateNumberOfMessagesVisible.',
  explanation: 'Nobody reads a failure queue in normal operation: without an alarm on its depth, failed events pile up unnoticed until they expire. Counted as failure paths: redrive policies of queues and SNS subscriptions, OnFailure destinations of event source mappings and event invoke configs, function, EventBridge target, Scheduler target and pipe DLQs. Skipped: queues that end no failure path of the stack; alarms of other stacks are not seen.',
  fix: 'Add a CloudWatch alarm on the queue\'s ApproximateNumberOfMessagesVisible (Maximum, > 0), e.g. `queue.metricApproximateNumberOfMessagesVisible().createAlarm(...)`, with an action that reaches somebody.',
  resourceTypes: ['AWS::SQS::Queue'],
  lookupTypes: [...LOOKUP_TYPES.failurePathsOf, ...LOOKUP_TYPES.hasVisibleMessagesAlarm],
  check: (resource, index) => {
    if (index.failurePathsOf(resource.logicalId).length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    return index.hasVisibleMessagesAlarm(resource) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
