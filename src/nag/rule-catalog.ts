import type { GuardrailsRule } from './guardrails-rule';
import { apiCacheSecurity, apiCorsWildcardCredentials, apiLambdaTimeout } from './rules/api';
import {
  pipeStreamFailureHandling, sqsEventSourceFailureHandling, sqsVisibilityTimeout, streamFailureHandling, streamRecordAgeRetention,
} from './rules/event-sources';
import { eventTargetRetryPolicy, scheduleTargetFailureHandling } from './rules/events';
import { identityPoolRowLevelAccess } from './rules/iam';
import {
  lambdaAsyncFailureHandling, lambdaEnvironmentSize, lambdaLogRetention, lambdaPlaintextSecret, lambdaRecursiveInvoke,
  lambdaReservedConcurrency, lambdaSharedRole, lambdaDeploymentRollback, lambdaUnqualifiedTrigger,
} from './rules/lambda';
import { s3TriggerRecursion } from './rules/s3';
import { dlqRetention, failurePathAlarm, queuePolicySourceCondition, sqsRedriveBeforeExpiry } from './rules/sqs';
import { stateMachineTaskCatch, stateMachineTaskRetry, stateMachineTimeout } from './rules/stepfunctions';

/** The prefix of every rule ID of our pack. */
export const GUARDRAILS_PACK_NAME = 'Guardrails';

/** Every rule of ServerlessGuardrailsChecks, in the order of the README table. */
export const GUARDRAILS_RULES: GuardrailsRule[] = [
  lambdaEnvironmentSize,
  lambdaPlaintextSecret,
  lambdaReservedConcurrency,
  lambdaSharedRole,
  lambdaAsyncFailureHandling,
  lambdaLogRetention,
  lambdaRecursiveInvoke,
  streamFailureHandling,
  pipeStreamFailureHandling,
  streamRecordAgeRetention,
  sqsVisibilityTimeout,
  sqsEventSourceFailureHandling,
  apiLambdaTimeout,
  apiCacheSecurity,
  apiCorsWildcardCredentials,
  stateMachineTaskRetry,
  stateMachineTaskCatch,
  stateMachineTimeout,
  eventTargetRetryPolicy,
  dlqRetention,
  sqsRedriveBeforeExpiry,
  s3TriggerRecursion,
  lambdaDeploymentRollback,
  lambdaUnqualifiedTrigger,
  scheduleTargetFailureHandling,
  queuePolicySourceCondition,
  failurePathAlarm,
  identityPoolRowLevelAccess,
];

/** The rules that judge each resource type. */
export const RULES_BY_RESOURCE_TYPE: Map<string, GuardrailsRule[]> = GUARDRAILS_RULES.reduce((byType, rule) => {
  for (const type of rule.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), rule]);
  return byType;
}, new Map<string, GuardrailsRule[]>());

/** The resource types a rule judges and looks up: those its template index must hold. */
export function indexedTypesOf(rules: readonly GuardrailsRule[]): ReadonlySet<string> {
  return new Set(rules.flatMap((rule) => [...rule.resourceTypes, ...rule.lookupTypes]));
}

/** The resource types the pack indexes: declared by its rules, so only what some rule reads is rendered. */
export const INDEXED_TYPES = indexedTypesOf(GUARDRAILS_RULES);
