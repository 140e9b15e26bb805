export * from './function/guarded-function';
export * from './function/reserved-concurrency';
