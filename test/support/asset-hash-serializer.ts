/**
 * Jest snapshot serializer for CloudFormation templates: masks what changes with the bytes of an
 * asset (asset hashes, S3 keys, the logical ID of a Lambda version) so that snapshots show the
 * template's shape, not the bundler's output.
 */
const MASKED = Symbol.for('cdk-serverless-guardrails.masked');

export function maskAssetHashes(json: string): string {
  return json
    .replace(/[0-9a-f]{64}/g, '[ASSET-HASH]')
    .replace(/CurrentVersion[0-9A-F]{8}[0-9a-f]{32}/g, 'CurrentVersion[VERSION-HASH]')
    .replace(/CurrentVersion[0-9a-f]{32}/g, 'CurrentVersion[VERSION-HASH]');
}

module.exports = {
  test(value: unknown): boolean {
    return typeof value === 'object' && value !== null && 'Resources' in value && !(value as any)[MASKED];
  },
  serialize(value: object, config: unknown, indentation: string, depth: number, refs: unknown, printer: any): string {
    const masked = JSON.parse(maskAssetHashes(JSON.stringify(value)));
    Object.defineProperty(masked, MASKED, { value: true, enumerable: false });
    return printer(masked, config, indentation, depth, refs);
  },
  maskAssetHashes,
};
