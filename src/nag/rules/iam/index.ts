export * from './identity-pool-row-level-access';
