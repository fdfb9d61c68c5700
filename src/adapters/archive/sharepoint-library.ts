// The archive library's shape in SharePoint: its columns (Noark 5 names where they exist) and the
// views HR browses by, and `provision`, which creates whatever is missing and leaves the rest.
import type { ArchiveMetadata } from '../../domain/archive.ts';
import type { AppGraph } from '../graph/app-graph.ts';
import { retryAfterSeconds } from '../retry-after.ts';

type ColumnKind =
  | { text: Record<string, never> }
  | { dateTime: { format: 'dateOnly' | 'dateTime' } }
  | { choice: { choices: string[] } };
export interface ColumnSpec {
  /** Metadata key; `tittel` is the library's built-in Title column. */
  key: keyof ArchiveMetadata;
  name: string;
  displayName: string;
  indexed: boolean;
  type: ColumnKind;
}

const text = { text: {} } as const;
const dateOnly = { dateTime: { format: 'dateOnly' } } as const;
const column = (
  key: keyof ArchiveMetadata,
  displayName: string,
  type: ColumnKind,
  indexed = false,
): ColumnSpec => ({ key, name: key, displayName, indexed, type });

export const LIBRARY_COLUMNS: ColumnSpec[] = [
  column('dokumentetsDato', 'Dokumentets dato', dateOnly, true),
  column('tilgangsrestriksjon', 'Tilgangsrestriksjon', text),
  column('skjermingshjemmel', 'Skjermingshjemmel', text),
  column('sjekksum', 'Sjekksum', text),
  column('sjekksumAlgoritme', 'Sjekksumalgoritme', text),
  column('arkivertDato', 'Arkivert dato', { dateTime: { format: 'dateTime' } }),
  column('arkivertAv', 'Arkivert av', text),
  column('kassasjonsdato', 'Kassasjonsdato', dateOnly, true),
  column('samtaletype', 'Samtaletype', text, true),
  column('periode', 'Periode', text, true),
  column('enhet', 'Enhet', text, true),
  column('medarbeider', 'Medarbeider', text),
  column('leder', 'Leder', text),
  column('malversjon', 'Malversjon', text),
  column('del', 'Del', { choice: { choices: ['record', 'salary'] } }, true),
  column('innholdsnokkel', 'Innholdsnøkkel (signert hash)', text),
  column('samtaleId', 'Samtale-ID', text, true),
];

/** List-item fields for a copy: every metadata key in its column, the title in Title. */
export function libraryFields(m: ArchiveMetadata): Record<string, string> {
  const fields: Record<string, string> = { Title: m.tittel };
  for (const c of LIBRARY_COLUMNS) fields[c.name] = m[c.key];
  return fields;
}

const SHOWN = [
  'LinkFilename',
  'samtaletype',
  'periode',
  'enhet',
  'medarbeider',
  'leder',
  'dokumentetsDato',
  'del',
];
const group = (...names: string[]) =>
  `<GroupBy Collapse="TRUE">${names.map((n) => `<FieldRef Name="${n}" />`).join('')}</GroupBy>`;
export const LIBRARY_VIEWS: { title: string; fields: string[]; query: string }[] = [
  {
    title: 'Per periode og samtaletype',
    fields: SHOWN,
    query: `${group('periode', 'samtaletype')}<OrderBy><FieldRef Name="dokumentetsDato" Ascending="FALSE" /></OrderBy>`,
  },
  {
    title: 'Per enhet',
    fields: SHOWN,
    query: `${group('enhet', 'periode')}<OrderBy><FieldRef Name="medarbeider" /></OrderBy>`,
  },
  {
    title: 'Lønn (Punkt 4)',
    fields: SHOWN,
    query: '<Where><Eq><FieldRef Name="del" /><Value Type="Choice">salary</Value></Eq></Where>',
  },
  {
    title: 'Til kassasjon',
    fields: [...SHOWN, 'kassasjonsdato'],
    query: '<OrderBy><FieldRef Name="kassasjonsdato" /></OrderBy>',
  },
];

export interface LibraryLocation {
  siteId: string;
  /** https://<tenant>.sharepoint.com/sites/<site>: for SharePoint REST (list views). */
  siteUrl: string;
  library: string;
}

interface GraphList {
  id: string;
  displayName: string;
}

export async function findLibrary(
  graph: AppGraph,
  where: LibraryLocation,
): Promise<{ listId: string; driveId: string } | null> {
  const lists = (await graph.client.api(`/sites/${where.siteId}/lists`).select('id,displayName').get()) as {
    value: GraphList[];
  };
  const list = lists.value.find((l) => l.displayName === where.library);
  if (!list) return null;
  const drive = (await graph.client
    .api(`/sites/${where.siteId}/lists/${list.id}/drive`)
    .select('id')
    .get()) as { id: string };
  return { listId: list.id, driveId: drive.id };
}

export interface ProvisionReport {
  library: 'created' | 'exists';
  columnsAdded: string[];
  viewsAdded: string[];
}

/** A SharePoint REST call that waits out throttling (429/503 with Retry-After) like the Graph calls do. */
async function sharePointRest(graph: AppGraph, url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await graph.gate.pass();
    const res = await fetch(url, init);
    if ((res.status !== 429 && res.status !== 503) || attempt >= 6) return res;
    graph.gate.holdFor(retryAfterSeconds(res.headers) ?? 2 ** attempt);
  }
}

/** Creates the library, its columns and its views where missing. Running it again changes nothing. */
export async function provisionLibrary(graph: AppGraph, where: LibraryLocation): Promise<ProvisionReport> {
  const columnBody = (c: ColumnSpec) => ({
    name: c.name,
    displayName: c.displayName,
    indexed: c.indexed,
    ...c.type,
  });
  let found = await findLibrary(graph, where);
  const report: ProvisionReport = { library: found ? 'exists' : 'created', columnsAdded: [], viewsAdded: [] };
  if (!found) {
    await graph.client.api(`/sites/${where.siteId}/lists`).post({
      displayName: where.library,
      list: { template: 'documentLibrary' },
      columns: LIBRARY_COLUMNS.map(columnBody),
    });
    report.columnsAdded = LIBRARY_COLUMNS.map((c) => c.name);
    found = await findLibrary(graph, where);
    if (!found) throw new Error(`the library ${where.library} was created but cannot be found`);
  } else {
    const existing = (await graph.client
      .api(`/sites/${where.siteId}/lists/${found.listId}/columns`)
      .select('name')
      .get()) as { value: { name: string }[] };
    const have = new Set(existing.value.map((c) => c.name));
    for (const c of LIBRARY_COLUMNS.filter((x) => !have.has(x.name))) {
      await graph.client.api(`/sites/${where.siteId}/lists/${found.listId}/columns`).post(columnBody(c));
      report.columnsAdded.push(c.name);
    }
  }
  // Graph has no list-view API; views are SharePoint REST on the site, with an app token for SharePoint.
  const site = new URL(where.siteUrl);
  const token = await graph.tokenFor(site.origin);
  const viewsUrl = `${where.siteUrl.replace(/\/$/, '')}/_api/web/lists(guid'${found.listId}')/views`;
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/json;odata=nometadata',
    'content-type': 'application/json;odata=nometadata',
  };
  const res = await sharePointRest(graph, viewsUrl, { headers });
  if (!res.ok) throw new Error(`SharePoint views: ${res.status} ${await res.text()}`);
  const have = new Set(((await res.json()) as { value: { Title: string }[] }).value.map((v) => v.Title));
  for (const v of LIBRARY_VIEWS.filter((x) => !have.has(x.title))) {
    const add = await sharePointRest(graph, `${viewsUrl}/add`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        parameters: {
          Title: v.title,
          ViewFields: v.fields,
          Query: v.query,
          PersonalView: false,
          RowLimit: 100,
        },
      }),
    });
    if (!add.ok) throw new Error(`SharePoint view ${v.title}: ${add.status} ${await add.text()}`);
    report.viewsAdded.push(v.title);
  }
  return report;
}
