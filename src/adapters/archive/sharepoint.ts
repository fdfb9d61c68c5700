// The SharePoint archive: each copy is uploaded to the library at its deterministic path, given its
// metadata as list-item fields, and shared read-only with the two parties on top of the library's
// HR-only permissions (the salary part instead drops HR and adds the HR salary group).
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import { AUDIT_CHECKPOINT_FOLDER, parseCheckpoint } from '../../domain/audit.ts';
import type { Logger } from '../../logger.ts';
import type { Archive, ArchiveCopy } from '../../ports.ts';
import type { AppGraph } from '../graph/app-graph.ts';
import { retryAfterSeconds } from '../retry-after.ts';
import { findLibrary, LIBRARY_COLUMNS, libraryFields, type LibraryLocation } from './sharepoint-library.ts';

export interface SharePointArchiveOptions extends LibraryLocation {
  graph: AppGraph;
  /** The Entra group that may read salary parts (HR with the HR.Salary role). */
  salaryGroupId: string;
  retentionLabel?: string;
  logger: Logger;
  /** Above this a file goes through an upload session (Graph's simple upload stops at 4 MB). */
  simpleUploadLimit?: number;
  /** Attempts per step before the archive job gives up for now and pg-boss retries it later. */
  attempts?: number;
}

interface DriveItem {
  id: string;
  webUrl?: string;
  listItem?: { fields?: Record<string, unknown> };
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const CHUNK = 10 * 320 * 1024;

export class LibraryMissingError extends Error {}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function sharePointArchive(opts: SharePointArchiveOptions): Archive {
  const { graph, logger } = opts;
  const attempts = opts.attempts ?? 6;
  let drive: Promise<string> | null = null;
  const driveId = () => {
    drive ??= findLibrary(graph, opts).then((found) => {
      if (!found)
        throw new LibraryMissingError(
          `the SharePoint library "${opts.library}" does not exist; run: npm run -s samtale -- archive provision`,
        );
      return found.driveId;
    });
    drive.catch(() => (drive = null));
    return drive;
  };

  /** Retries a step on throttling, server errors and dropped connections, with backoff and jitter. */
  async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const status = e instanceof GraphError ? e.statusCode : 0;
        // statusCode -1 is the Graph client's "no response": a dropped connection, like a fetch TypeError.
        const transient = RETRYABLE.has(status) || status === -1 || e instanceof TypeError;
        if (!transient || attempt >= attempts) throw e;
        const hinted = e instanceof GraphError ? retryAfterSeconds(e.headers) : null;
        if (hinted !== null) graph.gate.holdFor(hinted);
        const backoff = Math.min(30, 0.25 * 2 ** attempt) * (0.5 + Math.random());
        logger.warn('sharepoint step retried', {
          step: name,
          status,
          attempt,
          waitSeconds: Number((hinted ?? backoff).toFixed(2)),
        });
        await new Promise((r) => setTimeout(r, (hinted ?? backoff) * 1000));
      }
    }
  }

  const isStatus = (e: unknown, status: number) => e instanceof GraphError && e.statusCode === status;
  /** What a read gives, or undefined when the library answers 404. */
  const orMissing = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (e) {
      if (isStatus(e, 404)) return undefined;
      throw e;
    }
  };

  async function uploadSession(
    drive: string,
    path: string,
    bytes: Uint8Array,
    conflict: 'fail' | 'replace',
  ): Promise<DriveItem> {
    const session = (await graph.client
      .api(`/drives/${drive}/root:/${encodePath(path)}:/createUploadSession`)
      .post({ item: { '@microsoft.graph.conflictBehavior': conflict } })) as { uploadUrl: string };
    for (let from = 0; ; from += CHUNK) {
      const to = Math.min(from + CHUNK, bytes.length) - 1;
      await graph.gate.pass();
      // The upload URL is pre-authenticated: no Authorization header may go with it.
      const res = await fetch(session.uploadUrl, {
        method: 'PUT',
        headers: {
          'content-range': `bytes ${from}-${to}/${bytes.length}`,
          'content-type': 'application/octet-stream',
        },
        body: bytes.slice(from, to + 1),
      });
      if (res.status === 200 || res.status === 201) return (await res.json()) as DriveItem;
      if (res.status !== 202) {
        const error = new GraphError(res.status, `upload fragment ${from}-${to}: ${await res.text()}`);
        error.headers = res.headers;
        throw error;
      }
    }
  }

  async function upload(drive: string, copy: ArchiveCopy, conflict: 'fail' | 'replace'): Promise<DriveItem> {
    if (copy.bytes.length > (opts.simpleUploadLimit ?? 4 * 1024 * 1024))
      return uploadSession(drive, copy.path, copy.bytes, conflict);
    return (await graph.client
      .api(`/drives/${drive}/root:/${encodePath(copy.path)}:/content`)
      .query({ '@microsoft.graph.conflictBehavior': conflict })
      .header('content-type', 'application/pdf')
      .put(copy.bytes)) as DriveItem;
  }

  async function put(copy: ArchiveCopy): Promise<{ location: string; created: boolean }> {
    const drive = await driveId();
    // Upload without overwriting. If the path is taken, an earlier attempt got at least that far:
    // its fields tell whether it finished, and a copy whose checksum is not ours is written again.
    let item: DriveItem;
    let created = true;
    try {
      item = await step('upload', () => upload(drive, copy, 'fail'));
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
      const existing = (await step('read', () =>
        graph.client
          .api(`/drives/${drive}/root:/${encodePath(copy.path)}`)
          .expand('listItem($expand=fields)')
          .get(),
      )) as DriveItem;
      const done = existing.listItem?.fields?.sjekksum === copy.metadata.sjekksum;
      item = done ? existing : await step('upload', () => upload(drive, copy, 'replace'));
      created = !done;
    }
    if (created)
      await step('fields', () =>
        graph.client
          .api(`/drives/${drive}/items/${item.id}/listItem/fields`)
          .patch(libraryFields(copy.metadata)),
      );
    // The invite runs on every attempt that reaches it: granting the same read twice is a no-op,
    // and skipping it after a lost answer could lose a party's access.
    const salary = copy.readers.group === 'HR.Salary';
    const recipients = [...copy.readers.oids, ...(salary ? [opts.salaryGroupId] : [])];
    // A unit's plan has no readers beyond the library's own: it keeps its inherited permissions.
    if (recipients.length > 0)
      await step('invite', () =>
        graph.client.api(`/drives/${drive}/items/${item.id}/invite`).post({
          recipients: recipients.map((objectId) => ({
            objectId,
          })),
          roles: ['read'],
          requireSignIn: true,
          sendInvitation: false,
          // The record part keeps the library's HR-only permissions; the salary part drops them.
          retainInheritedPermissions: !salary,
        }),
      );
    if (opts.retentionLabel)
      await step('retention label', () =>
        graph.client
          .api(`/drives/${drive}/items/${item.id}/retentionLabel`)
          .patch({ name: opts.retentionLabel }),
      );
    return { location: item.webUrl ?? `${opts.siteUrl}/${opts.library}/${copy.path}`, created };
  }

  /** A file's bytes, or undefined when the library has no such file. */
  async function download(path: string, what: string): Promise<ArrayBuffer | undefined> {
    const drive = await driveId();
    return orMissing(
      () =>
        step(what, () =>
          graph.client
            .api(`/drives/${drive}/root:/${encodePath(path)}:/content`)
            .responseType(ResponseType.ARRAYBUFFER)
            .get(),
        ) as Promise<ArrayBuffer>,
    );
  }

  return {
    async put(copy) {
      const { value, units } = await graph.meter.measure(() => put(copy));
      return { ...value, resourceUnits: units };
    },
    async putAuditCheckpoint(day, checkpoint) {
      const drive = await driveId();
      await step('checkpoint', () =>
        graph.client
          .api(`/drives/${drive}/root:/${encodePath(`${AUDIT_CHECKPOINT_FOLDER}/${day}.json`)}:/content`)
          .query({ '@microsoft.graph.conflictBehavior': 'replace' })
          .header('Content-Type', 'application/json')
          .put(JSON.stringify(checkpoint)),
      );
    },
    async auditCheckpoint(day) {
      const data = await download(`${AUDIT_CHECKPOINT_FOLDER}/${day}.json`, 'read checkpoint');
      return data && parseCheckpoint(Buffer.from(data).toString('utf8'));
    },
    async metadata(path) {
      const drive = await driveId();
      const item = await orMissing(
        () =>
          step('read', () =>
            graph.client
              .api(`/drives/${drive}/root:/${encodePath(path)}`)
              .expand('listItem($expand=fields)')
              .get(),
          ) as Promise<DriveItem>,
      );
      if (!item) return undefined;
      const fields = item.listItem?.fields ?? {};
      return {
        tittel: fields.Title,
        ...Object.fromEntries(LIBRARY_COLUMNS.map((c) => [c.key, fields[c.name]])),
      };
    },
    async get(path) {
      const data = await download(path, 'download');
      return data && new Uint8Array(data);
    },
  };
}
