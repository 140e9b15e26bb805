export * from './dlq-retention';
export * from './redrive-before-expiry';
