import type { PoLedger } from '../checks/po-ledger';

/**
 * The purchase-order ledger store (the master-data table in AWS and locally, next to the order).
 * The rules live in core (checks/po-ledger.ts); the store makes each change atomic.
 */
export interface PoLedgerStore {
  get(poNumber: string): Promise<PoLedger | undefined>;
  /**
   * Applies `change` to the order's ledger as one conditional write on the version it read; when
   * another writer came first, it reads again and re-applies `change`. `next: undefined` writes nothing.
   */
  update<T>(
    poNumber: string,
    change: (current: PoLedger | undefined) => { next?: PoLedger; result: T },
  ): Promise<T>;
}
