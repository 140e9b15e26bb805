import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { SQS_VISIBILITY_TIMEOUT_FACTOR } from '../../../core/defaults';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from '../../../core/limits';
import { numberOrDefault } from '../../../template/cfn-values';
import { EVENT_SOURCE_TYPES, eventSourceOf } from '../../event-source-of';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/**
 * ES3: the queue's visibility timeout must be at least 6 × the function timeout plus the batching
 * window, or messages reappear while a batch is still being processed.
 *
 * Not cdk-nag's `LambdaEventSourceSQSVisibilityTimeout`: it ignores the batching window, and it
 * searches the whole stack for the queue and the function on every mapping (quadratic cost).
 */
export const sqsVisibilityTimeout: GuardrailsRule = {
  id: 'SqsVisibilityTimeout',
  level: NagMessageLevel.ERROR,
  practice: 'ES3',
  info: `The SQS queue's visibility timeout is below ${SQS_VISIBILITY_TIMEOUT_FACTOR} × the function timeout + the batching window.`,
  explanation: 'Messages become visible again while their batch is still processed, and are processed twice. Skipped: queues or functions outside the stack, values only known at deploy time.',
  fix: `Raise the queue's VisibilityTimeout to at least ${SQS_VISIBILITY_TIMEOUT_FACTOR} × the function timeout + MaximumBatchingWindowInSeconds.`,
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  lookupTypes: [...EVENT_SOURCE_TYPES, ...LOOKUP_TYPES.functionReferencedBy],
  check: (resource, index) => {
    const { queue } = eventSourceOf(resource, index);
    const fn = index.functionReferencedBy(resource.properties.FunctionName);
    if (!queue || !fn) return NagRuleCompliance.NOT_APPLICABLE;
    const visibility = numberOrDefault(queue.properties.VisibilityTimeout, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
    const timeout = numberOrDefault(fn.properties.Timeout, LAMBDA_DEFAULT_TIMEOUT_SECONDS);
    const window = numberOrDefault(resource.properties.MaximumBatchingWindowInSeconds, 0);
    if (visibility === undefined || timeout === undefined || window === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    return visibility < SQS_VISIBILITY_TIMEOUT_FACTOR * timeout + window ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
