export * from './dlq-retention';
export * from './redrive-before-expiry';
export * from './queue-policy-source-condition';
export * from './failure-path-alarm';
