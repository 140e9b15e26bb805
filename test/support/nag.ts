import { NagPack } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { findingsUnder } from './nag-packs';

export { acknowledgementsUnder } from './nag-packs';

/** Every unacknowledged finding under `scope`, as "rule-id at construct/path: description". */
export function unacknowledgedFindings(scope: IConstruct, packs?: NagPack[]): string[] {
  return findingsUnder(scope, packs).map((finding) => `${finding.ruleId} at ${finding.path}: ${finding.description}`);
}

/** Fails listing every unacknowledged finding (rule id and path) of all our packs. */
export function expectNoUnacknowledgedFindings(scope: IConstruct, packs?: NagPack[]): void {
  expect(unacknowledgedFindings(scope, packs)).toEqual([]);
}
