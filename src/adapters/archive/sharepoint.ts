// The SharePoint archive: each copy is uploaded to its library at its deterministic path and given its
// metadata as list-item fields. No copy gets permissions of its own (SharePoint allows 50 000 unique
// scopes per library and recommends at most 5 000): the record library inherits the archive site's
// (HR and archive staff), and Punkt 4 goes to a second library restricted to the HR salary group. The
// parties read their copies through Samtale, which checks access and streams them with the app's identity.
import { createHash } from 'node:crypto';
import { GraphError, ResponseType } from '@microsoft/microsoft-graph-client';
import { AUDIT_CHECKPOINT_FOLDER, parseCheckpoint } from '../../domain/audit.ts';
import type { ArchivePart } from '../../domain/archive.ts';
import type { Logger } from '../../logger.ts';
import type { Archive, ArchiveCopy } from '../../ports.ts';
import type { AppGraph } from '../graph/app-graph.ts';
import { retryAfterSeconds } from '../retry-after.ts';
import {
  findLibrary,
  LIBRARY_COLUMNS,
  libraryFields,
  siteRest,
  type LibraryLocation,
} from './sharepoint-library.ts';

export interface SharePointArchiveOptions extends LibraryLocation {
  graph: AppGraph;
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
  listItem?: { id?: string; fields?: Record<string, unknown> };
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const CHUNK = 10 * 320 * 1024;

export class LibraryMissingError extends Error {}
export class ArchiveCopyMismatchError extends Error {}

/** A copy's metadata as its library's columns hold it (Title is `tittel`). */
const metadataOf = (item: DriveItem): Partial<Record<keyof ArchiveCopy['metadata'], unknown>> => {
  const fields = item.listItem?.fields ?? {};
  return { tittel: fields.Title, ...Object.fromEntries(LIBRARY_COLUMNS.map((c) => [c.key, fields[c.name]])) };
};

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function sharePointArchive(opts: SharePointArchiveOptions): Archive {
  const { graph, logger } = opts;
  const attempts = opts.attempts ?? 6;
  const libraries = new Map<ArchivePart, Promise<{ listId: string; driveId: string }>>();
  const libraryOf = (part: ArchivePart) => {
    const name = part === 'salary' ? opts.salaryLibrary : opts.library;
    let found = libraries.get(part);
    if (!found) {
      found = findLibrary(graph, opts.siteId, name).then((lib) => {
        if (!lib)
          throw new LibraryMissingError(
            `the SharePoint library "${name}" does not exist; run: npm run -s samtale -- archive provision`,
          );
        return lib;
      });
      found.catch(() => libraries.delete(part));
      libraries.set(part, found);
    }
    return found;
  };
  const driveId = async (part: ArchivePart = 'record') => (await libraryOf(part)).driveId;

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

  /** The item at a path with its list-item id and fields, or undefined. */
  const itemAt = (drive: string, path: string) =>
    orMissing(
      () =>
        step('read', () =>
          graph.client
            .api(`/drives/${drive}/root:/${encodePath(path)}`)
            .expand('listItem($expand=fields)')
            .get(),
        ) as Promise<DriveItem>,
    );

  async function put(copy: ArchiveCopy): Promise<{ location: string; created: boolean }> {
    const drive = await driveId(copy.part);
    // Upload without overwriting. If the path is taken, an earlier attempt got at least that far:
    // its fields tell whether it finished, and a copy whose checksum is not ours is written again.
    let item: DriveItem;
    let created = true;
    try {
      item = await step('upload', () => upload(drive, copy, 'fail'));
    } catch (e) {
      if (!isStatus(e, 409)) throw e;
      const existing = await itemAt(drive, copy.path);
      const done = existing !== undefined && existing.listItem?.fields?.sjekksum === copy.metadata.sjekksum;
      item = done ? existing : await step('upload', () => upload(drive, copy, 'replace'));
      created = !done;
    }
    if (created)
      await step('fields', () =>
        graph.client
          .api(`/drives/${drive}/items/${item.id}/listItem/fields`)
          .patch(libraryFields(copy.metadata)),
      );
    if (opts.retentionLabel)
      await step('retention label', () =>
        graph.client
          .api(`/drives/${drive}/items/${item.id}/retentionLabel`)
          .patch({ name: opts.retentionLabel }),
      );
    const library = copy.part === 'salary' ? opts.salaryLibrary : opts.library;
    return { location: item.webUrl ?? `${opts.siteUrl}/${library}/${copy.path}`, created };
  }

  // Role inheritance has no Graph API: SharePoint REST on the archive site, throttling-aware.
  const rest = siteRest(graph, opts.siteUrl);

  /** A record copy archived with its own permissions gets the library's back (no-op when it has them). */
  async function restoreInheritance(path: string) {
    const { listId, driveId: drive } = await libraryOf('record');
    const item = await itemAt(drive, path);
    if (!item?.listItem?.id) return { outcome: 'missing' as const };
    const itemPath = `lists(guid'${listId}')/items(${Number(item.listItem.id)})`;
    const state = (await step('read permissions', () =>
      rest(`${itemPath}?$select=HasUniqueRoleAssignments`),
    )) as { HasUniqueRoleAssignments?: boolean };
    if (state.HasUniqueRoleAssignments !== true) return { outcome: 'unchanged' as const };
    await step('reset permissions', () => rest(`${itemPath}/resetroleinheritance`, 'POST'));
    return { outcome: 'restored' as const };
  }

  /**
   * A salary copy archived in the record library (shared with the parties and the salary group, HR
   * removed) moves to the salary library: written there with its fields, checked, and only then
   * deleted from the record library. A run cut short anywhere is finished by the next.
   */
  async function moveSalaryCopy(path: string, checksum: string) {
    const [recordDrive, salaryDrive] = await Promise.all([driveId('record'), driveId('salary')]);
    const [old, moved] = await Promise.all([itemAt(recordDrive, path), itemAt(salaryDrive, path)]);
    if (!old)
      return moved
        ? { outcome: 'unchanged' as const, location: moved.webUrl }
        : { outcome: 'missing' as const };
    let location = moved?.webUrl;
    if (moved?.listItem?.fields?.sjekksum !== checksum) {
      const bytes = await download(recordDrive, path, 'download');
      if (!bytes || createHash('sha256').update(new Uint8Array(bytes)).digest('hex') !== checksum)
        throw new ArchiveCopyMismatchError(
          `${path}: the copy in the record library does not match its checksum; it was left where it is`,
        );
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      const held = metadataOf(old);
      const metadata = {
        tittel: text(held.tittel),
        ...Object.fromEntries(LIBRARY_COLUMNS.map((c) => [c.key, text(held[c.key])])),
      } as ArchiveCopy['metadata'];
      ({ location } = await put({ path, bytes: new Uint8Array(bytes), metadata, part: 'salary' }));
    }
    await step('delete old copy', () => graph.client.api(`/drives/${recordDrive}/items/${old.id}`).delete());
    return { outcome: 'moved' as const, location };
  }

  /** A file's bytes, or undefined when the library has no such file. */
  async function download(drive: string, path: string, what: string): Promise<ArrayBuffer | undefined> {
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
  /** Where a copy is: its own library, or for a salary copy not yet migrated, the record library. */
  async function locate<T>(
    part: ArchivePart,
    read: (drive: string) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const found = await read(await driveId(part));
    return found === undefined && part === 'salary' ? read(await driveId('record')) : found;
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
      const data = await download(
        await driveId(),
        `${AUDIT_CHECKPOINT_FOLDER}/${day}.json`,
        'read checkpoint',
      );
      return data && parseCheckpoint(Buffer.from(data).toString('utf8'));
    },
    async metadata(path, part = 'record') {
      const item = await locate(part, (drive) => itemAt(drive, path));
      return item && metadataOf(item);
    },
    async get(path, part = 'record') {
      const data = await locate(part, (drive) => download(drive, path, 'download'));
      return data && new Uint8Array(data);
    },
    async remove(path, part = 'record') {
      // The file and its list item (with the fields) go together. A salary copy not yet migrated is
      // still in the record library.
      const found = await locate(part, async (drive) => {
        const item = await itemAt(drive, path);
        return item && { drive, item };
      });
      if (!found) return 'missing';
      const gone = await orMissing(() =>
        step('delete', () =>
          graph.client
            .api(`/drives/${found.drive}/items/${found.item.id}`)
            .delete()
            .then(() => 'removed' as const),
        ),
      );
      // Gone between the read and the delete: someone else removed it.
      return gone ?? 'missing';
    },
    async migratePermissions(copy) {
      return copy.part === 'salary'
        ? moveSalaryCopy(copy.path, copy.checksum)
        : restoreInheritance(copy.path);
    },
  };
}
