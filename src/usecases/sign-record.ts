import type { SignResult } from '../contract/views.ts';
import { signRefusal, type Actor } from '../domain/policy.ts';
import { fullySigned, type Signature } from '../domain/signatures.ts';
import { AppError } from '../errors/catalogue.ts';
import { asParty, notifyChanged, audit, currentHash, nowIso, type Deps } from './support.ts';

export interface SignInput {
  conversationId: string;
  /** The content hash of the record as the signer was shown it. */
  contentHash: string;
}

/**
 * A party signs the record they have read. The client names the content hash it showed;
 * if the record changed since, signing is refused so nobody signs what they did not see.
 */
export async function signRecord(deps: Deps, actor: Actor, input: SignInput): Promise<SignResult> {
  const { conversationId } = input;
  const me = await deps.directory.user(actor.tid, actor.oid);
  const result = await asParty(
    deps,
    actor,
    conversationId,
    async (tx, { conversation, template, standing, party }) => {
      const hash = await currentHash(tx, conversation, template);
      const existing = await tx.signatures(conversation.id);
      // A record that moved on since it was shown is refused first: the signer must read it again.
      const refusal = signRefusal(standing, conversation, existing, hash);
      if (refusal === 'RECORD_LOCKED' || refusal === 'NOT_READY_TO_SIGN' || refusal === 'FORBIDDEN')
        throw new AppError(refusal, { status: conversation.status });
      if (hash !== input.contentHash) throw new AppError('SIGNED_CONTENT_CHANGED', { currentHash: hash });
      if (refusal) throw new AppError(refusal);

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
      let status = conversation.status;
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
    },
  );
  notifyChanged(deps, actor, conversationId);
  // After commit. If this fails, the archive sweep still finds the signed record within a minute.
  if (result.status === 'signed') await deps.events.recordSigned(conversationId).catch(() => undefined);
  return result;
}
