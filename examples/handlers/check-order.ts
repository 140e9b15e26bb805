// A workflow step: validates an order and says whether it ships physically. It throws a named
// error for a business failure, which the state machine does not retry but catches (WF1).
export class InvalidOrder extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOrder';
  }
}

export const handler = async (order: { id?: string; total?: number; physical?: boolean }) => {
  if (!order.id || typeof order.total !== 'number' || order.total <= 0) throw new InvalidOrder('an order needs an id and a positive total');
  return { ...order, physical: order.physical ?? true };
};
