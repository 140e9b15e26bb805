export * from './function/guarded-function';
export * from './function/reserved-concurrency';
export * from './nag/serverless-guardrails-checks';
