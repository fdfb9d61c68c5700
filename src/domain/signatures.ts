// Signatures over a content version of the shared record. Kept apart from the record's hashing so
// the rules about signatures (and the policy that uses them) need no crypto.
import type { Party } from './templates/model.ts';

export interface Signature {
  party: Party;
  tid: string;
  oid: string;
  name: string;
  upn: string;
  signedAt: string;
  contentHash: string;
}

/** Signatures that still hold: made over the record as it is now. */
export function validSignatures(signatures: readonly Signature[], currentHash: string): Signature[] {
  return signatures.filter((s) => s.contentHash === currentHash);
}

export function fullySigned(signatures: readonly Signature[], currentHash: string): boolean {
  const parties = new Set(validSignatures(signatures, currentHash).map((s) => s.party));
  return parties.has('leader') && parties.has('employee');
}
