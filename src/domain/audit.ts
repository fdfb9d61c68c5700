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
/** Where in the archive the chain's daily checkpoints are kept. */
export const AUDIT_CHECKPOINT_FOLDER = 'revisjonslogg';

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
      problem:
        | 'changed'
        | 'missing-before'
        | 'head-mismatch'
        | 'checkpoint-mismatch'
        | 'missing-after'
        | 'checkpoint-unreadable';
    };

/**
 * The chain head as it was at a moment, written outside the database (into the archive). Someone
 * who can rewrite the database can recompute every hash and the head, but not these.
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
}

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

/**
 * The chain against its checkpoints: the event a checkpoint names must still carry the hash it had.
 * Each hash covers every event before it, so one matching checkpoint vouches for all earlier events.
 */
export function checkAgainstCheckpoints(
  events: readonly StoredAuditEvent[],
  checkpoints: readonly AuditCheckpoint[],
): ChainCheck {
  const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
  for (const cp of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    const hash = bySeq.get(cp.seq);
    if (hash === undefined)
      return { ok: false, events: events.length, seq: cp.seq, problem: 'missing-after' };
    if (hash !== cp.hash)
      return { ok: false, events: events.length, seq: cp.seq, problem: 'checkpoint-mismatch' };
  }
  return { ok: true, events: events.length };
}

/** A checkpoint file's text, or 'unreadable' when it is not one (edited, cut short). */
export function parseCheckpoint(text: string): AuditCheckpoint | 'unreadable' {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null) return 'unreadable';
    const { seq, hash, at } = v as Record<string, unknown>;
    return Number.isSafeInteger(seq) && typeof hash === 'string' && typeof at === 'string'
      ? { seq: seq as number, hash, at }
      : 'unreadable';
  } catch {
    return 'unreadable';
  }
}
