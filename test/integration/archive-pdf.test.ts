import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { OFFL_14, renderRecordPdf } from '../../src/adapters/pdf/render-record.ts';
import { prepareArchiveCopy } from '../../src/usecases/prepare-archive-copy.ts';
import { builtInTemplate } from '../../src/domain/templates/registry.ts';
import { recordForPdf } from '../helpers/record-pdf.ts';
import { backends } from '../helpers/backends.ts';
import { SCREENSHOTS } from '../helpers/browser.ts';
import { conversationAt, path } from '../helpers/factory.ts';
import { DEMO, startTestApp, type TestApp } from '../helpers/harness.ts';
import { ensureDebian } from '../../scripts/ensure-debian.mjs';

const [pglite] = await backends();
const require = createRequire(import.meta.url);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

/** How many glyphs a PDF draws with glyph 0 (.notdef, an empty box): pdfkit writes 4 hex digits a glyph. */
function glyphZeroCount(file: string, dir: string): number {
  const qdf = join(dir, 'glyphs-qdf.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  const raw = readFileSync(qdf).toString('latin1');
  let zero = 0;
  for (const [, array] of raw.matchAll(/\[([^\]]*)\]\s*TJ/g))
    for (const [, hex] of (array ?? '').matchAll(/<([0-9a-fA-F]+)>/g))
      for (let i = 0; i < (hex ?? '').length; i += 4) if (hex?.slice(i, i + 4) === '0000') zero++;
  return zero;
}

/** One string per script the service accepts. */
const SCRIPTS = {
  latin: 'Åse Ødegård fikk æøå',
  sami: 'Áŋŋe Čađa Đuoŧŧa ǯǧǩ',
  greek: 'Καλημέρα κόσμε',
  cyrillic: 'Привет, мир',
  hebrew: 'שלום עולם',
  arabic: 'مرحبا بكم',
  ethiopic: 'ሰላም ለዓለም',
  emoji: '👍 ✅ 😀 👩‍💻 ❤️',
} as const;

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
        // Every page as an image, for a person to look at.
        mkdirSync(SCREENSHOTS, { recursive: true });
        run('pdftoppm', ['-r', '70', '-png', files[key], join(SCREENSHOTS, `pdf-${key}`)]);
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

  it('embeds every font (æøå render from DejaVu, not a standard font), with no character drawn as an empty box', () => {
    for (const file of Object.values(files)) {
      const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toContain('DejaVuSans');
        // columns: name type encoding emb sub uni
        expect(row.split(/\s+/).slice(-5, -4)[0]).toBe('yes');
      }
      expect(glyphZeroCount(file, dir), file).toBe(0);
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

  it('prints a string in every script the service accepts, stored through the API, without an empty box', async () => {
    const texts = Object.entries(SCRIPTS).map(([script, text]) => `${script}: ${text}`);
    const fields = ['struktur-1', 'struktur-2', 'struktur-3', 'struktur-4'].concat(
      [1, 2, 3, 4].map((n) => `faktor-${n}-samtale`),
    );
    const made = await conversationAt(t.as, 'signed', {
      period: '2031',
      record: texts.map((value, i) => ({ fieldId: fields[i]!, value })),
      // A plan cell mixing scripts and directions, as a table cell is laid out on its own.
      items: [
        {
          fieldId: 'handlingsplan',
          cells: {
            mal: `Mål: ${SCRIPTS.arabic} og ${SCRIPTS.hebrew} 2031`,
            hva: `${SCRIPTS.ethiopic} ${SCRIPTS.emoji}`,
          },
        },
      ],
    });
    const [copy] = await prepareArchiveCopy(t.app.deps, made.id);
    const file = join(dir, 'scripts.pdf');
    writeFileSync(file, await renderRecordPdf(copy!));
    expect(glyphZeroCount(file, dir)).toBe(0);
    const fonts = run('pdffonts', [file]);
    for (const face of ['DejaVuSans', 'NotoEmoji', 'NotoSansEthiopic'])
      expect(fonts).toMatch(new RegExp(`\\+${face}\\S*\\s+CID TrueType\\s+Identity-H\\s+yes yes yes`));
    // Every word comes back out of the page, right-to-left ones included (in logical order).
    const text = run('pdftotext', [file, '-']);
    for (const word of Object.values(SCRIPTS).flatMap((t) => t.split(' ')))
      expect(text.replace(/\u202b|\u202c/g, '')).toContain(word.replace(',', ''));
    // A person looks at it: the first page, as an image.
    mkdirSync(SCREENSHOTS, { recursive: true });
    run('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '2', file, join(SCREENSHOTS, 'pdf-scripts')]);
  });

  it('can tell an empty box: the same check finds glyph 0 where a font lacks the character', async () => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).text('王芳 and 漢字');
    doc.end();
    await ended;
    const file = join(dir, 'boxes.pdf');
    writeFileSync(file, Buffer.concat(chunks));
    expect(glyphZeroCount(file, dir)).toBe(4);
  });

  it("refuses, where it is typed, a character no font can print, naming it in the reader's language", async () => {
    const made = await conversationAt(t.as, 'held', { period: '2032' });
    const ola = await t.as(DEMO.ola);
    const url = path('saveAnswer', { id: made.id, fieldId: 'struktur-1' });
    const refused = await ola<{ error: { code: string; messages: Record<string, string> } }>('PUT', url, {
      value: 'Møte med 王芳 i morgen',
      baseVersion: 0,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('TEXT_NOT_PRINTABLE');
    expect(refused.body.error.messages.nb).toContain('arkivkopien ikke kan skrive ut: «王», «芳».');
    expect(refused.body.error.messages.en).toContain('cannot print: «王», «芳».');
    // Nothing was half-stored: the same text without them saves at the version it was refused at.
    expect((await ola('PUT', url, { value: 'Møte med Wang Fang i morgen', baseVersion: 0 })).status).toBe(
      200,
    );
  });
});
