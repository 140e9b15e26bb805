export * from './stream-failure-handling';
export * from './pipe-stream-failure-handling';
export * from './stream-record-age-retention';
export * from './sqs-visibility-timeout';
export * from './sqs-event-source-failure-handling';
