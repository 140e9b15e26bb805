export * from './target-retry-policy';
export * from './schedule-target-failure-handling';
