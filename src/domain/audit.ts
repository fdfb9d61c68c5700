import { canonicalJson, sha256Hex, type Json } from './canonical-json.ts';

export interface AuditEvent {
  tid: string;
  at: string;
  actorOid: string;
  action: string;
  subject: string;
  data: Json;
}

export const AUDIT_GENESIS = 'genesis';

/** Each event's hash covers the previous hash, so changing or removing any event breaks the chain. */
export function auditHash(prevHash: string, e: AuditEvent): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        tid: e.tid,
        at: e.at,
        actor: e.actorOid,
        action: e.action,
        subject: e.subject,
        data: e.data,
      }),
  );
}

export interface StoredAuditEvent extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; events: number }
  | {
      ok: false;
      events: number;
      seq: number | null;
      problem: 'changed' | 'missing-before' | 'head-mismatch';
    };

/** Recomputes the chain from its start; the head must equal the last event, so a deleted tail shows too. */
export function verifyAuditChain(events: readonly StoredAuditEvent[], headHash: string): ChainCheck {
  let prev = AUDIT_GENESIS;
  for (const e of events) {
    if (e.prevHash !== prev)
      return { ok: false, events: events.length, seq: e.seq, problem: 'missing-before' };
    if (auditHash(prev, e) !== e.hash)
      return { ok: false, events: events.length, seq: e.seq, problem: 'changed' };
    prev = e.hash;
  }
  if (prev !== headHash) return { ok: false, events: events.length, seq: null, problem: 'head-mismatch' };
  return { ok: true, events: events.length };
}
