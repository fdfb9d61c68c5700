import type { Reopening } from '../../domain/conversation.ts';
import type { DueMessage } from '../../domain/reminders.ts';
import type { BotStore, ChatReference, OutboxRow, OutboxStatus } from '../../ports.ts';
import { localeOf } from '../../contract/words/index.ts';
import type { Database } from './database.ts';
import { iso, isoOrNull } from './sql-store.ts';

const day = (v: unknown): string =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

interface ReferenceRow {
  tid: string;
  oid: string;
  conversation_id: string;
  service_url: string;
  bot_id: string;
  user_id: string;
  channel_id: string;
  locale: string;
  installed_at: Date;
  unreachable_at: Date | null;
  unreachable_reason: string | null;
}
const toReference = (r: ReferenceRow): ChatReference => ({
  tid: r.tid,
  oid: r.oid,
  conversationId: r.conversation_id,
  serviceUrl: r.service_url,
  botId: r.bot_id,
  userId: r.user_id,
  channelId: r.channel_id,
  locale: localeOf(r.locale),
  installedAt: iso(r.installed_at),
  unreachableAt: isoOrNull(r.unreachable_at),
  unreachableReason: r.unreachable_reason,
});

interface OutboxDbRow {
  id: string;
  tid: string;
  recipient_oid: string;
  day: Date | string;
  messages: DueMessage[];
  status: OutboxStatus;
  attempts: number;
  activity_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
}
const toOutbox = (r: OutboxDbRow): OutboxRow => ({
  id: r.id,
  tid: r.tid,
  recipientOid: r.recipient_oid,
  day: day(r.day),
  messages: r.messages,
  status: r.status,
  attempts: r.attempts,
  activityId: r.activity_id,
  lastError: r.last_error,
  sentAt: isoOrNull(r.sent_at),
});

export function botStore(db: Database): BotStore {
  const addAllToOutbox: BotStore['addAllToOutbox'] = async (rows, at) => {
    if (rows.length === 0) return [];
    return db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `insert into outbox (id, tid, recipient_oid, day, messages, status, created_at)
         select r.id, r.tid, r.recipient_oid, r.day::date, r.messages::jsonb, 'pending', $6::timestamptz
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as r(id, tid, recipient_oid, day, messages)
         on conflict do nothing returning id`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.tid),
          rows.map((r) => r.recipientOid),
          rows.map((r) => r.day),
          rows.map((r) => JSON.stringify(r.messages)),
          at,
        ],
      );
      const ids = new Set(inserted.map((r) => r.id));
      const recorded = rows.filter((r) => ids.has(r.id));
      const keys = recorded.flatMap((r) => r.messages.map((m) => [m.key, r.id] as const));
      if (keys.length > 0)
        await tx.query(
          'insert into outbox_keys (key, outbox_id) select * from unnest($1::text[], $2::text[])',
          [keys.map(([k]) => k), keys.map(([, id]) => id)],
        );
      return recorded.map((r) => r.id);
    });
  };
  return {
    async saveReference(ref) {
      // Installing again themselves lifts an earlier opt-out.
      await db.query('delete from chat_opt_outs where tid = $1 and oid = $2', [ref.tid, ref.oid]);
      const rows = await db.query<{ inserted: boolean }>(
        `insert into chat_references (tid, oid, conversation_id, service_url, bot_id, user_id, channel_id, locale, installed_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         on conflict (tid, oid) do update set conversation_id = excluded.conversation_id, service_url = excluded.service_url, bot_id = excluded.bot_id,
           user_id = excluded.user_id, channel_id = excluded.channel_id, locale = excluded.locale, unreachable_at = null, unreachable_reason = null
         returning (xmax = 0) as inserted`,
        [
          ref.tid,
          ref.oid,
          ref.conversationId,
          ref.serviceUrl,
          ref.botId,
          ref.userId,
          ref.channelId,
          ref.locale,
          ref.installedAt,
        ],
      );
      return rows[0]?.inserted ? 'new' : 'known';
    },
    async removeReference(tid, oid, at) {
      await db.transaction(async (tx) => {
        await tx.query('delete from chat_references where tid = $1 and oid = $2', [tid, oid]);
        await tx.query(
          'insert into chat_opt_outs (tid, oid, at) values ($1,$2,$3) on conflict (tid, oid) do update set at = excluded.at',
          [tid, oid, at],
        );
      });
    },
    async optedOut(tid, oid) {
      return (
        (await db.query('select 1 from chat_opt_outs where tid = $1 and oid = $2', [tid, oid])).length > 0
      );
    },
    async reference(tid, oid) {
      const [r] = await db.query<ReferenceRow>('select * from chat_references where tid = $1 and oid = $2', [
        tid,
        oid,
      ]);
      return r ? toReference(r) : undefined;
    },
    async references(tid, oids) {
      const rows = await db.query<ReferenceRow>(
        'select * from chat_references where tid = $1 and oid = any($2::text[])',
        [tid, [...oids]],
      );
      return new Map(rows.map((r) => [r.oid, toReference(r)]));
    },
    async markUnreachable({ tid, oid, reason, at }) {
      await db.query(
        'update chat_references set unreachable_at = $3, unreachable_reason = $4 where tid = $1 and oid = $2',
        [tid, oid, at, reason],
      );
    },
    async unreachable(tid) {
      return (
        await db.query<ReferenceRow>(
          'select * from chat_references where tid = $1 and unreachable_at is not null order by unreachable_at',
          [tid],
        )
      ).map(toReference);
    },
    async chatTenants() {
      return (await db.query<{ tid: string }>('select distinct tid from chat_references order by tid')).map(
        (r) => r.tid,
      );
    },

    async recipients(tid, after, limit) {
      return (
        await db.query<{ oid: string }>(
          'select oid from users where tid = $1 and active and ($2::text is null or oid > $2) order by oid limit $3',
          [tid, after, limit],
        )
      ).map((r) => r.oid);
    },
    async reminderState(tid, recipients, today) {
      const who = [...recipients];
      const conversations = await db.query<{
        id: string;
        tid: string;
        template_key: string;
        status: 'planned';
        leader_oid: string;
        employee_oid: string;
        scheduled_at: string | null;
        status_changed_at: Date;
        signed_by: string[] | null;
        reopened: Reopening | null;
      }>(
        `select c.id, c.tid, c.template_key, c.status, c.leader_oid, c.employee_oid, c.scheduled_at, c.status_changed_at,
                c.reopened, (select array_agg(s.oid) from signatures s where s.conversation_id = c.id) as signed_by
           from conversations c
          where c.tid = $1 and (c.leader_oid = any($2::text[]) or c.employee_oid = any($2::text[]))
            and ((c.status in ('planned','preparing') and c.scheduled_at is not null) or c.status = 'awaiting_signatures'
             or (c.status = 'held' and c.reopened is not null))`,
        [tid, who],
      );
      const items = await db.query<{ tid: string; owner_oid: string; leader_oid: string }>(
        `select c.tid, i.owner_oid, c.leader_oid from action_items i join conversations c on c.id = i.conversation_id
          where c.tid = $1 and (i.owner_oid = any($2::text[]) or c.leader_oid = any($2::text[]))
            and i.owner_oid in (c.leader_oid, c.employee_oid) and i.status <> 'achieved' and c.status in ('signed','archived')`,
        [tid, who],
      );
      // HR's rounds whose deadline is near (the nudge's own window is worked out in the domain): the
      // recipients' direct reports in scope without a conversation of the round.
      const unplanned = await db.query<{
        leader_oid: string;
        employee_oids: string[];
        round_id: string;
        template_key: string;
        period: string;
        deadline: string;
      }>(
        `select u.manager_oid as leader_oid, array_agg(u.oid order by u.oid) as employee_oids,
                r.id as round_id, r.template_key, r.period, r.deadline::text as deadline
           from rounds r
           join round_people p on p.round_id = r.id
           join users u on u.tid = r.tid and u.oid = p.oid
          where r.tid = $1 and r.deadline >= $3::date and r.deadline <= $3::date + 60
            and u.active and u.manager_oid = any($2::text[])
            and not exists (select 1 from conversations c where c.tid = r.tid and c.employee_oid = u.oid
                             and c.template_key = r.template_key and c.period = r.period and c.status <> 'cancelled')
          group by u.manager_oid, r.id, r.template_key, r.period, r.deadline`,
        [tid, who, today],
      );
      return {
        conversations: conversations.map((c) => ({
          id: c.id,
          tid: c.tid,
          templateKey: c.template_key,
          status: c.status,
          leaderOid: c.leader_oid,
          employeeOid: c.employee_oid,
          scheduledAt: c.scheduled_at,
          awaitingSince: c.status === ('awaiting_signatures' as string) ? iso(c.status_changed_at) : null,
          signedBy: c.signed_by ?? [],
          reopened: c.reopened,
        })),
        openItems: items.map((i) => ({ tid: i.tid, ownerOid: i.owner_oid, leaderOid: i.leader_oid })),
        unplanned: unplanned.map((u) => ({
          tid,
          leaderOid: u.leader_oid,
          employeeOids: u.employee_oids,
          roundId: u.round_id,
          templateKey: u.template_key,
          period: u.period,
          deadline: u.deadline.slice(0, 10),
        })),
      };
    },
    async sentKeys(keys) {
      if (keys.length === 0) return new Set();
      return new Set(
        (
          await db.query<{ key: string }>('select key from outbox_keys where key = any($1::text[])', [keys])
        ).map((r) => r.key),
      );
    },
    async messagedOn(d, tid, oids) {
      return new Set(
        (
          await db.query<{ recipient_oid: string }>(
            'select recipient_oid from outbox where day = $1 and tid = $2 and recipient_oid = any($3::text[])',
            [d, tid, [...oids]],
          )
        ).map((r) => r.recipient_oid),
      );
    },
    addAllToOutbox,
    async addToOutbox(row, at) {
      return (await addAllToOutbox([row], at)).length > 0;
    },
    async claim(id, at, staleBefore) {
      const [r] = await db.query<OutboxDbRow>(
        `update outbox set status = 'sending', attempts = attempts + 1, claimed_at = $2
          where id = $1 and (status = 'pending' or (status = 'sending' and claimed_at < $3)) returning *`,
        [id, at, staleBefore],
      );
      return r ? toOutbox(r) : undefined;
    },
    async markSent(id, activityId, at) {
      await db.query(
        "update outbox set status = 'sent', activity_id = $2, sent_at = $3, last_error = null where id = $1",
        [id, activityId, at],
      );
    },
    async markAttemptFailed(id, error, final) {
      await db.query(`update outbox set status = $3, last_error = $2, claimed_at = null where id = $1`, [
        id,
        error.slice(0, 500),
        final ? 'undeliverable' : 'pending',
      ]);
    },
    async claimedBefore(at) {
      return (
        await db.query<{ id: string }>(
          "select id from outbox where status = 'sending' and claimed_at < $1 order by claimed_at, id",
          [at],
        )
      ).map((r) => r.id);
    },
    async unsent() {
      return (
        await db.query<{ id: string }>(
          "select id from outbox where status in ('pending','sending') order by created_at, id",
        )
      ).map((r) => r.id);
    },
    async installAttemptedOn(tid, oid, d) {
      return (
        (
          await db.query('select 1 from app_installs where tid = $1 and oid = $2 and requested_on = $3', [
            tid,
            oid,
            d,
          ])
        ).length > 0
      );
    },
    async noteInstallAttempt({ tid, oid, day: d, outcome, detail }) {
      const rows = await db.query(
        'insert into app_installs (tid, oid, requested_on, outcome, detail) values ($1,$2,$3,$4,$5) on conflict do nothing returning oid',
        [tid, oid, d, outcome, detail],
      );
      return rows.length > 0;
    },
    async outbox(id) {
      const [r] = await db.query<OutboxDbRow>('select * from outbox where id = $1', [id]);
      return r ? toOutbox(r) : undefined;
    },
    async outboxFor(tid, oid) {
      const rows = await db.query<OutboxDbRow>(
        'select * from outbox where tid = $1 and recipient_oid = $2 order by day, id',
        [tid, oid],
      );
      return rows.map(toOutbox);
    },
  };
}
