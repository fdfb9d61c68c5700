import { bundleForToday, dueMessages, maySendAt, osloTime, type ReminderState } from '../domain/reminders.ts';
import { dueKompassMessages, type KompassInputState } from '../domain/kompass-reminders.ts';
import {
  duePlanMessages,
  duePlanNotices,
  type PlanGoalState,
  type PlanNoticeState,
} from '../domain/plan-reminders.ts';
import { organisation, type Organisation } from './plan-support.ts';
import type { ChatReference } from '../ports.ts';
import type { BotDeps } from './bot-support.ts';
import { nowIso, type Deps } from './support.ts';

/**
 * Works out what is due now from the state, bundles it per person (one message a day), and records
 * each bundle in the outbox before anything is sent. Returns the bundles to send. Outside 08–16 on
 * working days it does nothing; what was due meanwhile is still due at the next window.
 */
export async function sweepReminders(deps: Deps, bot: BotDeps): Promise<string[]> {
  const now = deps.clock.now();
  const holidays = bot.holidays(now);
  if (!maySendAt(now, holidays)) return [];
  const today = osloTime(now).date;
  const { planned, ...state } = await bot.store.reminderState(today.slice(0, 4));
  const { cycleDeadlineMonthDay, ...rest } = bot.settings;
  const settings = {
    ...rest,
    cycleDeadline: cycleDeadlineMonthDay ? `${today.slice(0, 4)}-${cycleDeadlineMonthDay}` : null,
  };

  // Tenants with a chat: only there can anything be sent.
  const tenants = await bot.store.chatTenants();
  const unplanned: ReminderState['unplanned'][number][] = [];
  if (settings.cycleDeadline) {
    for (const tid of tenants) {
      const byLeader = new Map<string, string[]>();
      for (const u of await deps.directory.users(tid)) {
        if (u.managerOid && !planned.has(`${tid}:${u.oid}`))
          byLeader.set(u.managerOid, [...(byLeader.get(u.managerOid) ?? []), u.oid]);
      }
      for (const [leaderOid, employeeOids] of byLeader) unplanned.push({ tid, leaderOid, employeeOids });
    }
  }

  const orgOf = organisations(deps);
  const due = [
    ...dueMessages({ ...state, unplanned }, today, settings, holidays),
    ...duePlanMessages(
      await planGoalState(deps, orgOf, Number(today.slice(0, 4))),
      today,
      settings.cadence,
      holidays,
    ),
    ...duePlanNotices(await planNoticeState(deps, orgOf, Number(today.slice(0, 4)))),
    ...dueKompassMessages(await kompassInputState(deps, tenants), today, holidays),
  ];
  // Only people the bot can reach; the rest stay due and go out once they install the app.
  // Each person's chat is looked up once per sweep.
  const chats = new Map<string, { tid: string; oid: string; ref: ChatReference | undefined }>();
  for (const m of due) {
    const k = `${m.tid}:${m.recipientOid}`;
    if (!chats.has(k))
      chats.set(k, {
        tid: m.tid,
        oid: m.recipientOid,
        ref: await bot.store.reference(m.tid, m.recipientOid),
      });
  }
  const sendable = due.filter((m) => {
    const ref = chats.get(`${m.tid}:${m.recipientOid}`)?.ref;
    return ref !== undefined && ref.unreachableAt === null;
  });
  // Proactive installation, when enabled: once a day at most per person without a chat, never for
  // someone who removed the app (nor for someone flagged unreachable: they have a chat). Their
  // reminders follow once Teams tells the bot about the installation.
  if (bot.installer) {
    for (const { tid, oid, ref } of chats.values()) {
      if (
        ref ||
        (await bot.store.optedOut(tid, oid)) ||
        (await bot.store.installAttemptedOn(tid, oid, today))
      )
        continue;
      const { outcome, detail } = await bot.installer.install(tid, oid);
      await bot.store.noteInstallAttempt({ tid, oid, day: today, outcome, detail });
    }
  }

  const ids: string[] = [];
  const at = nowIso(deps);
  for (const b of bundleForToday(
    sendable,
    await bot.store.sentKeys(sendable.map((m) => m.key)),
    await bot.store.messagedOn(today),
    today,
  )) {
    const id = `${b.tid}:${b.recipientOid}:${b.day}`;
    if (
      await bot.store.addToOutbox(
        { id, tid: b.tid, recipientOid: b.recipientOid, day: b.day, messages: b.messages },
        at,
      )
    )
      ids.push(id);
  }
  return ids;
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
