import type { Actor } from '../domain/policy.ts';
import { fullySigned, validSignatures, type Signature } from '../domain/record.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, audit, currentHash, nowIso, type Deps } from './support.ts';

export interface SignResult {
  status: string;
  contentHash: string;
  signatures: Pick<Signature, 'party' | 'name' | 'signedAt' | 'contentHash'>[];
}

/**
 * A party signs the record they have read. The client names the content hash it showed;
 * if the record changed since, signing is refused so nobody signs what they did not see.
 */
export async function signRecord(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  seenHash: string,
): Promise<SignResult> {
  const me = await deps.directory.user(actor.tid, actor.oid);
  const result = await asParty(deps, actor, conversationId, async (tx, { conversation, template, party }) => {
    if (conversation.status === 'signed' || conversation.status === 'archived')
      throw new AppError('RECORD_LOCKED');
    if (conversation.status !== 'awaiting_signatures')
      throw new AppError('NOT_READY_TO_SIGN', { status: conversation.status });
    const hash = await currentHash(tx, conversation, template);
    if (hash !== seenHash) throw new AppError('SIGNED_CONTENT_CHANGED', { currentHash: hash });
    const existing = await tx.signatures(conversation.id);
    if (validSignatures(existing, hash).some((s) => s.party === party)) throw new AppError('ALREADY_SIGNED');

    const at = nowIso(deps);
    const signature: Signature = {
      party,
      tid: actor.tid,
      oid: actor.oid,
      name: me?.name ?? actor.name,
      upn: me?.upn ?? actor.upn,
      signedAt: at,
      contentHash: hash,
    };
    if ((await tx.insertSignature(conversation.id, signature)) === 'exists')
      throw new AppError('ALREADY_SIGNED');
    await audit(tx, actor, 'record.signed', conversation.id, at, { party, contentHash: hash });

    const all = [...existing, signature];
    let status: string = conversation.status;
    if (fullySigned(all, hash)) {
      status = (await tx.updateConversation(conversation.id, { status: 'signed', at })).status;
      await audit(tx, actor, 'record.locked', conversation.id, at, { contentHash: hash });
    }
    return {
      status,
      contentHash: hash,
      signatures: all.map((s) => ({
        party: s.party,
        name: s.name,
        signedAt: s.signedAt,
        contentHash: s.contentHash,
      })),
    };
  });
  // After commit. If this fails, the archive sweep still finds the signed record within a minute.
  if (result.status === 'signed') await deps.events.recordSigned(conversationId).catch(() => undefined);
  return result;
}
