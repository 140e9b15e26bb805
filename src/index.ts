export * from './function/guarded-function';
export * from './function/reserved-concurrency';
export * from './nag/serverless-guardrails-checks';
export * from './queue/queue-processor';
export * from './stream/table-stream-processor';
export * from './workflow/resilient-state-machine';
export * from './workflow/retry-policy';
export * from './workflow/workflow-tasks';
