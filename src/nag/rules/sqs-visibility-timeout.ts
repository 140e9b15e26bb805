import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { eventSourceOf } from './event-source';
import { LAMBDA_DEFAULT_TIMEOUT_SECONDS, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS } from '../../core/limits';
import { numberOrDefault } from '../../template/cfn-values';
import { IndexedResource, TemplateIndex } from '../template-index';


/**
 * ES3: the queue's visibility timeout must be at least 6 × the function timeout plus the batching
 * window, or messages reappear while a batch is still being processed.
 *
 * Not cdk-nag's `LambdaEventSourceSQSVisibilityTimeout`: it ignores the batching window, and it
 * searches the whole stack for the queue and the function on every mapping (quadratic cost).
 */
export function sqsVisibilityTimeout(resource: IndexedResource, index: TemplateIndex): NagRuleResult {
  if (resource.type !== 'AWS::Lambda::EventSourceMapping') return NagRuleCompliance.NOT_APPLICABLE;
  const { queue } = eventSourceOf(resource, index);
  const fn = index.functionReferencedBy(resource.properties.FunctionName);
  if (!queue || !fn) return NagRuleCompliance.NOT_APPLICABLE;
  const visibility = numberOrDefault(queue.properties.VisibilityTimeout, SQS_DEFAULT_VISIBILITY_TIMEOUT_SECONDS);
  const timeout = numberOrDefault(fn.properties.Timeout, LAMBDA_DEFAULT_TIMEOUT_SECONDS);
  const window = numberOrDefault(resource.properties.MaximumBatchingWindowInSeconds, 0);
  if (visibility === undefined || timeout === undefined || window === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return visibility < 6 * timeout + window ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
}
