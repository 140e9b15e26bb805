/**
 * @deprecated kept only for `examples/topics.ts` until it imports `KMS_PRODUCER_ACTIONS` from
 * `core/limits`; the producer grants live in `resources/producer-grants.ts`. Delete with that import.
 */
export { KMS_PRODUCER_ACTIONS } from './limits';
