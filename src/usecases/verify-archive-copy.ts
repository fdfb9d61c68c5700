import { createHash } from 'node:crypto';
import { metadataChecksum } from '../domain/archive.ts';
import { fullySigned } from '../domain/signatures.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive } from '../ports.ts';
import { currentHash, templateVersion, type Deps } from './support.ts';

export interface CopyCheck {
  part: string;
  path: string;
  found: boolean;
  checksumMatches: boolean;
  /** The metadata beside the copy is as written at archiving (null: archived before this was noted). */
  metadataMatches: boolean | null;
  signedHashMatches: boolean;
}

/**
 * Re-reads each archived copy and its metadata, recomputes their SHA-256 and compares them with the
 * checksums noted at archiving, and checks that the record still hashes to what both parties signed.
 */
export async function verifyArchiveCopy(
  deps: Deps,
  archive: Archive,
  conversationId: string,
): Promise<{ ok: boolean; copies: CopyCheck[] }> {
  const c = await deps.store.conversation(conversationId);
  if (!c) throw new AppError('CONVERSATION_NOT_FOUND');
  const rows = await deps.store.archiveCopies(c.id);
  if (rows.length === 0) throw new AppError('NOT_FOUND', { reason: 'not archived' });
  const hash = await currentHash(
    deps.store,
    c,
    await templateVersion(deps, c.templateKey, c.templateVersion),
  );
  const signedOk = fullySigned(await deps.store.signatures(c.id), hash);
  const copies: CopyCheck[] = [];
  for (const r of rows) {
    const [bytes, metadata] = await Promise.all([
      archive.get(r.path, r.part),
      archive.metadata(r.path, r.part),
    ]);
    const checksum = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    copies.push({
      part: r.part,
      path: r.path,
      found: bytes !== undefined,
      checksumMatches: checksum === r.checksum,
      metadataMatches:
        r.metadataChecksum === null
          ? null
          : metadata !== undefined && metadataChecksum(metadata) === r.metadataChecksum,
      signedHashMatches: signedOk && r.contentHash === hash,
    });
  }
  return {
    ok: copies.every(
      (x) => x.found && x.checksumMatches && x.metadataMatches !== false && x.signedHashMatches,
    ),
    copies,
  };
}
