// Renders a signed record as a tagged PDF/A-2a document with embedded fonts for every character the
// service accepts (fonts.ts), laid out with right-to-left runs where the text has them (text.ts).
import PDFDocument from 'pdfkit';
import { fill, formatDate, formatDateTime, periodName, ratingLabel } from '../../contract/words/format.ts';
import { WORDS } from '../../contract/words/index.ts';
import type { FollowUpStatus } from '../../domain/answers.ts';
import type { Json } from '../../domain/json.ts';
import type { Column, Section, Template } from '../../domain/templates/model.ts';
import { ALL_FACES } from './fonts.ts';
import { drawBlock, layoutText, writeText, type Block } from './text.ts';

export const OFFL_14 = 'Unntatt offentlighet, jf. offl. § 14 første ledd';

export interface RecordForPdf {
  template: Template;
  /** Which part: the record without salary, or the salary part (kontraktsamtale Punkt 4) alone. */
  part: 'record' | 'salary';
  conversationId: string;
  period: string;
  scheduledAt: string | null;
  parties: { leader: string; employee: string };
  /** Shared answers only, by field and slot (shared, leader, employee). */
  answers: Record<string, Partial<Record<'shared' | 'leader' | 'employee', Json>>>;
  items: { fieldId: string; cells: Record<string, string | null> }[];
  people: Record<string, string>;
  signatures: { name: string; upn: string; signedAt: string; role: string }[];
  contentHash: string;
  /** Last period's plan rows with their follow-up status, for the fields that assess them. */
  previous?: {
    period: string;
    items: { id: string; fieldId: string; cells: Record<string, string | null>; status: FollowUpStatus }[];
  };
  /** The organisation, for the header of every page (the directory's top unit); empty if unknown. */
  organisation: string;
  /** The salary part's salt: printed only on the salary copy, whose readers may check Punkt 4. */
  salarySalt?: string;
  /**
   * A document that is not a signed conversation (a unit's plan, a Kommunekompass report): its title,
   * head lines and closing replace the parties and the signatures, and conversationId holds its id.
   */
  document?: {
    title: string;
    head: string[];
    closing: { heading: string; lines: string[] };
    /** "Plan-ID: {id}" – the words for its id in the footer and the closing. */
    idLabel: string;
    /** The document's date (for the PDF's own dates). */
    at: string;
  };
  /** Tables after the template's sections (a plan's nothing; a report's overview, evidence, input). */
  tables?: {
    heading: string;
    intro?: string;
    columns: Column[];
    rows: { cells: Record<string, string | null> }[];
    widths?: (number | '*')[];
  }[];
}

/** A document that is not a signed conversation: a unit plan's copy, a Kommunekompass report. */
export type DocumentForPdf = RecordForPdf & { document: NonNullable<RecordForPdf['document']> };

export function sectionsFor(template: Template, part: RecordForPdf['part']): Section[] {
  return template.sections.filter(
    (s) =>
      (part === 'salary' ? s.sensitivity === 'salary' : s.sensitivity !== 'salary') &&
      s.fields.some((f) => f.visibility === 'shared'),
  );
}

// The archived copy is an official document in the organisation's language: bokmål.
const LOCALE = 'nb';
const W = WORDS[LOCALE].pdf;

const show = (v: Json | undefined, people: Record<string, string>): string => {
  if (v === undefined || v === null || v === '') return W.empty;
  if (Array.isArray(v)) return v.map((x) => show(x, people)).join(', ');
  if (typeof v === 'string') return people[v] ?? v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** A plan row's cell as words: dates as "30. juni 2027", ratings and people by name. */
function cell(column: Column, value: string | null, people: Record<string, string>): string {
  if (value === null || value === '') return W.empty;
  if (column.type === 'date') return formatDate(LOCALE, value);
  // Rows name only the parties; anyone else (from before that was checked) is never shown by id.
  if (column.type === 'person') return people[value] ?? W.unknownPerson;
  if (column.type === 'rating') {
    const option = column.options?.find((o) => o.id === value);
    return option ? ratingLabel(LOCALE, option) : value;
  }
  return show(value, people);
}

export function renderRecordPdf(r: RecordForPdf): Promise<Buffer> {
  const signedAt =
    r.document?.at ??
    r.signatures
      .map((s) => s.signedAt)
      .sort()
      .at(-1);
  const at = signedAt ? new Date(signedAt) : new Date(0);
  const title = r.document
    ? r.document.title
    : `${r.template.name} ${periodName(LOCALE, r.period)}${r.part === 'salary' ? ` – ${W.salaryTitle}` : ''}: ${r.parties.employee}`;
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: 'nb-NO',
    displayTitle: true,
    size: 'A4',
    margin: 56,
    // Every page gets its header and footer ("Side 2 av 5") once the number of pages is known.
    bufferPages: true,
    // Fixed dates from the record, so the same record always renders to the same bytes.
    info: {
      Title: title,
      Author: 'Samtale',
      Subject: r.template.title,
      Keywords: `${r.template.key} ${r.period}`,
      CreationDate: at,
      ModDate: at,
    },
  });
  // Registered, not read: a face is embedded (as a subset) only if the record uses it.
  for (const face of ALL_FACES) doc.registerFont(face.name, face.path);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const put: Put = (parent, type, text, font, size, gap = 4) => {
    // A heading never ends a page: it goes to the next one with what follows it.
    if (type !== 'P' && doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
    parent.add(doc.struct(type, {}, [doc.markStructureContent(type)]));
    writeText(doc, text, { weight: font, size });
    doc.endMarkedContent();
    doc
      .font(font)
      .fontSize(size)
      .moveDown(gap / 12);
  };

  put(root, 'H1', r.template.name, 'bold', 18);
  // Some templates' title is their name ("Medarbeidersamtale"): say it once.
  if (r.template.title !== r.template.name) put(root, 'P', r.template.title, 'body', 10);
  // The template's own marking (the Oslo seed words it its own way), once; a public plan has none.
  if (r.template.marking.text) put(root, 'P', r.template.marking.text, 'bold', 10);

  const head = doc.struct('Sect');
  root.add(head);
  if (r.document) {
    r.document.head.forEach((line, i, all) =>
      put(head, 'P', line, 'body', 11, i === all.length - 1 ? 10 : 4),
    );
  } else {
    put(head, 'P', `${r.template.parties.leader}: ${r.parties.leader}`, 'body', 11);
    put(head, 'P', `${r.template.parties.employee}: ${r.parties.employee}`, 'body', 11);
    const period = periodName(LOCALE, r.period);
    put(
      head,
      'P',
      r.scheduledAt
        ? fill(W.periodAndDate, { period, date: formatDate(LOCALE, r.scheduledAt) })
        : fill(W.period, { period }),
      'body',
      11,
      10,
    );
  }

  for (const section of sectionsFor(r.template, r.part)) {
    const sect = doc.struct('Sect');
    root.add(sect);
    put(sect, 'H2', section.part ? `${section.part} – ${section.title}` : section.title, 'bold', 14);
    if (section.namesParties)
      put(
        sect,
        'P',
        `${r.template.parties.leader}: ${r.parties.leader} · ${r.template.parties.employee}: ${r.parties.employee}`,
        'body',
        11,
      );
    for (const p of section.intro ?? []) put(sect, 'P', p, 'body', 9);
    for (const g of section.guide ?? []) put(sect, 'H4', g.text, 'body', 9, 2);
    for (const field of section.fields) {
      if (field.visibility !== 'shared') continue;
      // A field named like its section ("Handlingsplan") is not announced twice.
      if (field.label !== section.title) put(sect, 'H3', field.label, 'bold', 11, 2);
      for (const g of field.guide ?? []) put(sect, 'H4', g.text, 'body', 9, 2);
      if (field.kind === 'previousItems') {
        previousTable(doc, sect, r, field.sourceFieldId, r.answers[field.id]?.shared, put);
      } else if (field.kind === 'goalList' || field.kind === 'actionPlan') {
        const rows = r.items.filter((i) => i.fieldId === field.id);
        if (rows.length === 0) put(sect, 'P', W.empty, 'body', 10);
        else planTable(doc, sect, field.columns, rows, r.people, put);
      } else if (field.writer === 'both-separately') {
        const a = r.answers[field.id] ?? {};
        put(sect, 'P', `${r.template.parties.leader}: ${show(a.leader, r.people)}`, 'body', 10);
        put(sect, 'P', `${r.template.parties.employee}: ${show(a.employee, r.people)}`, 'body', 10);
      } else if (field.kind === 'checklist') {
        // The points checked, by their words: one line each.
        const value = r.answers[field.id]?.shared;
        const checked = field.options.filter((o) => Array.isArray(value) && value.includes(o.id));
        if (checked.length === 0) put(sect, 'P', W.empty, 'body', 10);
        for (const o of checked) put(sect, 'P', `✓ ${o.label}`, 'body', 10, 2);
      } else {
        const value = r.answers[field.id]?.shared;
        const option = field.kind === 'rating' ? field.options.find((o) => o.id === value) : undefined;
        const shown = option
          ? ratingLabel(LOCALE, option)
          : field.kind === 'date' && typeof value === 'string'
            ? formatDate(LOCALE, value)
            : show(value, r.people);
        put(sect, 'P', shown, 'body', 10);
      }
      doc.moveDown(0.3);
    }
  }

  for (const t of r.tables ?? []) {
    const sect = doc.struct('Sect');
    root.add(sect);
    put(sect, 'H2', t.heading, 'bold', 14);
    if (t.intro) put(sect, 'P', t.intro, 'body', 9);
    if (t.rows.length === 0) put(sect, 'P', W.empty, 'body', 10);
    else planTable(doc, sect, t.columns, t.rows, r.people, put, t.widths);
  }

  const sig = doc.struct('Sect');
  root.add(sig);
  if (r.document) {
    put(sig, 'H2', r.document.closing.heading, 'bold', 14);
    for (const line of r.document.closing.lines) put(sig, 'P', line, 'body', 10);
    put(sig, 'P', fill(r.document.idLabel, { id: r.conversationId }), 'body', 9);
  } else {
    put(sig, 'H2', W.signatures, 'bold', 14);
    // Who signed, as what, when (Europe/Oslo) and how: a small table.
    if (r.signatures.length > 0)
      planTable(
        doc,
        sig,
        [
          { id: 'name', label: W.signer, type: 'text' },
          { id: 'role', label: W.role, type: 'text' },
          { id: 'time', label: W.signedAt, type: 'text' },
          { id: 'method', label: W.method, type: 'text' },
        ],
        r.signatures.map((s) => ({
          cells: {
            name: `${s.name}\n${s.upn}`,
            role: s.role,
            time: formatDateTime(LOCALE, s.signedAt),
            method: W.signMethod,
          },
        })),
        r.people,
        put,
        ['*', 80, 96, 110],
      );
    put(sig, 'P', fill(W.contentKey, { hash: r.contentHash }), 'body', 9);
    if (r.salarySalt) put(sig, 'P', fill(W.salarySalt, { salt: r.salarySalt }), 'body', 9);
    put(sig, 'P', fill(W.conversationId, { id: r.conversationId }), 'body', 9);
  }

  root.end();
  pageFrames(doc, r, title);
  // PDF/A: the XMP must carry the Info dictionary's ModDate too (pdfkit writes only CreateDate).
  (doc as unknown as { appendXML(xml: string): void }).appendXML(
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${at.toISOString().split('.')[0]}Z</xmp:ModifyDate></rdf:Description>`,
  );
  doc.end();
  return done;
}

/**
 * The header and footer of every page, as pagination artifacts (not part of the tagged text): the
 * organisation and the document's title with its marking above, "Side 2 av 5" and the record's id
 * below.
 */
const FRAME = { weight: 'body', size: 7.5 } as const;

function pageFrames(doc: PDFKit.PDFDocument, r: RecordForPdf, title: string) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const width = doc.page.width - margins.left - margins.right;
    // Writing in the margins must not start a new page.
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.fillColor('#444444');
    // Names may be in any script: one line, laid out like the body (what does not fit is left out).
    const heading = layoutText(doc, r.organisation ? `${r.organisation} – ${title}` : title, FRAME, width);
    drawBlock(doc, { lines: heading.lines.slice(0, 1), height: 0 }, margins.left, 18, width, FRAME.size);
    doc
      .font('body')
      .fontSize(FRAME.size)
      .text(r.template.marking.text, margins.left, 28, { width, height: 20, ellipsis: true });
    doc.text(
      `${fill(W.page, { page: String(i - start + 1), pages: String(count) })} · ${fill(r.document ? r.document.idLabel : W.conversationId, { id: r.conversationId })}`,
      margins.left,
      doc.page.height - 36,
      { width, align: 'center', lineBreak: false },
    );
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

/** How wide a plan column is drawn: numbers, dates, choices and names narrow, text shares the rest. */
const columnWidth = (c: Column): number | '*' =>
  c.type === 'date' ? 58 : c.type === 'rating' ? 64 : c.type === 'person' ? 72 : '*';

/** Writes one tagged paragraph or heading. */
type Put = (
  parent: PDFKit.PDFStructureElement,
  type: 'H1' | 'H2' | 'H3' | 'H4' | 'P',
  text: string,
  font: 'body' | 'bold',
  size: number,
  gap?: number,
) => void;

/**
 * A plan as a tagged table (Table, TR, TH, TD): its columns from the template, the header row
 * repeated on every page it runs over. A row too tall for one page (long texts) is printed as
 * paragraphs instead, so no word is cut to fit a cell.
 */
function planTable(
  doc: PDFKit.PDFDocument,
  sect: PDFKit.PDFStructureElement,
  columns: readonly Column[],
  rows: readonly { cells: Record<string, string | null> }[],
  people: Record<string, string>,
  put: Put,
  /** Widths of the columns when their types do not tell (points, or '*' to share the rest). */
  columnWidths: readonly (number | '*')[] = columns.map(columnWidth),
) {
  const SIZE = 8.5;
  const PAD = 3;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  // No column is narrower than its header's longest word ("Ansvarsperson"), so no header word breaks
  // where the page has room; the flexible columns share what is left.
  doc.font('bold').fontSize(SIZE);
  const least = ['Nr.', ...columns.map((c) => c.label)].map(
    (label) => Math.max(...label.split(/\s+/).map((w) => doc.widthOfString(w))) + 2 * PAD + 1,
  );
  const fixed = [22, ...columnWidths].map((w, i) => (w === '*' ? w : Math.max(w, least[i] ?? 0)));
  let open = fixed.flatMap((w, i) => (w === '*' ? [i] : []));
  let rest = width - fixed.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const widths = fixed.map((w) => (w === '*' ? 0 : w));
  for (;;) {
    const share = rest / Math.max(1, open.length);
    const narrow = open.filter((i) => (least[i] ?? 0) > share);
    if (narrow.length === 0) {
      for (const i of open) widths[i] = share;
      break;
    }
    for (const i of narrow) {
      widths[i] = least[i] ?? 0;
      rest -= widths[i] ?? 0;
    }
    open = open.filter((i) => !narrow.includes(i));
  }
  const laid = (texts: string[], weight: 'body' | 'bold') =>
    texts.map((t, i) => layoutText(doc, t, { weight, size: SIZE }, (widths[i] ?? 40) - 2 * PAD));
  const heightOf = (blocks: Block[]) => Math.max(...blocks.map((b) => b.height)) + 2 * PAD;
  // The column's own label: a group name ("Handlingsplan") above every column would break words.
  const header = laid(['Nr.', ...columns.map((c) => c.label)], 'bold');
  const headerHeight = heightOf(header);
  let table: PDFKit.PDFStructureElement | null = null;
  const row = (blocks: Block[], type: 'TH' | 'TD', height: number) => {
    const tr = doc.struct('TR');
    table?.add(tr);
    const top = doc.y;
    let x = left;
    blocks.forEach((block, i) => {
      const w = widths[i] ?? 40;
      doc.markContent('Artifact');
      doc.lineWidth(0.5).strokeColor('#888888').rect(x, top, w, height).stroke();
      doc.endMarkedContent();
      tr.add(doc.struct(type, {}, [doc.markStructureContent(type)]));
      drawBlock(doc, block, x + PAD, top + PAD, w - 2 * PAD, SIZE);
      doc.endMarkedContent();
      x += w;
    });
    tr.end();
    doc.x = left;
    doc.y = top + height;
  };
  const end = () => {
    table?.end();
    table = null;
  };
  rows.forEach((r, n) => {
    const texts = [String(n + 1), ...columns.map((c) => cell(c, r.cells[c.id] ?? null, people))];
    const blocks = laid(texts, 'body');
    const height = heightOf(blocks);
    const room = doc.page.maxY() - doc.page.margins.top - headerHeight;
    if (height > room) {
      // Taller than a page: the row as paragraphs, every word kept.
      end();
      put(sect, 'P', `${n + 1}.`, 'bold', 10, 2);
      columns.forEach((c, i) => put(sect, 'P', `${c.label}: ${texts[i + 1] ?? ''}`, 'body', 9.5, 2));
      return;
    }
    if (table && doc.y + height > doc.page.maxY()) {
      end();
      doc.addPage();
    }
    if (!table && doc.y + headerHeight + height > doc.page.maxY()) doc.addPage();
    if (!table) {
      table = doc.struct('Table');
      sect.add(table);
      row(header, 'TH', headerHeight);
    }
    row(blocks, 'TD', height);
  });
  end();
  doc.x = left;
  doc.moveDown(0.5);
}

/**
 * Last period's items as the record assessed them: each row's text, the follow-up status it ended
 * with, and this conversation's assessment of it (the field's answer, by item id).
 */
function previousTable(
  doc: PDFKit.PDFDocument,
  sect: PDFKit.PDFStructureElement,
  r: RecordForPdf,
  sourceFieldId: string,
  answer: Json | undefined,
  put: Put,
) {
  const source = r.template.sections.flatMap((s) => s.fields).find((f) => f.id === sourceFieldId);
  const columns = source && 'columns' in source ? source.columns : [];
  const title = columns.find((c) => !c.role && c.type === 'text');
  const rows = (r.previous?.items ?? []).filter((i) => i.fieldId === sourceFieldId);
  if (!r.previous || rows.length === 0) {
    put(sect, 'P', W.noPrevious, 'body', 10);
    return;
  }
  put(sect, 'P', fill(W.previousFrom, { period: periodName(LOCALE, r.previous.period) }), 'body', 9, 2);
  const assessments = typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? answer : {};
  const shown: Column[] = [
    { id: 'title', label: title?.label ?? W.item, type: 'text' },
    { id: 'status', label: W.followUpStatus, type: 'text' },
    { id: 'assessment', label: W.assessment, type: 'text' },
  ];
  planTable(
    doc,
    sect,
    shown,
    rows.map((i) => {
      const a = assessments[i.id];
      return {
        cells: {
          title: (title && i.cells[title.id]) || null,
          status: WORDS[LOCALE].followUp[i.status],
          assessment: typeof a === 'string' && a ? a : null,
        },
      };
    }),
    r.people,
    put,
  );
}
