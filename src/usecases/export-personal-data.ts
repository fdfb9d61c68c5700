// Innsyn (GDPR art. 15): everything Samtale holds about a person that they may read, as one ZIP of
// JSON files (src/contract/innsyn.ts, docs/innsyn.md) and their signed records as PDF.
import { renderRecordPdf } from '../adapters/pdf/render-record.ts';
import { createZip, type ZipEntry } from '../adapters/zip.ts';
import {
  INNSYN_FILES,
  INNSYN_FORMAT,
  INNSYN_VERSION,
  type InnsynAudit,
  type InnsynConversation,
  type InnsynFeedback,
  type InnsynItems,
  type InnsynManifest,
  type InnsynPreparation,
  type InnsynReminders,
  type InnsynRow,
} from '../contract/innsyn.ts';
import type { ConversationView, FeedbackView, PlanItemView } from '../contract/views.ts';
import { fill, formatDateTime, formatSchedule, periodName } from '../contract/words/format.ts';
import { WORDS, type Locale, type Words } from '../contract/words/index.ts';
import {
  canExportPersonalData,
  canReadArchiveCopy,
  canSeeSalaryCopies,
  standing,
  type Actor,
} from '../domain/policy.ts';
import { feedbackRole, isFeedbackOpen, type FeedbackRound } from '../domain/feedback.ts';
import { osloTime } from '../domain/reminders.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import type { Archive, BotStore } from '../ports.ts';
import { readArchivedCopy } from './document-archive-support.ts';
import { feedbackView, todayIn } from './feedback-support.ts';
import { getConversation } from './get-conversation.ts';
import { prepareArchiveCopy } from './prepare-archive-copy.ts';
import { audit, nowIso, type Deps } from './support.ts';

type ExportDeps = Deps & { archive: Archive; botStore: BotStore };
type Column = { id: string; label: string; type: 'text' | 'person' | 'date' | 'rating' };
type Row = InnsynRow;
type Names = (oid: string) => Promise<string>;

/**
 * The person's innsyn export, for the person or for HR on their request. Every part of it is what the
 * person reads themselves: each conversation is read as the person's own view (getConversation, so
 * the policy that decides what a view shows decides this too), whoever downloads it. Audited as
 * `data.exported` by whoever downloaded it, about the person.
 */
export async function exportPersonalData(
  deps: ExportDeps,
  actor: Actor,
  { personOid, locale }: { personOid: string; locale: Locale },
): Promise<{ bytes: Uint8Array; filename: string }> {
  // Refused before the person is looked up, so nobody learns who exists.
  if (!canExportPersonalData(actor, { tid: actor.tid, oid: personOid })) throw new AppError('FORBIDDEN');
  const user = await deps.directory.user(actor.tid, personOid);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const self = user.oid === actor.oid;
  const person: Actor = self
    ? actor
    : { tid: user.tid, oid: user.oid, name: user.name, upn: user.upn, roles: user.roles };
  const w = WORDS[locale];
  const names = nameBook(deps, person.tid, w);
  const units = await deps.directory.units(person.tid);
  const unitName = (id: string | null) => (id === null ? null : (units.find((u) => u.id === id)?.name ?? id));

  const conversations: InnsynConversation[] = [];
  const preparation: InnsynPreparation['preparation'] = [];
  const owned: { item: PlanItemView; columns: readonly Column[]; conversation: string; field: string }[] = [];
  const pdfs: ZipEntry[] = [];
  const pdfNames = new Set<string>();
  const feedbackAbout: InnsynFeedback['aboutYou'] = [];
  /** Every conversation and plan row of the person's, by id, with its title: what audit events are about. */
  const about = new Map<string, string>([[person.oid, fill(w.innsyn.person, { name: person.name })]]);
  let salary = false;
  // Punkt 4 is the person's to read, but HR reads it only with the salary role: HR without it gets the
  // rest of the export, and the sections it leaves out are named as withheld.
  const withholdSalary = !self && !canSeeSalaryCopies(actor);

  for (const c of await deps.store.conversationsOf(person.tid, person.oid)) {
    const view = await getConversation(deps, person, c.id);
    const you = view.you ?? (c.leaderOid === person.oid ? 'leader' : 'employee');
    const title = fill(w.innsyn.conversation, {
      type: view.template.name,
      period: periodName(locale, view.period),
      other: you === 'leader' ? view.parties.employee.name : view.parties.leader.name,
    });
    about.set(c.id, title);
    const fieldViews = new Map(view.sections.flatMap((s) => s.fields).map((f) => [f.id, f]));
    const sections: InnsynConversation['sections'] = [];
    const withheld = [...view.withheldSections];
    for (const section of view.definition.sections) {
      if (withholdSalary && section.sensitivity === 'salary') {
        withheld.push(section.title);
        continue;
      }
      const fields: InnsynConversation['sections'][number]['fields'] = [];
      for (const def of section.fields) {
        // Last period's rows are shown beside a field; they belong to the conversation they come from.
        if (def.kind === 'previousItems') continue;
        const fv = fieldViews.get(def.id);
        const answers: InnsynConversation['sections'][number]['fields'][number]['answers'] = [];
        for (const slot of ['shared', 'leader', 'employee'] as const) {
          const a = fv?.answers[slot];
          if (!a) continue;
          answers.push({
            slot,
            value: a.value,
            updatedBy: await names(a.updatedBy),
            updatedAt: a.updatedAt,
            sharedAt: a.sharedAt,
          });
          if (def.visibility === 'private' && slot === you)
            preparation.push({
              conversationId: c.id,
              conversation: title,
              section: section.title,
              fieldId: def.id,
              label: def.label,
              value: a.value,
              updatedAt: a.updatedAt,
              sharedAt: a.sharedAt,
            });
        }
        const columns = 'columns' in def ? def.columns : undefined;
        const rows: Row[] = [];
        for (const item of fv?.items ?? []) {
          about.set(
            item.id,
            fill(w.innsyn.item, { title: itemTitle(columns ?? [], item), conversation: title }),
          );
          rows.push(await row(item, columns ?? [], names, w));
          if (item.ownerOid === person.oid)
            owned.push({ item, columns: columns ?? [], conversation: title, field: def.label });
        }
        fields.push({
          id: def.id,
          label: def.label,
          kind: def.kind,
          visibility: def.visibility,
          ...('options' in def ? { options: def.options.map((o) => ({ id: o.id, label: o.label })) } : {}),
          ...(columns
            ? {
                columns: columns.map((col) => ({
                  id: col.id,
                  label: col.label,
                  type: col.type,
                  ...(col.options ? { options: col.options.map((o) => ({ id: o.id, label: o.label })) } : {}),
                })),
              }
            : {}),
          answers,
          ...(fv?.items ? { rows } : {}),
        });
      }
      salary ||= section.sensitivity === 'salary';
      sections.push({ id: section.id, title: section.title, sensitivity: section.sensitivity, fields });
    }

    const documents = await recordPdfs(deps, actor, person, view, locale, withholdSalary, (base, bytes) => {
      let name = base;
      for (let n = 2; pdfNames.has(name); n++) name = `${base} (${n})`;
      pdfNames.add(name);
      const file = `${INNSYN_FILES.records}${name}.pdf`;
      pdfs.push({ name: file, data: bytes });
      return file;
    });

    // A feedback round about the person (the leader assessed): its result as their own view shows it.
    if (feedbackRole(person, c) === 'subject') {
      const round = await deps.store.feedback.roundOf(c.id);
      const entry =
        round &&
        aboutYou(
          w,
          round,
          title,
          view.parties.leader.name,
          await feedbackView(deps, c, 'subject', round),
          !self,
        );
      if (entry) feedbackAbout.push(entry);
    }

    conversations.push({
      id: c.id,
      title,
      template: {
        key: view.template.key,
        version: view.template.version,
        name: view.template.name,
        title: view.template.title,
      },
      period: view.period,
      periodText: periodName(locale, view.period),
      status: view.status,
      statusText: w.status[view.status],
      scheduledAt: view.scheduledAt,
      scheduledTime: view.scheduledTime,
      durationMinutes: view.durationMinutes,
      scheduledText: view.scheduledAt
        ? formatSchedule(locale, view.scheduledAt, view.scheduledTime, view.durationMinutes)
        : null,
      createdAt: c.createdAt,
      updatedAt: view.updatedAt,
      unit: unitName(view.unitId),
      you,
      parties: {
        leader: { name: view.parties.leader.name, role: view.template.parties.leader },
        employee: { name: view.parties.employee.name, role: view.template.parties.employee },
      },
      sections,
      withheldSections: withheld,
      contentHash: view.contentHash,
      signatures: view.signatures.map((s) => ({
        party: s.party,
        name: s.name,
        signedAt: s.signedAt,
        contentHash: s.contentHash,
        valid: s.valid,
      })),
      documents,
    });
  }

  const history = await deps.store.followUpHistory(owned.map((o) => o.item.id));
  const items: InnsynItems['items'] = [];
  for (const { item, columns, conversation, field } of owned)
    items.push({
      ...(await row(item, columns, names, w)),
      conversationId: item.conversationId,
      conversation,
      field,
      history: await Promise.all(
        history
          .filter((h) => h.itemId === item.id)
          .map(async (h) => ({
            status: h.status,
            statusText: w.followUp[h.status],
            comment: h.comment,
            at: h.at,
            by: await names(h.byOid),
          })),
      ),
    });

  const reminders: InnsynReminders['reminders'] = (await deps.botStore.outboxFor(person.tid, person.oid)).map(
    (r) => ({
      day: r.day,
      status: r.status,
      statusText: w.innsyn.reminderStatus[r.status],
      sentAt: r.sentAt,
      messages: r.messages.map((m) => ({
        kind: m.kind,
        kindText: (w.innsyn.reminderKind as Record<string, string | undefined>)[m.kind] ?? m.kind,
        subject: m.subject,
        period: m.period,
        date: m.date,
        count: m.count,
        template: m.templateKey ? (builtInTemplate(m.templateKey)?.name ?? m.templateKey) : null,
        unit: m.unit ?? null,
        missing: [...(m.missing ?? [])],
        about: m.about ?? null,
      })),
    }),
  );

  // Rounds the person was asked to answer: whether they answered, never what (stored without them).
  const today = todayIn(deps);
  const feedback: InnsynFeedback = {
    aboutYou: feedbackAbout,
    asked: await Promise.all(
      (await deps.store.feedback.roundsAsking(person.tid, person.oid)).map(async (a) => ({
        roundId: a.round.id,
        leader: await names(a.subjectOid),
        relation: a.relation,
        relationText: w.innsyn.feedbackRelation[a.relation],
        closesOn: a.round.closesOn,
        closedAt: a.round.closedAt,
        open: isFeedbackOpen(a.round, today),
        answered: a.answered,
      })),
    ),
  };

  const events = await deps.store.auditEventsAbout(person.tid, [...about.keys()]);
  const auditLog: InnsynAudit = {
    events: await Promise.all(
      events.map(async (e) => ({
        at: e.at,
        by: await names(e.actorOid),
        action: e.action,
        what:
          (w.innsyn.audit as Record<string, string | undefined>)[e.action] ??
          (w.meeting.audit as Record<string, string | undefined>)[e.action] ??
          fill(w.innsyn.otherAction, { action: e.action }),
        about: about.get(e.subject) ?? e.subject,
      })),
    ),
    raw: events.map((e) => ({
      seq: e.seq,
      tid: e.tid,
      at: e.at,
      actorOid: e.actorOid,
      action: e.action,
      subject: e.subject,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  };

  const exportedAt = nowIso(deps);
  const manifest: InnsynManifest = {
    format: INNSYN_FORMAT,
    version: INNSYN_VERSION,
    exportedAt,
    language: locale,
    person: { name: person.name, upn: person.upn, unit: unitName(user.unitId) },
    exportedBy: { name: actor.name, as: self ? 'self' : 'hr' },
    organisation: units.find((u) => u.parentId === null)?.name ?? '',
    counts: {
      conversations: conversations.length,
      documents: pdfs.length,
      preparation: preparation.length,
      items: items.length,
      feedbackRounds: feedback.aboutYou.length + feedback.asked.length,
      reminders: reminders.length,
      auditEvents: events.length,
    },
  };
  const by = self
    ? fill(w.innsyn.exportedBySelf, { name: actor.name })
    : fill(w.innsyn.exportedByHr, { name: actor.name, person: person.name });
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  const zip = createZip(
    [
      {
        name: INNSYN_FILES.readme,
        data: Buffer.from(readme(w, person.name, formatDateTime(locale, exportedAt), by)),
      },
      { name: INNSYN_FILES.manifest, data: json(manifest) },
      { name: INNSYN_FILES.conversations, data: json({ conversations }) },
      { name: INNSYN_FILES.preparation, data: json({ preparation }) },
      { name: INNSYN_FILES.items, data: json({ items }) },
      { name: INNSYN_FILES.feedback, data: json(feedback) },
      { name: INNSYN_FILES.reminders, data: json({ reminders }) },
      { name: INNSYN_FILES.audit, data: json(auditLog) },
      ...pdfs,
    ],
    deps.clock.now(),
  );

  await audit(deps.store, actor, 'data.exported', person.oid, exportedAt, {
    by: self ? 'self' : 'hr',
    conversations: conversations.length,
    documents: pdfs.length,
    salary,
  });
  return {
    bytes: zip,
    filename: `${safeName(fill(w.innsyn.fileName, { name: person.name, date: osloTime(deps.clock.now()).date }))}.zip`,
  };
}

/** People by name, each looked up once; the app's own steps as the app. */
function nameBook(deps: Deps, tid: string, w: Words): Names {
  const known = new Map<string, Promise<string>>();
  return (oid) => {
    if (oid.startsWith('system:')) return Promise.resolve(w.innsyn.system);
    let name = known.get(oid);
    if (!name) {
      name = deps.directory.user(tid, oid).then((u) => u?.name ?? w.innsyn.unknownPerson);
      known.set(oid, name);
    }
    return name;
  };
}

/** A plan row as the export shows it: person columns by name, the follow-up status in words. */
async function row(item: PlanItemView, columns: readonly Column[], names: Names, w: Words): Promise<Row> {
  const cells: Record<string, string | null> = {};
  for (const [id, value] of Object.entries(item.cells))
    cells[id] =
      value !== null && columns.find((c) => c.id === id)?.type === 'person' ? await names(value) : value;
  return {
    id: item.id,
    position: item.position,
    cells,
    owner: item.ownerOid === null ? null : await names(item.ownerOid),
    due: item.due,
    status: item.status,
    statusText: w.followUp[item.status],
    statusComment: item.statusComment,
    statusUpdatedAt: item.statusUpdatedAt,
  };
}

/** A row's name: its first plain column ("Hva skal gjøres?", "Mål"), as the follow-up list names it. */
function itemTitle(columns: readonly Column[], item: Pick<PlanItemView, 'cells'>): string {
  const first = columns.find((c) => c.type === 'text');
  return (first && item.cells[first.id]) || Object.values(item.cells).find((v) => v) || '—';
}

/**
 * The conversation's signed record as PDF, each part the person may open: the archived copy (only
 * as archived: a changed byte is refused and audited, as when it is opened), or, signed and not yet
 * archived, rendered the way the archive will render it.
 */
async function recordPdfs(
  deps: ExportDeps,
  actor: Actor,
  person: Actor,
  view: ConversationView,
  locale: Locale,
  withholdSalary: boolean,
  add: (name: string, bytes: Uint8Array) => string,
): Promise<InnsynConversation['documents']> {
  const w = WORDS[locale];
  const name = (part: 'record' | 'salary') =>
    safeName(
      fill(w.tab[part === 'record' ? 'copyFileName' : 'copyFileNameSalary'], {
        type: view.template.name,
        period: periodName(locale, view.period),
        employee: view.parties.employee.name,
      }),
    );
  const documents: InnsynConversation['documents'] = [];
  if (view.canOpenCopies.length > 0) {
    const rows = await deps.store.archiveCopies(view.id);
    for (const part of view.canOpenCopies) {
      if (withholdSalary && part === 'salary') continue;
      const row = rows.find((r) => r.part === part);
      try {
        const copy = row && (await readArchivedCopy(deps, actor, row, view.id, { part }));
        documents.push(
          copy
            ? { part, file: add(name(part), copy.bytes), source: 'archive', problem: null }
            : { part, file: null, source: 'archive', problem: 'missing' },
        );
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'ARCHIVE_COPY_DAMAGED')) throw e;
        documents.push({ part, file: null, source: 'archive', problem: 'damaged' });
      }
    }
  } else if (view.status === 'signed') {
    const conversation = await deps.store.conversation(view.id);
    if (!conversation) return documents;
    const s = standing(person, conversation, null);
    for (const copy of await prepareArchiveCopy(deps, view.id)) {
      if (!canReadArchiveCopy(s, copy.part) || (withholdSalary && copy.part === 'salary')) continue;
      const bytes = await renderRecordPdf(copy);
      documents.push({
        part: copy.part,
        file: add(name(copy.part), bytes),
        source: 'rendered',
        problem: null,
      });
    }
  }
  return documents;
}

/**
 * A feedback round about the person, from their own view of it (feedbackView as 'subject'): the same
 * result, null while the round is open or too few answered; how many were asked, never who. Only the
 * assessed leader reads the result (HR learns nothing of a round), so an export HR makes leaves it
 * out and says so, as it leaves out Punkt 4 for HR without the salary role.
 */
function aboutYou(
  w: Words,
  stored: FeedbackRound,
  conversation: string,
  superior: string,
  view: FeedbackView,
  forHr: boolean,
): InnsynFeedback['aboutYou'][number] | null {
  const round = view.round;
  if (!round) return null;
  const withheld = forHr && round.result !== null;
  const result = withheld ? null : round.result;
  return {
    roundId: stored.id,
    conversationId: stored.conversationId,
    conversation,
    openedBy: round.openedBy.name,
    openedAt: stored.openedAt,
    closesOn: round.closesOn,
    closedAt: stored.closedAt,
    open: round.open,
    invited: round.invited,
    answered: round.answered,
    minAnswers: view.minAnswers,
    shared: round.shared,
    sharedText: fill(w.innsyn.feedbackShared[round.shared], { name: superior }),
    withheld,
    result: result && {
      answered: result.answered,
      statements: result.statements.map((s) => ({
        key: s.key,
        statement: (w.feedback.statements as Record<string, string | undefined>)[s.key] ?? s.key,
        average: s.average,
        counts: [...s.counts],
      })),
      // Always there for the assessed leader; null only in a superior's view.
      texts: result.texts ?? [],
    },
    resultText: result
      ? null
      : withheld
        ? w.innsyn.feedbackWithheld
        : round.open
          ? w.feedback.tab.waiting
          : fill(w.feedback.tab.tooFew, { answered: String(round.answered), min: String(view.minAnswers) }),
  };
}

/** What the ZIP says about itself, in the reader's language. */
function readme(w: Words, name: string, time: string, by: string): string {
  const r = w.innsyn.readme;
  return [
    fill(r.title, { name }),
    fill(r.made, { time, by }),
    '',
    r.intro,
    '',
    r.files,
    ...[r.manifest, r.conversations, r.preparation, r.items, r.feedback, r.reminders, r.audit, r.records].map(
      (line) => `- ${line}`,
    ),
    '',
    r.notIncluded,
    '',
    r.contact,
    '',
  ].join('\r\n');
}

/** A file name every system accepts: no path separators or characters Windows refuses. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '-').trim();
