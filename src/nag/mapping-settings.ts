import type { IndexedResource } from './template-index';
import { isAbsent } from '../template/cfn-values';

/** Whether an event source mapping reports partial batch failures. */
export function reportsBatchItemFailures(mapping: IndexedResource): boolean {
  const types = mapping.properties.FunctionResponseTypes;
  return Array.isArray(types) && types.includes('ReportBatchItemFailures');
}

/** Whether a retry or record-age limit of a mapping or a pipe is absent or -1 (infinite: the default of stream sources and pipes). */
export function isUnbounded(value: unknown): boolean {
  return isAbsent(value) || value === -1 || value === '-1';
}
