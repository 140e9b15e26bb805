import { Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ProvisionedCapacity } from './stream-table-props';
import { CAPACITY_PLANNER_DEFAULTS, STREAM_DEFAULTS } from '../core/defaults';
import {
  DYNAMODB_CAPACITY_UNITS, DYNAMODB_ITEM_SIZE_KB, DYNAMODB_PRICES_US_EAST_1_2024_11, DYNAMODB_READ_UNIT_KB, DYNAMODB_TARGET_UTILIZATION_PERCENT,
  DYNAMODB_WRITE_UNIT_KB,
} from '../core/limits';
import { PropsValidator } from '../core/validation';

/** How a table is read: what one read of an item of up to 4 KB costs in capacity units. */
export enum ReadConsistency {
  /** Eventually consistent reads: half a unit each. */
  EVENTUAL = 'EVENTUAL',
  /** Strongly consistent reads: one unit each. */
  STRONG = 'STRONG',
  /** Reads in transactions: two units each. */
  TRANSACTIONAL = 'TRANSACTIONAL',
}

/** The units one read of up to 4 KB takes, per consistency (DB1). */
const READ_UNITS: { [consistency in ReadConsistency]: number } = {
  [ReadConsistency.EVENTUAL]: 0.5,
  [ReadConsistency.STRONG]: 1,
  [ReadConsistency.TRANSACTIONAL]: 2,
};

/** The traffic a table is expected to serve (steady: averages, not peaks). */
export interface TableTraffic {
  /** Item reads per second, at least 0. */
  readonly readsPerSecond: number;
  /** Item writes per second, at least 0. */
  readonly writesPerSecond: number;
  /** The size of an item in KB (1 KB = 1,024 bytes), more than 0 and at most 400. */
  readonly itemSizeKb: number;
  /**
   * How the reads are made.
   * @default ReadConsistency.EVENTUAL
   */
  readonly readConsistency?: ReadConsistency;
  /**
   * Whether the writes are made in transactions (two units each).
   * @default false
   */
  readonly transactionalWrites?: boolean;
  /**
   * The utilization the auto scaling keeps, 10–90 %: the provisioned capacity is the units needed divided by it.
   * @default 70
   */
  readonly targetUtilizationPercent?: number;
}

/** What a traffic estimate needs, and what it costs in either capacity mode (DB1). */
export interface CapacityEstimate {
  /** Read capacity units the traffic consumes: reads/s × ceil(KB / 4), eventual ÷ 2, transactional × 2, rounded up. */
  readonly readCapacityUnits: number;
  /** Write capacity units the traffic consumes: writes/s × ceil(KB / 1), transactional × 2, rounded up. */
  readonly writeCapacityUnits: number;
  /** A month of provisioned capacity at the target utilization (USD, us-east-1, November 2024 prices). */
  readonly provisionedMonthlyUsd: number;
  /** A month of on-demand requests at this traffic (USD, us-east-1, November 2024 prices). */
  readonly onDemandMonthlyUsd: number;
  /** Whether on demand costs less at this steady traffic (spiky or unknown traffic favors on demand anyway). */
  readonly onDemandIsCheaper: boolean;
  /** One sentence with the numbers, e.g. for a comment or a log line. */
  readonly summary: string;
}

/**
 * DB1: turns expected traffic into capacity units with the formulas of the DynamoDB notes, for a
 * table's provisioned capacity (`StreamTableProps.provisionedCapacity`), and says whether on
 * demand is cheaper at that traffic. Bad input is an error naming `scope` and the prop.
 */
export class CapacityPlanner {
  /**
   * The capacity units and the monthly cost of both modes for `traffic`.
   * @param scope the construct the error names when the traffic is invalid
   * @param traffic reads and writes per second, item size, read consistency
   */
  public static estimate(scope: IConstruct, traffic: TableTraffic): CapacityEstimate {
    validateTraffic(scope, traffic);
    const prices = DYNAMODB_PRICES_US_EAST_1_2024_11;
    const readUnitsPerItem = Math.ceil(traffic.itemSizeKb / DYNAMODB_READ_UNIT_KB) * READ_UNITS[traffic.readConsistency ?? ReadConsistency.EVENTUAL];
    const writeUnitsPerItem = Math.ceil(traffic.itemSizeKb / DYNAMODB_WRITE_UNIT_KB) * (traffic.transactionalWrites ? 2 : 1);
    const readUnits = traffic.readsPerSecond * readUnitsPerItem;
    const writeUnits = traffic.writesPerSecond * writeUnitsPerItem;
    const readCapacityUnits = Math.ceil(readUnits);
    const writeCapacityUnits = Math.ceil(writeUnits);
    const hours = CAPACITY_PLANNER_DEFAULTS.hoursPerMonth;
    const utilization = (traffic.targetUtilizationPercent ?? STREAM_DEFAULTS.targetUtilizationPercent) / 100;
    const provisioned = provisionedUnits(readCapacityUnits, utilization);
    const provisionedWrites = provisionedUnits(writeCapacityUnits, utilization);
    const provisionedMonthlyUsd = round((provisioned * prices.rcuHour + provisionedWrites * prices.wcuHour) * hours);
    const requestsPerMonth = hours * 3_600 / 1e6;
    const onDemandMonthlyUsd = round((readUnits * prices.millionReadRequestUnits + writeUnits * prices.millionWriteRequestUnits) * requestsPerMonth);
    const onDemandIsCheaper = onDemandMonthlyUsd < provisionedMonthlyUsd;
    return {
      readCapacityUnits,
      writeCapacityUnits,
      provisionedMonthlyUsd,
      onDemandMonthlyUsd,
      onDemandIsCheaper,
      summary: `${readCapacityUnits} RCU and ${writeCapacityUnits} WCU consumed; a month costs ${provisionedMonthlyUsd} USD provisioned `
        + `(${provisioned} RCU, ${provisionedWrites} WCU at ${utilization * 100} % utilization) and ${onDemandMonthlyUsd} USD on demand `
        + `(us-east-1 prices of November 2024): ${onDemandIsCheaper ? 'on demand' : 'provisioned'} is cheaper at this steady traffic (DB1).`,
    };
  }

  /**
   * Provisioned capacity with auto scaling for `traffic`: the minimum runs the traffic at the
   * target utilization, the maximum is twice that (peaks). Both within 1–40,000 units.
   * @param scope the construct the error names when the traffic is invalid or needs more than 40,000 units
   * @param traffic reads and writes per second, item size, read consistency
   */
  public static provisionedCapacity(scope: IConstruct, traffic: TableTraffic): ProvisionedCapacity {
    const estimate = CapacityPlanner.estimate(scope, traffic);
    const targetUtilizationPercent = traffic.targetUtilizationPercent ?? STREAM_DEFAULTS.targetUtilizationPercent;
    const utilization = targetUtilizationPercent / 100;
    const reads = provisionedUnits(estimate.readCapacityUnits, utilization);
    const writes = provisionedUnits(estimate.writeCapacityUnits, utilization);
    const capacity = {
      minReadCapacity: reads,
      maxReadCapacity: reads * CAPACITY_PLANNER_DEFAULTS.peakTrafficFactor,
      minWriteCapacity: writes,
      maxWriteCapacity: writes * CAPACITY_PLANNER_DEFAULTS.peakTrafficFactor,
      targetUtilizationPercent,
    };
    const validator = new PropsValidator(scope);
    for (const prop of ['maxReadCapacity', 'maxWriteCapacity'] as const) {
      validator.range(`provisionedCapacity.${prop}`, capacity[prop], {
        ...DYNAMODB_CAPACITY_UNITS, unit: `${DYNAMODB_CAPACITY_UNITS.unit} (${CAPACITY_PLANNER_DEFAULTS.peakTrafficFactor} × the traffic's need at the target utilization)`,
      });
    }
    validator.throwIfInvalid();
    return capacity;
  }
}

/** The capacity that serves `units` at `utilization`: at least one unit (DynamoDB's minimum). */
function provisionedUnits(units: number, utilization: number): number {
  return Math.max(DYNAMODB_CAPACITY_UNITS.min, Math.ceil(units / utilization));
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

function validateTraffic(scope: IConstruct, traffic: TableTraffic): void {
  const perSecond = { min: 0, max: Number.MAX_SAFE_INTEGER, unit: 'per second', practice: 'DB1' };
  const validator = new PropsValidator(scope)
    .range('readsPerSecond', traffic.readsPerSecond, perSecond)
    .range('writesPerSecond', traffic.writesPerSecond, perSecond)
    .range('itemSizeKb', traffic.itemSizeKb, DYNAMODB_ITEM_SIZE_KB)
    .check(traffic.itemSizeKb === 0, 'itemSizeKb', 'must be more than 0 KB', traffic.itemSizeKb, 'DB1', 'KB')
    .range('targetUtilizationPercent', traffic.targetUtilizationPercent, DYNAMODB_TARGET_UTILIZATION_PERCENT);
  // The planner does arithmetic: a value only known at deploy time cannot be planned with.
  for (const [prop, value] of Object.entries(traffic)) {
    if (typeof value === 'number' && Token.isUnresolved(value)) {
      validator.check(true, prop, 'must be a number known at synth: the planner computes with it', Tokenization.stringifyNumber(value), 'DB1');
    }
  }
  validator.throwIfInvalid();
}
