// The nag packs and the finding/acknowledgement readers shared by the tests (test/support/nag.ts)
// and the reference app (examples/main.ts, examples/check.ts). No jest here: examples run it outside jest.
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ServerlessGuardrailsChecks } from '../../src';

/** The packs the reference app and every construct must pass: cdk-nag's AwsSolutions and Serverless, and ours. */
export function nagPacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks(), new ServerlessGuardrailsChecks()];
}

/** One unacknowledged finding. */
export interface Finding {
  readonly ruleId: string;
  readonly path: string;
  readonly description: string;
}

/** Every unacknowledged finding of `packs` under `scope`. */
export function findingsUnder(scope: IConstruct, packs: NagPack[] = nagPacks()): Finding[] {
  return packs.flatMap((pack) => pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({ ruleId: violation.ruleName, path: resource.constructPath ?? '(unknown path)', description: violation.description }))));
}

/** One acknowledged rule, where it sits and why (DEP1). */
export interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

/** Every acknowledgement recorded under `scope`. */
export function acknowledgementsUnder(scope: IConstruct): Acknowledgement[] {
  return scope.node.findAll().flatMap((construct) => construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
      path: construct.node.path,
      id: id.replace(/^annotation::/i, ''),
      reason,
    }))));
}
