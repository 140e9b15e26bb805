export * from './target-retry-policy';
