/**
 * FN3: the size Lambda counts against its 4 KB environment limit: the UTF-8 bytes of every key and
 * value. The input is the *resolved* CloudFormation value, so a value that is only known at deploy
 * time (a Ref, a GetAtt) is an object here: it counts 0 bytes, and the literal parts of an
 * Fn::Join count as written. The measured size is therefore a lower bound, never a false alarm.
 */
export function environmentSizeBytes(variables: { [key: string]: unknown }): number {
  return Object.entries(variables).reduce((sum, [key, value]) => sum + utf8Bytes(key) + literalBytes(value), 0);
}

function literalBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'boolean') return utf8Bytes(String(value));
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const separator = utf8Bytes(String(join[0]));
    return join[1].reduce<number>((sum, part) => sum + literalBytes(part), 0) + separator * Math.max(0, join[1].length - 1);
  }
  return 0;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
