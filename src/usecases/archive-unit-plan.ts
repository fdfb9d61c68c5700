import { fill, formatDateTime, periodName } from '../contract/words/format.ts';
import { WORDS } from '../contract/words/index.ts';
import type { DocumentForPdf, RecordForPdf } from '../adapters/pdf/render-record.ts';
import { slug } from '../domain/archive.ts';
import { canonicalJson, sha256Hex } from '../domain/canonical-json.ts';
import type { Json } from '../domain/json.ts';
import type { Column, Section, Template } from '../domain/templates/model.ts';
import { virksomhetsplan } from '../domain/templates/virksomhetsplan.ts';
import {
  followUpPeriods,
  type GoalReport,
  type PlanAnswer,
  type PlanGoal,
  type UnitPlan,
} from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, PlanArchiveCopy, PlanCopyKind } from '../ports.ts';
import { organisation } from './plan-support.ts';
import { storeDocument } from './document-archive-support.ts';
import type { Deps } from './support.ts';

// The archived copy is an official document in the organisation's language: bokmål.
const W = WORDS.nb;
// The plan's own parts in the adopted copy (Trinn 1–5); the year report adds Trinn 6–8.
const ADOPTED_SECTIONS = new Set(['forankring', 'mal']);
const GOALS_FIELD = 'mal';

/**
 * Archives a unit's plan as PDF/A: once as adopted (its goals), once more with its year report (each
 * goal's follow-up per period and what becomes of it). A virksomhetsplan is public unless the
 * organisation's template marks it. Safe to run again: a copy already noted is left as it is.
 */
export async function archiveUnitPlan(
  deps: Deps & { archive: Archive },
  {
    planId,
    kind,
    retentionYears,
    exemptionBasis = null,
  }: {
    planId: string;
    kind: PlanCopyKind;
    retentionYears: number;
    /** Where the organisation exempts its plans from public access, the legal basis ("Offl. § 14 første ledd"). */
    exemptionBasis?: string | null;
  },
): Promise<PlanArchiveCopy> {
  const plan = await deps.store.plans.plan(planId);
  if (!plan) throw new AppError('PLAN_NOT_FOUND');
  const done = (await deps.store.plans.archiveCopies(planId)).find((c) => c.kind === kind);
  if (done) return done;
  if (kind === 'adopted' ? !plan.adoptedAt : plan.status !== 'closed')
    throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status });

  const { content, unit } = await planForPdf(deps, plan, kind, exemptionBasis);
  const stored = await storeDocument(
    deps,
    {
      tid: plan.tid,
      subject: plan.id,
      action: 'plan.archived',
      path: `${plan.year}/virksomhetsplan/${plan.year}-${slug(unit)}-${plan.id.slice(0, 8)}-${kind}.pdf`,
      content,
      retentionYears,
      meta: {
        tilgangsrestriksjon: exemptionBasis ? 'Unntatt offentlighet' : '',
        skjermingshjemmel: exemptionBasis ?? '',
        samtaletype: content.template.name,
        periode: String(plan.year),
        enhet: unit,
        malversjon: `${content.template.key}@${content.template.version}`,
      },
      audit: { kind },
    },
    (tx, stored) => tx.plans.recordArchiveCopy({ planId, kind, ...stored }),
  );
  return { planId, kind, ...stored };
}

/** The plan as the record renderer reads it: its goals as the plan table's rows. */
async function planForPdf(
  deps: Deps,
  plan: UnitPlan,
  kind: PlanCopyKind,
  exemptionBasis: string | null,
): Promise<{
  content: DocumentForPdf;
  unit: string;
}> {
  // Plans are written on the built-in form (save-plan-answer checks against it too); public unless the
  // organisation exempts them.
  const base: Template = exemptionBasis
    ? { ...virksomhetsplan, marking: { text: `Unntatt offentlighet, jf. ${exemptionBasis}`, offl13: false } }
    : virksomhetsplan;
  const org = await organisation(deps, plan.tid);
  const goals = (await deps.store.plans.goals([plan.id])).filter((g) => g.removedAt === null);
  const reports = kind === 'report' ? await deps.store.plans.reports(goals.map((g) => g.id)) : [];
  const periods = followUpPeriods(plan.year, deps.schedule.cadence).map((p) => p.id);
  const leaderOid = org.index.leaderOf(plan.unitId);
  const leader = leaderOid ? org.name(leaderOid) : '';
  const template = templateFor(base, kind);
  const items = goals.map((g) => ({ fieldId: GOALS_FIELD, cells: goalCells(g, reports, kind, periods) }));
  const answers: RecordForPdf['answers'] = {};
  const values: Record<string, Json> = {};
  for (const [fieldId, a] of Object.entries(plan.answers)) {
    values[fieldId] = (a as PlanAnswer).value;
    answers[fieldId] = { shared: values[fieldId] };
  }
  const people = Object.fromEntries(
    goals.flatMap((g) => (g.ownerOid ? [[g.ownerOid, org.name(g.ownerOid)]] : [])),
  );
  const adopted =
    plan.adoptedAt && plan.adoptedBy ? { name: org.name(plan.adoptedBy), at: plan.adoptedAt } : null;
  const unit = org.unit(plan.unitId)?.name ?? plan.unitId;
  const content: DocumentForPdf = {
    template,
    part: 'record',
    conversationId: plan.id,
    period: String(plan.year),
    scheduledAt: null,
    parties: { leader, employee: '' },
    answers,
    items,
    people,
    signatures: [],
    contentHash: `sha256:${sha256Hex(canonicalJson({ answers: values, goals: items }))}`,
    organisation: org.units.find((u) => u.parentId === null)?.name ?? '',
    document: {
      title: `${template.name} ${plan.year}${kind === 'report' ? ` – ${W.pdf.yearReport}` : ''}: ${unit}`,
      head: [
        fill(W.pdf.unit, { unit }),
        `${template.parties.leader}: ${leader}`,
        fill(W.pdf.year, { year: String(plan.year) }),
      ],
      closing: {
        heading: W.pdf.adoption,
        lines: [
          adopted
            ? fill(W.pdf.adoptedBy, { name: adopted.name, time: formatDateTime('nb', adopted.at) })
            : W.pdf.empty,
        ],
      },
      idLabel: W.pdf.planId,
      at: (kind === 'adopted' ? plan.adoptedAt : plan.updatedAt) ?? plan.updatedAt,
    },
  };
  return { content, unit };
}

/** The adopted copy holds Trinn 1–5; the year report every step, its goal table with the follow-up. */
function templateFor(base: Template, kind: PlanCopyKind): Template {
  const sections: Section[] =
    kind === 'adopted' ? base.sections.filter((s) => ADOPTED_SECTIONS.has(s.id)) : base.sections;
  if (kind === 'adopted') return { ...base, sections };
  const extra: Column[] = [
    { id: 'oppfolging', label: W.pdf.followUp, type: 'text' },
    { id: 'videre', label: W.pdf.outcome, type: 'text' },
  ];
  return {
    ...base,
    sections: sections.map((s) => ({
      ...s,
      fields: s.fields.map((f) =>
        f.id === GOALS_FIELD && f.kind === 'goalList' ? { ...f, columns: [...f.columns, ...extra] } : f,
      ),
    })),
  };
}

function goalCells(
  g: PlanGoal,
  reports: readonly GoalReport[],
  kind: PlanCopyKind,
  periods: readonly string[],
): Record<string, string | null> {
  const indicator =
    g.indicator && g.baseline !== null && g.target !== null
      ? fill(W.pdf.indicatorRange, {
          indicator: g.indicator,
          baseline: String(g.baseline),
          target: String(g.target),
        })
      : g.indicator;
  const cells: Record<string, string | null> = {
    mal: g.goal,
    resultatindikator: indicator,
    tiltak: g.actions,
    ansvarsperson: g.ownerOid,
    frist: g.due,
  };
  if (kind === 'report') {
    const mine = reports.filter((r) => r.goalId === g.id);
    cells.oppfolging = periods
      .flatMap((period) => {
        const r = mine.find((x) => x.period === period);
        if (!r) return [];
        const status = [W.goalStatus[r.status], r.measured !== null ? String(r.measured) : null, r.comment]
          .filter((x) => x)
          .join(' – ');
        return [fill(W.pdf.report, { period: periodName('nb', period), status })];
      })
      .join('\n');
    cells.videre = g.outcome ? W.goalOutcome[g.outcome] : null;
  }
  return cells;
}
