import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { flattenToString, isAbsent } from '../../../template/cfn-values';
import { GuardrailsRule } from '../../guardrails-rule';
import { LOOKUP_TYPES } from '../../template-index';

/** Service principals that invoke Lambda asynchronously. */
const ASYNC_PRINCIPAL = /^(s3|sns|events|scheduler|iot|logs)\.([^.]+\.)?amazonaws\.com(\.cn)?$/;

/**
 * FN9: a function that is invoked asynchronously keeps the events that fail: an invoke config
 * with an OnFailure destination, or a dead-letter queue (DeadLetterConfig.TargetArn). Finding:
 * `OnFailure`. Retries need no finding: left at the service default they are bounded (2).
 *
 * Asynchronous callers: a permission for an asynchronous service, or else an invoke config on a
 * function that no event source mapping invokes (a function invoked only by its mappings, e.g.
 * from an SQS queue, is invoked synchronously, and its invoke config is never used).
 */
export const lambdaAsyncFailureHandling: GuardrailsRule = {
  id: 'LambdaAsyncFailureHandling',
  level: NagMessageLevel.ERROR,
  practice: 'FN9',
  info: 'The Lambda function is invoked asynchronously (S3, SNS, EventBridge, ...) without an on-failure destination or a dead-letter queue.',
  explanation: 'A failed event is retried twice and then dropped silently. Skipped: functions without an asynchronous caller (an invoke config alone counts as one, unless event source mappings, which invoke synchronously, are the function\'s callers); retries left at the default (bounded at 2) are no finding.',
  fix: 'Add an EventInvokeConfig with DestinationConfig.OnFailure, or a DeadLetterConfig (GuardedFunction `asyncInvocation`).',
  resourceTypes: ['AWS::Lambda::Function'],
  lookupTypes: [...LOOKUP_TYPES.invokeConfigsOf, ...LOOKUP_TYPES.permissionsOf, ...LOOKUP_TYPES.eventSourceMappingsOf],
  check: (resource, index) => {
    const configs = index.invokeConfigsOf(resource.logicalId);
    const asyncPermission = index.permissionsOf(resource.logicalId)
      .some((permission) => ASYNC_PRINCIPAL.test(flattenToString(permission.properties.Principal)));
    const onlyMappings = index.eventSourceMappingsOf(resource.logicalId).length > 0;
    if (!asyncPermission && (configs.length === 0 || onlyMappings)) return NagRuleCompliance.NOT_APPLICABLE;
    const hasDeadLetterQueue = !isAbsent(resource.properties.DeadLetterConfig?.TargetArn);
    const hasOnFailure = configs.some((config) => !isAbsent(config.properties.DestinationConfig?.OnFailure?.Destination));
    return hasDeadLetterQueue || hasOnFailure ? NagRuleCompliance.COMPLIANT : ['OnFailure'];
  },
};
