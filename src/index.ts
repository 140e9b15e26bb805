// The public API, layer by layer (README: Layout).
export * from './observability/alarm-options';
export * from './observability/monitored';
export * from './resources/secure-user-pool-options';
export * from './resources/stream-table-props';
export * from './function/entry-bundler';
export * from './function/guarded-function';
export * from './function/guarded-function-props';
export * from './function/processor-props';
export * from './function/reserved-concurrency';
export * from './api/api-options';
export * from './api/cognito-rest-api';
export * from './api/cognito-rest-api-props';
export * from './api/route-authorization';
export * from './messaging/queue-processor';
export * from './messaging/queue-processor-props';
export * from './messaging/topic-fan-out';
export * from './messaging/topic-fan-out-props';
export * from './stream/stream-processor-props';
export * from './stream/table-stream-processor';
export * from './stream/table-stream-processor-props';
export * from './workflow/resilient-state-machine';
export * from './workflow/resilient-state-machine-props';
export * from './workflow/retry-policy';
export * from './workflow/workflow-tasks';
export * from './events/job-schedule';
export * from './events/job-target';
export * from './events/scheduled-job';
export * from './events/scheduled-job-props';
export * from './identity/secure-user-pool';
export * from './identity/user-identity-pool';
export * from './web/static-site';
export * from './web/static-site-props';
export * from './nag/serverless-guardrails-checks';
export * from './resources/secure-bucket-options';
export * from './events/bucket-event-processor';
export * from './events/bucket-event-processor-props';
export * from './stream/kinesis-stream-processor';
export * from './stream/kinesis-stream-processor-props';

// The error of bad input at synth, for JavaScript and TypeScript users (`instanceof`, its fields).
// jsii cannot export a class that extends Error, so it is exported as a constant and a type, which
// jsii leaves out of the other languages' bindings (their exceptions do not carry JavaScript classes).
import { GuardrailsValidationError as ValidationError } from './core/validation';
/** The class of the error thrown for bad input at synth (construct path, prop, rule, value, practice ID). */
export const GuardrailsValidationError = ValidationError;
/** The error thrown for bad input at synth (construct path, prop, rule, value, practice ID). */
export type GuardrailsValidationError = ValidationError;
export * from './function/safe-rollout-props';
export * from './observability/alarm-routing';
export * from './observability/serverless-dashboard';
export * from './idempotency/idempotency-table';
export * from './resources/log-encryption';
export * from './resources/capacity-planner';
