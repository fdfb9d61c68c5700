import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFL_14, renderRecordPdf } from '../../src/adapters/pdf/render-record.ts';
import { prepareArchiveCopy } from '../../src/usecases/prepare-archive-copy.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import { recordForPdf } from '../helpers/record-pdf.ts';
import { backends } from '../helpers/backends.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';

const [pglite] = await backends();
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

describe('archive copies as PDF/A (checked with poppler-utils and qpdf)', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'samtale-pdf-'));
  const files: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};

  beforeAll(async () => {
    ensureDebian('poppler-utils', 'qpdf');
    t = await startTestApp(pglite!);
    const kari = await t.as(DEMO.kari);
    const list = (
      await kari<{ conversations: { id: string; template: { key: string }; status: string }[] }>(
        'GET',
        '/api/conversations',
      )
    ).body.conversations;
    const kontrakt = list.find((c) => c.template.key === 'kontraktsamtale' && c.status === 'signed')!.id;
    const oslo = list.find((c) => c.template.key === 'utviklingssamtale-leder' && c.status === 'signed')!.id;
    for (const [name, id] of [
      ['kontrakt', kontrakt],
      ['oslo', oslo],
    ] as const) {
      for (const copy of await prepareArchiveCopy(t.app.deps, id)) {
        const key = `${name}-${copy.part}`;
        bytes[key] = await renderRecordPdf(copy);
        files[key] = join(dir, `${key}.pdf`);
        writeFileSync(files[key], bytes[key]);
      }
    }
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a separate salary document only for the kontraktsamtale', () => {
    expect(Object.keys(files).sort()).toEqual(['kontrakt-record', 'kontrakt-salary', 'oslo-record']);
  });

  it('embeds every font (æøå render from DejaVu, not a standard font)', () => {
    for (const file of Object.values(files)) {
      const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toContain('DejaVuSans');
        // columns: name type encoding emb sub uni
        expect(row.split(/\s+/).slice(-5, -4)[0]).toBe('yes');
      }
    }
  });

  it('identifies itself as PDF/A-2a in its XMP metadata, is tagged, and says it is in Norwegian', () => {
    for (const file of Object.values(files)) {
      const xmp = run('pdfinfo', ['-meta', file]);
      expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
      expect(xmp).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
      const qdf = join(dir, 'qdf.pdf');
      run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
      const raw = execFileSync('cat', [qdf]).toString('latin1');
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toMatch(/\/Marked true/);
      expect(raw).toMatch(/\/Lang \(nb-NO\)/);
      for (const tag of ['/Document', '/H1', '/H2', '/H3', '/P']) expect(raw).toContain(`/S ${tag}`);
      expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors');
    }
  });

  it('carries the marking, the § 13 line where the template has it, the content and the signatures', () => {
    const text = (key: string) => run('pdftotext', ['-layout', files[key]!, '-']).replace(/\s+/g, ' ');
    const kontrakt = text('kontrakt-record');
    expect(kontrakt).toContain(OFFL_14);
    expect(kontrakt).not.toContain('jf § 13');
    expect(kontrakt).toContain(
      'Alle skoler i kommunen har oppdaterte planer for et trygt og godt skolemiljø.',
    );
    expect(kontrakt).toContain(
      'Punkt 3 (til vedlegg kontrakt, del A): Stillings- og resultatkrav kommende år',
    );
    expect(kontrakt).toContain(
      'Hvordan vurderer du/lederen resultatoppnåelsen (inkl. kvaliteten av tjenestene)?',
    );
    // The signature block is a table: name, role, time in Europe/Oslo, method.
    expect(kontrakt).toMatch(/Signert av Rolle Tidspunkt Metode/);
    expect(kontrakt).toMatch(/Kari Nordmann Overordnet leder \d{1,2}\. \p{L}+ \d{4} Elektronisk i Samtale/u);
    expect(kontrakt).toMatch(/kari\.nordmann@fjordvik\.kommune\.no kl\. \d\d:\d\d/);
    expect(kontrakt).toMatch(/sha256:[0-9a-f]{64}/);
    // Salary stays out of the record and goes into its own document.
    expect(kontrakt).not.toContain('Lønnssamtalen ble gjennomført');
    const salary = text('kontrakt-salary');
    expect(salary).toContain('Punkt 4: Fastsettelse lønn');
    expect(salary).toContain('Lønnssamtalen ble gjennomført i tråd med lokal lønnspolitikk.');
    expect(salary).not.toContain('Alle skoler i kommunen');
    const oslo = text('oslo-record');
    expect(oslo).toContain('Eventuelle taushetsbelagte personopplysninger skal unntas, jf § 13.');
    expect(oslo).toContain('Leder leverer');
    expect(oslo).toContain('Over forventet');
    expect(oslo).toContain('Innføre månedlige resultatmøter i hver enhet.');
  });

  it('reads like an official document: organisation, title and marking atop every page, "Side n av m" below', () => {
    for (const [key, file] of Object.entries(files)) {
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))![1]);
      expect(pages, key).toBeGreaterThan(0);
      for (let p = 1; p <= pages; p++) {
        const page = run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-']).replace(
          /\s+/g,
          ' ',
        );
        expect(page, `${key} page ${p}`).toContain('Fjordvik kommune –');
        expect(page).toContain(`Side ${p} av ${pages}`);
        expect(page).toMatch(/Samtale-ID: [0-9a-f-]{36}/);
      }
    }
    // The Oslo record says its marking once in its body (and in every page's header), not twice.
    const first = run('pdftotext', ['-f', '1', '-l', '1', '-layout', files['oslo-record']!, '-']).replace(
      /\s+/g,
      ' ',
    );
    expect(first.split('U. off § 14,1. ledd')).toHaveLength(3);
    expect(first).not.toContain(OFFL_14);
  });

  it("prints a plan as a tagged table with the template's columns and names for owners", () => {
    const qdf = join(dir, 'oslo-qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', files['oslo-record']!, qdf]);
    const raw = execFileSync('cat', [qdf]).toString('latin1');
    for (const tag of ['/S /Table', '/S /TR', '/S /TH', '/S /TD']) expect(raw).toContain(tag);
    const text = run('pdftotext', ['-layout', files['oslo-record']!, '-']);
    // One line holds the header cells side by side, as a table does.
    expect(text).toMatch(/Nr\.\s+Mål\/tiltak\s+Ansvarlig\s+Frist/);
    // Owners by name: no directory id anywhere but the record's own id in the footer.
    const ids = text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    expect(new Set(ids).size).toBe(1);
  });

  it("prints last period's items with their follow-up status and this record's assessment of each", async () => {
    const template = builtInTemplate('medarbeidersamtale-10-faktor')!;
    const item = '22222222-2222-4222-8222-222222222222';
    const pdf = await renderRecordPdf(
      recordForPdf(template, {
        answers: { 'handlingsplan-forrige': { shared: { [item]: 'Godt gjennomført, videreføres' } } },
        previous: {
          period: '2025',
          items: [
            {
              id: item,
              fieldId: 'handlingsplan',
              cells: { mal: 'Fjorårets mål om veiledning' },
              status: 'partly',
            },
          ],
        },
      }),
    );
    const file = join(dir, 'previous.pdf');
    writeFileSync(file, pdf);
    const text = run('pdftotext', ['-layout', file, '-']).replace(/\s+/g, ' ');
    expect(text).toContain('Fra 2025:');
    expect(text).toMatch(/Fjorårets mål om veiledning Delvis Godt gjennomført, videreføres/);
  });

  it('keeps the XMP metadata in step with the Info dictionary (ModifyDate as well as CreateDate)', () => {
    for (const file of Object.values(files)) {
      const xmp = run('pdfinfo', ['-meta', file]);
      const created = /<xmp:CreateDate>([^<]+)</.exec(xmp)?.[1];
      expect(created).toBeDefined();
      expect(/<xmp:ModifyDate>([^<]+)</.exec(xmp)?.[1]).toBe(created);
    }
  });

  it('renders the same record to the same bytes, so a retry produces the same checksum', async () => {
    const kari = await t.as(DEMO.kari);
    const list = (
      await kari<{ conversations: { id: string; template: { key: string }; status: string }[] }>(
        'GET',
        '/api/conversations',
      )
    ).body.conversations;
    const id = list.find((c) => c.template.key === 'kontraktsamtale' && c.status === 'signed')!.id;
    const again = await renderRecordPdf((await prepareArchiveCopy(t.app.deps, id))[0]!);
    expect(again.equals(bytes['kontrakt-record']!)).toBe(true);
  });
});
