import type { RangeLimit } from '../rules';

/** Lambda event source mappings (ES practices): the ranges Lambda accepts for stream and SQS mappings. */

/** ES2: stream event source mapping ranges. */
export const STREAM_BATCH_SIZE: RangeLimit = { min: 1, max: 10_000, unit: 'records', practice: 'ES2', integer: true };
export const BATCHING_WINDOW_SECONDS: RangeLimit = { min: 0, max: 300, unit: 's', practice: 'ES2', integer: true };
export const STREAM_PARALLELIZATION_FACTOR: RangeLimit = { min: 1, max: 10, unit: 'batches per shard', practice: 'ES2', integer: true };
/** ES1: bounded retries (-1, infinite, only on explicit request) and record age of a stream mapping. */
export const STREAM_RETRY_ATTEMPTS: RangeLimit = { min: 0, max: 10_000, unit: 'retries', practice: 'ES1', integer: true };
/** ES1: the `retryAttempts` of a stream mapping that retries until the record expires. */
export const STREAM_INFINITE_RETRY_ATTEMPTS = -1;
export const STREAM_MAX_RECORD_AGE_SECONDS: RangeLimit = { min: 60, max: 604_800, unit: 's', practice: 'ES1', integer: true };
/** ES4: SQS event source ranges. */
export const SQS_BATCH_SIZE: RangeLimit = { min: 1, max: 10_000, unit: 'messages', practice: 'ES4', integer: true };
export const SQS_FIFO_BATCH_SIZE: RangeLimit = { min: 1, max: 10, unit: 'messages (FIFO)', practice: 'ES4', integer: true };
export const SQS_MAX_CONCURRENCY: RangeLimit = { min: 2, max: 1_000, unit: 'concurrent invocations', practice: 'ES4', integer: true };
/** ES4: a batch of more than 10 messages needs a batching window of at least 1 s. */
export const SQS_MAX_BATCH_SIZE_WITHOUT_WINDOW = 10;
