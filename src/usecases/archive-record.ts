import { createHash } from 'node:crypto';
import { renderRecordPdf } from '../adapters/pdf/render-record.ts';
import {
  archivePath,
  metadataChecksum,
  retentionDate,
  skjermingshjemmel,
  type ArchiveMetadata,
} from '../domain/archive.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, ArchiveCopyRow } from '../ports.ts';
import { prepareArchiveCopy } from './prepare-archive-copy.ts';
import { notifyChanged, nowIso, type Deps } from './support.ts';

const SYSTEM = 'system:archive';

/**
 * Archives a signed record: renders its PDF/A copies, stores each in the archive with its metadata
 * in its library (the record, or Punkt 4 apart), notes them, and marks the conversation archived. Safe to run again after a partial
 * success: paths are deterministic per record version and a stored copy is left as it is.
 */
export async function archiveRecord(
  deps: Deps & { archive: Archive },
  { conversationId, retentionYears }: { conversationId: string; retentionYears: number },
): Promise<ArchiveCopyRow[]> {
  const c = await deps.store.conversation(conversationId);
  if (!c) throw new AppError('CONVERSATION_NOT_FOUND');
  if (c.status === 'archived') return deps.store.archiveCopies(c.id);
  if (c.status !== 'signed') throw new AppError('NOT_READY_TO_SIGN', { status: c.status });
  const unit = c.unitId
    ? ((await deps.directory.units(c.tid)).find((u) => u.id === c.unitId)?.name ?? c.unitId)
    : '';

  const rows: ArchiveCopyRow[] = [];
  for (const copy of await prepareArchiveCopy(deps, c.id)) {
    const bytes = await renderRecordPdf(copy);
    const checksum = createHash('sha256').update(bytes).digest('hex');
    const signedAt =
      copy.signatures
        .map((s) => s.signedAt)
        .sort()
        .at(-1) ?? c.updatedAt;
    const archivedAt = nowIso(deps);
    const path = archivePath(c, copy.parties.employee, copy.part, copy.contentHash, signedAt);
    const metadata: ArchiveMetadata = {
      tittel: `${copy.template.name} ${c.period}${copy.part === 'salary' ? ' – lønn' : ''}: ${copy.parties.employee}`,
      dokumentetsDato: signedAt.slice(0, 10),
      tilgangsrestriksjon: 'Unntatt offentlighet',
      skjermingshjemmel: skjermingshjemmel(copy.template),
      sjekksum: checksum,
      sjekksumAlgoritme: 'SHA256',
      arkivertDato: archivedAt,
      arkivertAv: 'Samtale',
      kassasjonsdato: retentionDate(archivedAt, retentionYears),
      samtaletype: copy.template.name,
      periode: c.period,
      enhet: unit,
      medarbeider: copy.parties.employee,
      leder: copy.parties.leader,
      malversjon: `${copy.template.key}@${copy.template.version}`,
      del: copy.part,
      innholdsnokkel: copy.contentHash,
      samtaleId: c.id,
    };
    const stored = await deps.archive.put({
      path,
      bytes,
      metadata,
      part: copy.part,
    });
    const row: ArchiveCopyRow = {
      conversationId: c.id,
      part: copy.part,
      path,
      location: stored.location,
      checksum,
      contentHash: copy.contentHash,
      archivedAt,
      metadataChecksum: metadataChecksum(metadata),
      disposeOn: metadata.kassasjonsdato,
    };
    await deps.store.transaction(async (tx) => {
      await tx.recordArchiveCopy(row);
      await tx.appendAudit({
        tid: c.tid,
        at: archivedAt,
        actorOid: SYSTEM,
        action: 'archive.stored',
        subject: c.id,
        data: {
          part: copy.part,
          path,
          checksum,
          metadataChecksum: row.metadataChecksum,
          created: stored.created,
          resourceUnits: stored.resourceUnits,
        },
      });
    });
    rows.push(row);
  }
  await deps.store.transaction(async (tx) => {
    const locked = await tx.conversation(c.id, { forUpdate: true });
    if (locked?.status !== 'signed') return;
    const at = nowIso(deps);
    await tx.updateConversation(c.id, { status: 'archived', at });
    await tx.appendAudit({
      tid: c.tid,
      at,
      actorOid: SYSTEM,
      action: 'record.archived',
      subject: c.id,
      data: { copies: rows.length },
    });
  });
  notifyChanged(deps, { oid: SYSTEM }, c.id);
  return rows;
}
