import { verifyAuditChain, type ChainCheck } from '../domain/audit.ts';
import type { Store } from '../ports.ts';

/** Re-reads the whole audit trail and checks its hash chain: an edited or deleted event is found. */
export async function verifyAuditTrail(store: Store): Promise<ChainCheck> {
  const { head, events } = await store.auditTrail();
  return verifyAuditChain(events, head);
}
