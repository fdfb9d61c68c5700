import { bundleForToday, dueMessages, maySendAt, osloTime, type DueMessage } from '../domain/reminders.ts';
import { dueFeedbackMessages, type FeedbackInputState } from '../domain/feedback.ts';
import { minAnswersOf } from './feedback-support.ts';
import { dueKompassMessages, type KompassInputState } from '../domain/kompass-reminders.ts';
import {
  duePlanMessages,
  duePlanNotices,
  type PlanGoalState,
  type PlanNoticeState,
} from '../domain/plan-reminders.ts';
import { organisation, type Organisation } from './plan-support.ts';
import type { BotDeps } from './bot-support.ts';
import { nowIso, type Deps } from './support.ts';

// People per batch: a sweep's memory is one batch's conversations and items, whatever the tenant's size.
const BATCH = 1_000;

/**
 * Works out what is due now from the state, bundles it per person (one message a day), and records
 * each bundle in the outbox before anything is sent. Returns the bundles to send. Outside 08–16 on
 * working days it does nothing; what was due meanwhile is still due at the next window. Goes through
 * each tenant's people a batch at a time: a person's bundle needs only the state about them.
 */
export async function sweepReminders(
  deps: Deps,
  bot: BotDeps,
  opts: { batch?: number } = {},
): Promise<string[]> {
  const size = opts.batch ?? BATCH;
  const now = deps.clock.now();
  const holidays = bot.holidays(now);
  if (!maySendAt(now, holidays)) return [];
  const today = osloTime(now).date;
  const settings = bot.settings;

  // Tenants with a chat: only there can anything be sent.
  const tenants = await bot.store.chatTenants();
  // Units' plans and Kommunekompass rounds: due per unit (a few hundred), worked out once, then handed
  // to each batch by recipient.
  const orgOf = organisations(deps);
  const year = Number(today.slice(0, 4));
  const perUnit = new Map<string, DueMessage[]>();
  for (const m of [
    ...duePlanMessages(await planGoalState(deps, orgOf, year), today, settings.cadence, holidays),
    ...duePlanNotices(await planNoticeState(deps, orgOf, year)),
    ...dueKompassMessages(await kompassInputState(deps, tenants), today, holidays),
    ...dueFeedbackMessages(await feedbackInputState(deps, tenants, today), today, holidays),
  ]) {
    const k = `${m.tid}:${m.recipientOid}`;
    const theirs = perUnit.get(k);
    if (theirs) theirs.push(m);
    else perUnit.set(k, [m]);
  }

  const ids: string[] = [];
  for (const tid of tenants) {
    for (let after: string | null = null; ;) {
      const batch = await bot.store.recipients(tid, after, size);
      if (batch.length === 0) break;
      after = batch[batch.length - 1] ?? null;
      const inBatch = new Set(batch);
      const state = await bot.store.reminderState(tid, batch, today);
      const due = [
        ...dueMessages(state, today, settings, holidays).filter((m) => inBatch.has(m.recipientOid)),
        ...batch.flatMap((oid) => perUnit.get(`${tid}:${oid}`) ?? []),
      ];
      ids.push(...(await recordBundles(deps, bot, tid, due, today)));
      if (batch.length < size) break;
    }
  }
  return ids;
}

/** One batch's due messages into the outbox, for the people the bot can reach. */
async function recordBundles(
  deps: Deps,
  bot: BotDeps,
  tid: string,
  due: readonly DueMessage[],
  today: string,
): Promise<string[]> {
  if (due.length === 0) return [];
  const recipients = [...new Set(due.map((m) => m.recipientOid))];
  // Only people the bot can reach; the rest stay due and go out once they install the app.
  const chats = await bot.store.references(tid, recipients);
  const sendable = due.filter((m) => {
    const ref = chats.get(m.recipientOid);
    return ref !== undefined && ref.unreachableAt === null;
  });
  // Proactive installation, when enabled: once a day at most per person without a chat, never for
  // someone who removed the app (nor for someone flagged unreachable: they have a chat). Their
  // reminders follow once Teams tells the bot about the installation.
  if (bot.installer) {
    for (const oid of recipients) {
      if (
        chats.has(oid) ||
        (await bot.store.optedOut(tid, oid)) ||
        (await bot.store.installAttemptedOn(tid, oid, today))
      )
        continue;
      const { outcome, detail } = await bot.installer.install(tid, oid);
      await bot.store.noteInstallAttempt({ tid, oid, day: today, outcome, detail });
    }
  }
  const bundles = bundleForToday(
    sendable,
    await bot.store.sentKeys(sendable.map((m) => m.key)),
    await bot.store.messagedOn(today, tid, recipients),
    today,
  );
  return bot.store.addAllToOutbox(
    bundles.map((b) => ({
      id: `${b.tid}:${b.recipientOid}:${b.day}`,
      tid: b.tid,
      recipientOid: b.recipientOid,
      day: b.day,
      messages: b.messages,
    })),
    nowIso(deps),
  );
}

/** Each tenant's organisation, read once per sweep (both kinds of plan reminders need it). */
const organisations = (deps: Deps) => {
  const read = new Map<string, Promise<Organisation>>();
  return (tid: string): Promise<Organisation> => {
    let org = read.get(tid);
    if (!org) {
      org = organisation(deps, tid);
      read.set(tid, org);
    }
    return org;
  };
};

/** The owned goals of last year's and this year's adopted plans, with names from the directory. */
async function planGoalState(
  deps: Deps,
  orgOf: (tid: string) => Promise<Organisation>,
  year: number,
): Promise<PlanGoalState[]> {
  const rows = await deps.store.plans.followUpState([year - 1, year]);
  const out: PlanGoalState[] = [];
  for (const r of rows) {
    const org = await orgOf(r.tid);
    out.push({
      tid: r.tid,
      planId: r.planId,
      year: r.year,
      unit: org.unit(r.unitId)?.name ?? r.unitId,
      leaderOid: org.index.leaderOf(r.unitId),
      goalId: r.goalId,
      ownerOid: r.ownerOid,
      ownerName: org.name(r.ownerOid),
      reported: r.reported,
    });
  }
  return out;
}

/** Plans open for input or closed with their year report, last year's and this year's, with who hears of them. */
async function planNoticeState(
  deps: Deps,
  orgOf: (tid: string) => Promise<Organisation>,
  year: number,
): Promise<PlanNoticeState[]> {
  const plans = await deps.store.plans.plansAt([year - 1, year], ['input', 'closed']);
  const out: PlanNoticeState[] = [];
  for (const p of plans) {
    const org = await orgOf(p.tid);
    const leader = org.index.leaderOf(p.unitId);
    out.push({
      tid: p.tid,
      planId: p.id,
      year: p.year,
      unit: org.unit(p.unitId)?.name ?? p.unitId,
      status: p.status === 'input' ? 'input' : 'closed',
      members: org.users.filter((u) => u.unitId === p.unitId && u.oid !== leader).map((u) => u.oid),
      above: org.index
        .chain(p.unitId)
        .slice(1)
        .flatMap((u) => org.index.leaderOf(u) ?? [])
        .filter((oid) => oid !== leader),
    });
  }
  return out;
}

/** Kommunekompass rounds open for input, with who is asked and what they have answered: one query per tenant. */
async function kompassInputState(deps: Deps, tenants: readonly string[]): Promise<KompassInputState[]> {
  const out: KompassInputState[] = [];
  for (const tid of tenants)
    for (const r of await deps.store.kompass.inputRounds(tid))
      out.push({ tid, roundId: r.id, year: r.year, status: 'input', invitations: r.invitations });
  return out;
}

/** Feedback rounds still taking answers, with who is asked and whether they answered: one query per tenant. */
async function feedbackInputState(
  deps: Deps,
  tenants: readonly string[],
  today: string,
): Promise<FeedbackInputState[]> {
  const out: FeedbackInputState[] = [];
  for (const tid of tenants)
    for (const r of await deps.store.feedback.openRounds(tid, today))
      out.push({
        tid,
        roundId: r.id,
        subjectName: (await deps.directory.user(tid, r.subjectOid))?.name ?? '',
        closesOn: r.closesOn,
        closedAt: null,
        minAnswers: minAnswersOf(deps),
        invitations: r.invitations,
      });
  return out;
}
