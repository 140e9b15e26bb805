export * from './dlq-retention';
export * from './redrive-before-expiry';
export * from './failure-path-alarm';
