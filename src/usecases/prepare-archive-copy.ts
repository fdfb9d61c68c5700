import type { RecordForPdf } from '../adapters/pdf/render-record.ts';
import { fill, formatNumber } from '../contract/words/format.ts';
import { WORDS } from '../contract/words/index.ts';
import { isLocked } from '../domain/conversation.ts';
import type { FeedbackRecordPart } from '../domain/feedback.ts';
import { recordHash, sharedRecord } from '../domain/record.ts';
import { allFields } from '../domain/templates/model.ts';
import { AppError } from '../errors/catalogue.ts';
import { feedbackInRecord, templateVersion, type Deps } from './support.ts';

/**
 * The content of a signed record's archive copies: the record, and for a kontraktsamtale the salary
 * part (Punkt 4) as its own document. Only shared answers and plan rows: never private preparation.
 */
export async function prepareArchiveCopy(deps: Deps, conversationId: string): Promise<RecordForPdf[]> {
  const c = await deps.store.conversation(conversationId);
  if (!c) throw new AppError('CONVERSATION_NOT_FOUND');
  if (!isLocked(c.status)) throw new AppError('NOT_READY_TO_SIGN', { status: c.status });
  const template = await templateVersion(deps, c.templateKey, c.templateVersion);
  const [answers, items, signatures, leader, employee, feedback] = await Promise.all([
    deps.store.answers(c.id),
    deps.store.items(c.id),
    deps.store.signatures(c.id),
    deps.directory.user(c.tid, c.leaderOid),
    deps.directory.user(c.tid, c.employeeOid),
    feedbackInRecord(deps.store, c.id),
  ]);
  // Last period's rows, for the fields that assess them (Oslo Del I, the 10-faktor's last plan).
  const assessesPrevious = allFields(template).some((f) => f.kind === 'previousItems');
  const before = assessesPrevious ? await deps.store.previousConversation(c) : null;
  const previous = before
    ? {
        period: before.period,
        items: (await deps.store.items(before.id)).map((i) => ({
          id: i.id,
          fieldId: i.fieldId,
          cells: i.cells,
          status: i.status,
        })),
      }
    : undefined;
  // The organisation is the directory's top unit ("Fjordvik kommune").
  const organisation = (await deps.directory.units(c.tid)).find((u) => u.parentId === null)?.name ?? '';
  const shared = new Set(
    allFields(template)
      .filter((f) => f.visibility === 'shared')
      .map((f) => f.id),
  );
  const byField: RecordForPdf['answers'] = {};
  for (const a of answers) if (shared.has(a.fieldId)) (byField[a.fieldId] ??= {})[a.slot] = a.value;
  const leaderName = leader?.name ?? c.leaderOid;
  const employeeName = employee?.name ?? c.employeeOid;
  const people: Record<string, string> = { [c.leaderOid]: leaderName, [c.employeeOid]: employeeName };
  const base = {
    template,
    conversationId: c.id,
    period: c.period,
    scheduledAt: c.scheduledAt,
    parties: { leader: leaderName, employee: employeeName },
    answers: byField,
    items: items.map((i) => ({ fieldId: i.fieldId, cells: i.cells })),
    people,
    signatures: signatures.map((s) => ({
      name: s.name,
      upn: s.upn,
      signedAt: s.signedAt,
      role: template.parties[s.party],
    })),
    organisation,
    ...(previous ? { previous } : {}),
    contentHash: recordHash(template, sharedRecord(c, template, answers, items, feedback), c.salarySalt),
  };
  const hasSalary = template.sections.some((s) => s.sensitivity === 'salary');
  // The staff's feedback figures, when the assessed leader put them in the record: after its sections.
  const record = {
    ...base,
    part: 'record' as const,
    ...(feedback ? { tables: [feedbackTable(feedback)] } : {}),
  };
  return hasSalary
    ? [record, { ...base, part: 'salary', ...(c.salarySalt ? { salarySalt: c.salarySalt } : {}) }]
    : [record];
}

function feedbackTable(f: FeedbackRecordPart): NonNullable<RecordForPdf['tables']>[number] {
  const F = WORDS.nb.feedback;
  const statements: Record<string, string> = F.statements;
  const column = (id: string, label: string) => ({ id, label, type: 'text' as const });
  return {
    heading: F.pdf.title,
    intro: fill(F.pdf.note, { count: String(f.answered) }),
    columns: [
      column('statement', F.tab.statement),
      column('average', F.tab.average),
      ...[1, 2, 3, 4, 5].map((n) => column(`n${n}`, String(n))),
    ],
    rows: f.statements.map((s) => ({
      cells: {
        statement: statements[s.key] ?? s.key,
        average: formatNumber('nb', s.average),
        ...Object.fromEntries(s.counts.map((c, i) => [`n${i + 1}`, String(c)])),
      },
    })),
    widths: ['*', 44, 26, 26, 26, 26, 26],
  };
}
