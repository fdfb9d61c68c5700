import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type { Conversation } from './conversation.ts';
import type { Template } from './templates/model.ts';

/** Archive metadata, with Noark 5 names where they exist. */
export interface ArchiveMetadata {
  tittel: string;
  dokumentetsDato: string;
  tilgangsrestriksjon: string;
  skjermingshjemmel: string;
  sjekksum: string;
  sjekksumAlgoritme: 'SHA256';
  arkivertDato: string;
  arkivertAv: string;
  kassasjonsdato: string;
  samtaletype: string;
  periode: string;
  enhet: string;
  medarbeider: string;
  leder: string;
  malversjon: string;
  del: 'record' | 'salary';
  innholdsnokkel: string;
  samtaleId: string;
}

export type ArchivePart = ArchiveMetadata['del'];

const METADATA_KEYS: readonly (keyof ArchiveMetadata)[] = [
  'tittel',
  'dokumentetsDato',
  'tilgangsrestriksjon',
  'skjermingshjemmel',
  'sjekksum',
  'sjekksumAlgoritme',
  'arkivertDato',
  'arkivertAv',
  'kassasjonsdato',
  'samtaletype',
  'periode',
  'enhet',
  'medarbeider',
  'leder',
  'malversjon',
  'del',
  'innholdsnokkel',
  'samtaleId',
];

/**
 * A copy's metadata as evidence: the SHA-256 of its fields (canonical JSON), noted in the database
 * and the audit trail at archiving, so an edited name or marking beside a copy is found by
 * `archive verify`. Dates are compared as dates and instants to the second: SharePoint hands back
 * "2027-01-20T00:00:00Z" for a date written as "2027-01-20".
 */
export function metadataChecksum(m: Partial<Record<keyof ArchiveMetadata, unknown>>): string {
  // Values are written as text; anything else read back is compared in its JSON form.
  const str = (v: unknown) =>
    typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
  const instant = (v: unknown) => {
    const d = new Date(str(v));
    return Number.isNaN(d.getTime()) ? str(v) : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  };
  const fields: Record<string, string> = {};
  for (const key of METADATA_KEYS) {
    const v = m[key];
    fields[key] =
      key === 'dokumentetsDato' || key === 'kassasjonsdato'
        ? str(v).slice(0, 10)
        : key === 'arkivertDato'
          ? instant(v)
          : str(v);
  }
  return sha256Hex(canonicalJson(fields));
}

/** Lowercase ASCII words joined by hyphens (æ→ae, ø→o, å→a): for file names and ids. */
export const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[åÅ]/g, 'a')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * One folder per year and type. The name holds the record's content hash, so the same record version
 * always lands on the same path (a retry overwrites nothing), and a new version gets its own file.
 */
export function archivePath(
  c: Pick<Conversation, 'id' | 'templateKey' | 'period'>,
  employee: string,
  part: ArchivePart,
  contentHash: string,
  signedAt: string,
): string {
  const year = signedAt.slice(0, 4);
  const hash = contentHash.replace(/^sha256:/, '').slice(0, 12);
  return `${year}/${c.templateKey}/${c.period}-${slug(employee)}-${c.id.slice(0, 8)}-${part}-${hash}.pdf`;
}

export function retentionDate(archivedAt: string, years: number): string {
  const d = new Date(archivedAt);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function skjermingshjemmel(template: Template): string {
  return template.marking.offl13 ? 'Offl. § 14 første ledd, jf. § 13' : 'Offl. § 14 første ledd';
}
