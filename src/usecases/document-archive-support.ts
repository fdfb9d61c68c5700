// What archiving a document beside the records shares (a unit plan's copy, a Kommunekompass report):
// render it as PDF/A, describe it with the archive's metadata, store it in the record library (its
// readers are the library's), and note it in the same transaction as its audit event.
import { createHash } from 'node:crypto';
import { renderRecordPdf, type DocumentForPdf } from '../adapters/pdf/render-record.ts';
import {
  metadataChecksum,
  retentionDate,
  type ArchiveMetadata,
  type ArchivePart,
} from '../domain/archive.ts';
import type { Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, Store } from '../ports.ts';
import { audit, nowIso, type Deps } from './support.ts';

const SYSTEM = 'system:archive';

export interface StoredDocument {
  path: string;
  location: string;
  checksum: string;
  archivedAt: string;
  metadataChecksum: string;
}

export async function storeDocument(
  deps: Deps & { archive: Archive },
  doc: {
    tid: string;
    /** The plan's or round's id: the audit event's subject and the metadata's samtaleId. */
    subject: string;
    action: 'plan.archived' | 'kompass.archived';
    path: string;
    content: DocumentForPdf;
    retentionYears: number;
    meta: Pick<
      ArchiveMetadata,
      'samtaletype' | 'periode' | 'enhet' | 'tilgangsrestriksjon' | 'skjermingshjemmel' | 'malversjon'
    >;
    /** More for the audit event (a plan copy's kind). */
    audit?: Record<string, string>;
  },
  note: (tx: Store, stored: StoredDocument) => Promise<void>,
): Promise<StoredDocument> {
  const bytes = await renderRecordPdf(doc.content);
  const checksum = createHash('sha256').update(bytes).digest('hex');
  const archivedAt = nowIso(deps);
  const metadata: ArchiveMetadata = {
    ...doc.meta,
    tittel: doc.content.document.title,
    dokumentetsDato: doc.content.document.at.slice(0, 10),
    sjekksum: checksum,
    sjekksumAlgoritme: 'SHA256',
    arkivertDato: archivedAt,
    arkivertAv: 'Samtale',
    kassasjonsdato: retentionDate(archivedAt, doc.retentionYears),
    medarbeider: '',
    leder: doc.content.parties.leader,
    del: 'record',
    innholdsnokkel: doc.content.contentHash,
    samtaleId: doc.subject,
  };
  // Read by the archive's own readers (HR); the organisation's people open it through Samtale.
  const put = await deps.archive.put({
    path: doc.path,
    bytes,
    metadata,
    part: 'record',
  });
  const stored: StoredDocument = {
    path: doc.path,
    location: put.location,
    checksum,
    archivedAt,
    metadataChecksum: metadataChecksum(metadata),
  };
  await deps.store.transaction(async (tx) => {
    await note(tx, stored);
    await tx.appendAudit({
      tid: doc.tid,
      at: archivedAt,
      actorOid: SYSTEM,
      action: doc.action,
      subject: doc.subject,
      data: {
        ...doc.audit,
        path: doc.path,
        checksum,
        metadataChecksum: stored.metadataChecksum,
        created: put.created,
        resourceUnits: put.resourceUnits,
      },
    });
  });
  return stored;
}

/**
 * An archived copy's bytes, only as they were archived: a changed byte is an incident (audited as
 * archive.copy-damaged), not a download. Undefined where the archive does not have it.
 */
export async function readArchivedCopy(
  deps: Deps & { archive: Archive },
  actor: Actor,
  copy: { path: string; checksum: string; part?: ArchivePart },
  subject: string,
  detail: Record<string, string> = {},
): Promise<{ bytes: Uint8Array; filename: string } | undefined> {
  const bytes = await deps.archive.get(copy.path, copy.part ?? 'record');
  if (!bytes) return undefined;
  if (createHash('sha256').update(bytes).digest('hex') !== copy.checksum) {
    await audit(deps.store, actor, 'archive.copy-damaged', subject, nowIso(deps), {
      ...detail,
      path: copy.path,
    });
    throw new AppError('ARCHIVE_COPY_DAMAGED');
  }
  return { bytes, filename: copy.path.split('/').pop() ?? 'samtale.pdf' };
}
