import type { DocumentForPdf, RecordForPdf } from '../adapters/pdf/render-record.ts';
import type { ReplyOf } from '../contract/endpoints.ts';
import { fill, formatDate, formatNumber, listOf, periodName } from '../contract/words/format.ts';
import { WORDS } from '../contract/words/index.ts';
import { slug } from '../domain/archive.ts';
import { canonicalJson, sha256Hex } from '../domain/canonical-json.ts';
import type { Json } from '../domain/json.ts';
import { kommunekompass, REPORT_LISTS, scoreFieldId } from '../domain/templates/kommunekompass.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, ReportCopy } from '../ports.ts';
import { roundStandingOf, roundView } from './kompass-support.ts';
import { storeDocument } from './document-archive-support.ts';
import type { Deps } from './support.ts';

const SYSTEM = 'system:archive';
// The archived report is an official document in the organisation's language: bokmål.
const W = WORDS.nb;
const K = W.pdf.kompass;
const n = (x: number) => formatNumber('nb', x);

/**
 * Archives a finished Kommunekompass round as a PDF/A report: each area's scores and notes, the areas
 * against the previous round and the reference, the evidence figures and the groups' input (from 5).
 * Public by default, like the method's own reports. Safe to run again: a noted report is left as it is.
 */
export async function archiveKompassReport(
  deps: Deps & { archive: Archive },
  { roundId, retentionYears }: { roundId: string; retentionYears: number },
): Promise<ReportCopy> {
  const round = await deps.store.kompass.round(roundId);
  if (!round) throw new AppError('ROUND_NOT_FOUND');
  const done = await deps.store.kompass.reportCopy(roundId);
  if (done) return done;
  if (round.status !== 'done') throw new AppError('ROUND_STATE_FORBIDS', { status: round.status });
  // Read as the system: every reader sees the same round, and the report holds nothing per person.
  const system = { tid: round.tid, oid: SYSTEM, name: 'Samtale', upn: SYSTEM, roles: [] };
  const { org } = await roundStandingOf(deps, system, round);
  const view = await roundView(deps, system, {
    round,
    org,
    standing: { manager: false, assessor: false, reader: true },
  });
  const leader = org.index.root ? org.index.leaderOf(org.index.root) : null;
  const content = reportForPdf(view, leader ? org.name(leader) : '', round.updatedAt);
  const stored = await storeDocument(
    deps,
    {
      tid: round.tid,
      subject: round.id,
      action: 'kompass.archived',
      path: `${round.year}/kommunekompass/${round.year}-${slug(view.organisation)}-${round.id.slice(0, 8)}.pdf`,
      content,
      retentionYears,
      // Public by default, like the method's own reports.
      meta: {
        tilgangsrestriksjon: '',
        skjermingshjemmel: '',
        samtaletype: kommunekompass.name,
        periode: String(round.year),
        enhet: view.organisation,
        malversjon: `${kommunekompass.key}@${kommunekompass.version}`,
      },
    },
    (tx, stored) => tx.kompass.recordReportCopy({ roundId, ...stored }),
  );
  return { roundId, ...stored };
}

type View = ReplyOf<'getKompassRound'>;

/** The round as the record renderer reads it: scores and notes as the template's fields, the rest as tables. */
function reportForPdf(view: View, topLeader: string, finishedAt: string): DocumentForPdf {
  const answers: RecordForPdf['answers'] = {};
  for (const area of view.areas) {
    for (const s of area.subAreas)
      answers[scoreFieldId(s.code)] = {
        shared: s.agreed === null ? W.pdf.empty : fill(K.score, { points: n(s.agreed), max: String(s.max) }),
      };
    for (const [kind] of REPORT_LISTS)
      answers[`kk-${area.number}-${kind}`] = { shared: area.notes[kind]?.text ?? null };
  }
  const points = (x: number | null | undefined) => (x === null || x === undefined ? K.notAgreed : String(x));
  const overview = view.areas.map((a, i) => ({
    cells: {
      area: `${a.number}. ${a.title}`,
      thisRound: points(a.sums.agreed),
      previous: view.previous ? points(view.previous.areas[i]) : W.pdf.empty,
      reported: String(view.reference.reported[i] ?? ''),
      computed: String(view.reference.computed[i] ?? ''),
      // A bar of up to 10 blocks, one per 10 % of the area's maximum: the chart, as text any reader reads.
      bar:
        a.sums.agreed === null
          ? K.notAgreed
          : `${'█'.repeat(Math.round((a.sums.agreed / a.max) * 10))} ${Math.round((a.sums.agreed / a.max) * 100)} %`,
    },
  }));
  const figureName = (f: View['evidence'][number]) => {
    const [theme, grade] = (f.part ?? '').split(':');
    return fill(W.kompassFigure[f.id], {
      period: f.part && /^\d{4}-/.test(f.part) ? periodName('nb', f.part) : '',
      theme: theme ? `Tema ${theme.replace(/\D/g, '')}` : '',
      grade: grade ? `${grade} forventet` : '',
    });
  };
  const evidence = view.evidence.map((f) => ({
    cells: {
      area: String(f.area),
      figure: figureName(f),
      value:
        f.value === null || f.numerator === null
          ? K.hidden
          : fill(K.share, {
              value: n(f.value),
              numerator: String(f.numerator),
              denominator: String(f.denominator),
            }),
    },
  }));
  const input = view.areas.flatMap((a) =>
    a.input.flatMap((g) =>
      g.respondents === null
        ? []
        : [
            {
              cells: {
                area: `${a.number}. ${a.title}`,
                group: W.kompassGroup[g.group],
                respondents: String(g.respondents),
                averages: (g.averages ?? [])
                  .map((avg, q) => `${a.subAreas[q]?.code ?? q + 1}: ${n(avg)}`)
                  .join('\n'),
                texts: g.texts.map((t) => `«${t}»`).join('\n'),
              },
            },
          ],
    ),
  );
  const text = (id: string, label: string) => ({ id, label, type: 'text' as const });
  const title = fill(K.title, { year: String(view.year), organisation: view.organisation });
  const values: Record<string, Json> = {};
  for (const [k, v] of Object.entries(answers)) values[k] = v.shared ?? null;
  return {
    // Public by default: no marking.
    template: { ...kommunekompass, marking: { text: '', offl13: false } },
    part: 'record',
    conversationId: view.id,
    period: String(view.year),
    scheduledAt: null,
    parties: { leader: topLeader, employee: view.organisation },
    answers,
    items: [],
    people: {},
    signatures: [],
    contentHash: `sha256:${sha256Hex(canonicalJson({ answers: values, evidence: view.evidence as unknown as Json }))}`,
    organisation: view.organisation,
    document: {
      title,
      head: [
        fill(K.organisation, { organisation: view.organisation }),
        fill(W.pdf.year, { year: String(view.year) }),
        fill(K.assessors, {
          names: listOf(
            'nb',
            view.assessors.map((a) => a.name),
          ),
        }),
      ],
      closing: {
        heading: K.finished,
        lines: [
          fill(K.total, { total: points(view.total), max: String(view.max) }),
          fill(K.finishedOn, { date: formatDate('nb', finishedAt) }),
        ],
      },
      idLabel: K.roundId,
      at: finishedAt,
    },
    tables: [
      {
        heading: K.overview,
        intro: fill(K.overviewIntro, { reference: view.reference.name }),
        columns: [
          text('area', K.area),
          text('thisRound', K.thisRound),
          text('previous', K.previous),
          text('reported', K.referenceReported),
          text('computed', K.referenceComputed),
          text('bar', K.bar),
        ],
        rows: overview,
        widths: ['*', 52, 52, 58, 58, 130],
      },
      {
        heading: K.evidence,
        intro: K.evidenceIntro,
        columns: [text('area', K.area), text('figure', K.figure), text('value', K.value)],
        rows: evidence,
        widths: [46, '*', 130],
      },
      {
        heading: K.input,
        intro: input.length ? K.inputIntro : K.noInput,
        columns: [
          text('area', K.area),
          text('group', K.group),
          text('respondents', K.respondents),
          text('averages', K.averages),
          text('texts', K.texts),
        ],
        rows: input,
      },
    ],
  };
}
