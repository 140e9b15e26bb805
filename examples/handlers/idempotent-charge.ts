// A charge that must happen once (ES5): a client retries, EventBridge and SQS deliver at least once,
// so the same request may arrive twice. Powertools' idempotency utility keeps a record per charge
// ID in the IdempotencyTable (its table name and record expiry come from the environment that
// `IdempotencyTable.grant` sets): the first call charges and stores its answer, a repeat within the
// expiry gets that answer without charging again.
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';

export interface ChargeRequest {
  readonly chargeId: string;
  readonly amount: number;
}

/** Where the money moves: the side effect that must happen once per charge. */
export interface Ledger {
  charge(chargeId: string, amount: number): Promise<string>;
}

export interface ChargeHandlerOptions {
  /** The IdempotencyTable's name (IDEMPOTENCY_TABLE_NAME). */
  readonly tableName: string;
  /** How long a completed record answers repeats (IDEMPOTENCY_EXPIRES_AFTER_SECONDS). */
  readonly expiresAfterSeconds: number;
  /** The DynamoDB client's settings (a local endpoint in tests). */
  readonly clientConfig?: DynamoDBClientConfig;
}

export function makeChargeHandler(ledger: Ledger, options: ChargeHandlerOptions) {
  const persistenceStore = new DynamoDBPersistenceLayer({ tableName: options.tableName, clientConfig: options.clientConfig });
  // The charge ID is the idempotency key: a retry with other headers or timestamps is still the same charge.
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'chargeId', expiresAfterSeconds: options.expiresAfterSeconds, throwOnNoIdempotencyKey: true });
  return makeIdempotent(async (request: ChargeRequest, _context: Context) => {
    if (typeof request.chargeId !== 'string' || typeof request.amount !== 'number' || request.amount <= 0) {
      throw new Error('a charge needs a chargeId and a positive amount');
    }
    const receipt = await ledger.charge(request.chargeId, request.amount);
    return { chargeId: request.chargeId, receipt };
  }, { persistenceStore, config });
}

/** The ledger of the deployed example: a structured log line per charge. */
const logLedger: Ledger = {
  async charge(chargeId, amount) {
    console.log(JSON.stringify({ message: 'charged', chargeId, amount }));
    return `receipt-${chargeId}`;
  },
};

export const handler = makeChargeHandler(logLedger, {
  tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? '',
  expiresAfterSeconds: Number(process.env.IDEMPOTENCY_EXPIRES_AFTER_SECONDS ?? 3600),
});
