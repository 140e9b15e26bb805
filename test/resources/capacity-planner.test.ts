import { CfnParameter } from 'aws-cdk-lib';
import { CapacityPlanner, ReadConsistency } from '../../src';
import { expectValidationError, newStack } from '../support/stacks';

describe('CapacityPlanner (DB1)', () => {
  const { stack } = newStack();

  test.each([
    // The worked examples of the notes.
    ['10 writes/s of 2 KB', { readsPerSecond: 0, writesPerSecond: 10, itemSizeKb: 2 }, 0, 20],
    ['6 writes/s of 4.5 KB (rounded up to 5 KB)', { readsPerSecond: 0, writesPerSecond: 6, itemSizeKb: 4.5 }, 0, 30],
    ['120 writes a minute of 2 KB', { readsPerSecond: 0, writesPerSecond: 2, itemSizeKb: 2 }, 0, 4],
    ['10 strongly consistent reads/s of 4 KB', { readsPerSecond: 10, writesPerSecond: 0, itemSizeKb: 4, readConsistency: ReadConsistency.STRONG }, 10, 0],
    ['16 eventually consistent reads/s of 12 KB', { readsPerSecond: 16, writesPerSecond: 0, itemSizeKb: 12 }, 24, 0],
    ['10 strongly consistent reads/s of 6 KB (rounded up to 8 KB)',
      { readsPerSecond: 10, writesPerSecond: 0, itemSizeKb: 6, readConsistency: ReadConsistency.STRONG }, 20, 0],
    ['transactions: reads and writes count twice', { readsPerSecond: 5, writesPerSecond: 5, itemSizeKb: 1, readConsistency: ReadConsistency.TRANSACTIONAL, transactionalWrites: true }, 10, 10],
    ['3 eventually consistent reads/s round up to 2 RCU', { readsPerSecond: 3, writesPerSecond: 0, itemSizeKb: 1 }, 2, 0],
  ])('%s', (_name, traffic, rcu, wcu) => {
    const estimate = CapacityPlanner.estimate(stack, traffic);
    expect([estimate.readCapacityUnits, estimate.writeCapacityUnits]).toEqual([rcu, wcu]);
  });

  test('steady traffic: provisioned at 70 % utilization is cheaper; a trickle is cheaper on demand (November 2024 us-east-1 prices)', () => {
    const steady = CapacityPlanner.estimate(stack, { readsPerSecond: 100, writesPerSecond: 50, itemSizeKb: 1 });
    // Provisioned: ceil(50 / 0.7) = 72 RCU, ceil(50 / 0.7) = 72 WCU; 730 h × (72 × 0.00013 + 72 × 0.00065).
    expect(steady.provisionedMonthlyUsd).toBe(41);
    // On demand: 2,628,000 s × (50 RRU × 0.125 + 50 WRU × 0.625) per million.
    expect(steady.onDemandMonthlyUsd).toBe(98.55);
    expect(steady.onDemandIsCheaper).toBe(false);
    expect(steady.summary).toMatch(/provisioned is cheaper at this steady traffic \(DB1\)/);

    const trickle = CapacityPlanner.estimate(stack, { readsPerSecond: 0.01, writesPerSecond: 0.01, itemSizeKb: 1 });
    expect(trickle.onDemandIsCheaper).toBe(true);
  });

  test('provisionedCapacity: the minimum runs the traffic at the target utilization, the maximum is twice that', () => {
    const traffic = { readsPerSecond: 100, writesPerSecond: 50, itemSizeKb: 1, targetUtilizationPercent: 50 };
    expect(CapacityPlanner.provisionedCapacity(stack, traffic)).toEqual({
      minReadCapacity: 100, maxReadCapacity: 200, minWriteCapacity: 100, maxWriteCapacity: 200, targetUtilizationPercent: 50,
    });
    // No traffic still needs DynamoDB's minimum of one unit.
    expect(CapacityPlanner.provisionedCapacity(stack, { readsPerSecond: 0, writesPerSecond: 0, itemSizeKb: 1 }).minWriteCapacity).toBe(1);
  });

  test('bad traffic is a clear error; more than 40,000 units is an error, never a clamp', () => {
    expectValidationError(() => CapacityPlanner.estimate(stack, { readsPerSecond: -1, writesPerSecond: 1, itemSizeKb: 1 }), {
      path: 'TestStack', prop: 'readsPerSecond', rule: /must be a number from 0/, value: '-1', practice: 'DB1',
    });
    expectValidationError(() => CapacityPlanner.estimate(stack, { readsPerSecond: 1, writesPerSecond: 1, itemSizeKb: 401 }), {
      path: 'TestStack', prop: 'itemSizeKb', rule: /from 0 to 400 KB/, value: '401', practice: 'DB1',
    });
    expectValidationError(() => CapacityPlanner.estimate(stack, { readsPerSecond: 1, writesPerSecond: 1, itemSizeKb: 0 }), {
      path: 'TestStack', prop: 'itemSizeKb', rule: 'must be more than 0 KB', value: '0 KB', practice: 'DB1',
    });
    expectValidationError(() => CapacityPlanner.provisionedCapacity(stack, { readsPerSecond: 0, writesPerSecond: 30_000, itemSizeKb: 1 }), {
      path: 'TestStack', prop: 'provisionedCapacity.maxWriteCapacity', rule: /from 1 to 40000/, value: '85716', practice: 'DB1',
    });
    const { stack: other } = newStack();
    const reads = new CfnParameter(other, 'Reads', { type: 'Number' }).valueAsNumber;
    expectValidationError(() => CapacityPlanner.estimate(other, { readsPerSecond: reads, writesPerSecond: 1, itemSizeKb: 1 }), {
      path: 'TestStack', prop: 'readsPerSecond', rule: 'must be a number known at synth', value: '"${Token[…', practice: 'DB1',
    });
  });
});
