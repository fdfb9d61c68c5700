// The archive libraries' shape in SharePoint: their columns (Noark 5 names where they exist) and the
// views HR browses by, and `provision`, which creates whatever is missing and leaves the rest: the
// record library (inheriting the archive site's permissions) and the salary library (the HR salary
// group only, set at library level once, never per file).
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
  column('medarbeider', 'Medarbeider', text, true),
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
// A view that filters, sorts or groups on a column without an index fails on a library of more than
// 5 000 items (the list view threshold), so every column a view names in its query is indexed.
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
    title: 'Til kassasjon',
    fields: [...SHOWN, 'kassasjonsdato'],
    query: '<OrderBy><FieldRef Name="kassasjonsdato" /></OrderBy>',
  },
];
/** The salary library holds only Punkt 4 copies: browsed by period and by disposal date. */
export const SALARY_LIBRARY_VIEWS = LIBRARY_VIEWS.filter((v) => v.title !== 'Per enhet');

export interface LibraryLocation {
  siteId: string;
  /** https://<tenant>.sharepoint.com/sites/<site>: for SharePoint REST (views, library permissions). */
  siteUrl: string;
  /** The record library: inherits the archive site's permissions (HR and archive staff). */
  library: string;
  /** Punkt 4 of the kontraktsamtale: restricted at library level to the HR salary group. */
  salaryLibrary: string;
}

interface GraphList {
  id: string;
  displayName: string;
}

export async function findLibrary(
  graph: AppGraph,
  siteId: string,
  name: string,
): Promise<{ listId: string; driveId: string } | null> {
  const lists = (await graph.client.api(`/sites/${siteId}/lists`).select('id,displayName').get()) as {
    value: GraphList[];
  };
  const list = lists.value.find((l) => l.displayName === name);
  if (!list) return null;
  const drive = (await graph.client.api(`/sites/${siteId}/lists/${list.id}/drive`).select('id').get()) as {
    id: string;
  };
  return { listId: list.id, driveId: drive.id };
}

export interface LibraryReport {
  name: string;
  library: 'created' | 'exists';
  columnsAdded: string[];
  viewsAdded: string[];
}
export interface ProvisionReport {
  record: LibraryReport;
  salary: LibraryReport & {
    /** Whether this run restricted the salary library to the salary group, or found it so. */
    access: 'restricted' | 'already restricted';
  };
}

/** A SharePoint REST call that waits out throttling (429/503 with Retry-After) like the Graph calls do. */
export async function sharePointRest(graph: AppGraph, url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await graph.gate.pass();
    const res = await fetch(url, init);
    if ((res.status !== 429 && res.status !== 503) || attempt >= 6) return res;
    graph.gate.holdFor(retryAfterSeconds(res.headers) ?? 2 ** attempt);
  }
}

/** SharePoint REST on the archive site with an app-only token for SharePoint; JSON in and out. */
export function siteRest(graph: AppGraph, siteUrl: string) {
  const base = `${siteUrl.replace(/\/$/, '')}/_api/web`;
  return async (path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<unknown> => {
    const token = await graph.tokenFor(new URL(siteUrl).origin);
    const res = await sharePointRest(graph, `${base}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json;odata=nometadata',
        'content-type': 'application/json;odata=nometadata',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`SharePoint ${path.split('?')[0]}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : {};
  };
}

/** Creates a library, its columns and its views where missing. Running it again changes nothing. */
async function provisionOne(
  graph: AppGraph,
  where: LibraryLocation,
  name: string,
  views: typeof LIBRARY_VIEWS,
): Promise<{ report: LibraryReport; listId: string }> {
  const columnBody = (c: ColumnSpec) => ({
    name: c.name,
    displayName: c.displayName,
    indexed: c.indexed,
    ...c.type,
  });
  let found = await findLibrary(graph, where.siteId, name);
  const report: LibraryReport = {
    name,
    library: found ? 'exists' : 'created',
    columnsAdded: [],
    viewsAdded: [],
  };
  if (!found) {
    await graph.client.api(`/sites/${where.siteId}/lists`).post({
      displayName: name,
      list: { template: 'documentLibrary' },
      columns: LIBRARY_COLUMNS.map(columnBody),
    });
    report.columnsAdded = LIBRARY_COLUMNS.map((c) => c.name);
    found = await findLibrary(graph, where.siteId, name);
    if (!found) throw new Error(`the library ${name} was created but cannot be found`);
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
  const rest = siteRest(graph, where.siteUrl);
  const list = `lists(guid'${found.listId}')`;
  const existingViews = (await rest(`${list}/views`)) as { value: { Title: string }[] };
  const have = new Set(existingViews.value.map((v) => v.Title));
  for (const v of views.filter((x) => !have.has(x.title))) {
    await rest(`${list}/views/add`, 'POST', {
      parameters: {
        Title: v.title,
        ViewFields: v.fields,
        Query: v.query,
        PersonalView: false,
        RowLimit: 100,
      },
    });
    report.viewsAdded.push(v.title);
  }
  return { report, listId: found.listId };
}

/** SharePoint's Reader role (RoleType 2) and the claim an Entra security group signs in with. */
const READER_ROLE_TYPE = 2;
const groupClaim = (groupId: string) => `c:0t.c|tenant|${groupId}`;

/**
 * Both libraries, their columns and views; then the salary library stops inheriting the site's
 * permissions and gets only the salary group, as Reader. Graph has no API for a library's own
 * permissions, so this is SharePoint REST, once per library (not per file).
 */
export async function provisionLibraries(
  graph: AppGraph,
  where: LibraryLocation & { salaryGroupId: string },
): Promise<ProvisionReport> {
  const { report: record } = await provisionOne(graph, where, where.library, LIBRARY_VIEWS);
  const { report: salary, listId } = await provisionOne(
    graph,
    where,
    where.salaryLibrary,
    SALARY_LIBRARY_VIEWS,
  );
  const rest = siteRest(graph, where.siteUrl);
  const list = `lists(guid'${listId}')`;
  const state = (await rest(`${list}?$select=HasUniqueRoleAssignments`)) as {
    HasUniqueRoleAssignments?: boolean;
  };
  const user = (await rest('ensureuser', 'POST', { logonName: groupClaim(where.salaryGroupId) })) as {
    Id: number;
  };
  const assigned = state.HasUniqueRoleAssignments
    ? ((await rest(`${list}/roleassignments?$select=PrincipalId`)) as { value: { PrincipalId: number }[] })
        .value
    : [];
  const restricted =
    state.HasUniqueRoleAssignments === true && assigned.some((a) => a.PrincipalId === user.Id);
  if (!restricted) {
    // Without copying the site's assignments: HR without the salary role must not read Punkt 4.
    if (!state.HasUniqueRoleAssignments)
      await rest(`${list}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`, 'POST');
    const role = (await rest(`roledefinitions/getbytype(${READER_ROLE_TYPE})`)) as { Id: number };
    await rest(
      `${list}/roleassignments/addroleassignment(principalid=${user.Id},roledefid=${role.Id})`,
      'POST',
    );
  }
  return { record, salary: { ...salary, access: restricted ? 'already restricted' : 'restricted' } };
}
