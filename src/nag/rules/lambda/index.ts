export * from './environment-size';
export * from './plaintext-secret';
export * from './reserved-concurrency';
export * from './shared-role';
export * from './async-failure-handling';
export * from './log-retention';
export * from './recursive-invoke';
