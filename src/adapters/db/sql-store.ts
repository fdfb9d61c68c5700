import type { ActionItem, CellMeta, Cells, FollowUpStatus, Slot } from '../../domain/answers.ts';
import { AUDIT_GENESIS, auditHash, type StoredAuditEvent } from '../../domain/audit.ts';
import type { Json } from '../../domain/canonical-json.ts';
import {
  RUNNING_STATUSES,
  type Conversation,
  type Reopening,
  type Status,
} from '../../domain/conversation.ts';
import type { Answer } from '../../domain/answers.ts';
import type { Signature } from '../../domain/signatures.ts';
import type { Party, Template } from '../../domain/templates/model.ts';
import type { ArchiveCopyRow, ConversationFilter, SaveResult, Store } from '../../ports.ts';
import type { Database, Sql } from './database.ts';
import { feedbackQueries } from './feedback-store.ts';
import { meetingQueries } from './meeting-store.ts';
import { kompassQueries } from './kompass-store.ts';
import { planQueries } from './plan-store.ts';
import { retentionQueries, toHold } from './retention-store.ts';
import { roundQueries } from './round-store.ts';

/** Timestamps as ISO strings, whether the driver gives a Date (pg) or text. */
export const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

export interface ConversationRow {
  id: string;
  tid: string;
  template_key: string;
  template_version: string;
  period: string;
  status: Status;
  leader_oid: string;
  employee_oid: string;
  unit_id: string | null;
  scheduled_at: string | null;
  scheduled_time: string | null;
  duration_minutes: number | null;
  created_at: Date;
  updated_at: Date;
  cancelled_from: Status | null;
  reopened: Reopening | null;
  salary_salt: string | null;
}
export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  tid: r.tid,
  templateKey: r.template_key,
  templateVersion: r.template_version,
  period: r.period,
  status: r.status,
  leaderOid: r.leader_oid,
  employeeOid: r.employee_oid,
  unitId: r.unit_id,
  scheduledAt: r.scheduled_at,
  scheduledTime: r.scheduled_time,
  durationMinutes: r.duration_minutes,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  cancelledFrom: r.cancelled_from,
  reopened: r.reopened,
  salarySalt: r.salary_salt,
});

interface AuditRow {
  seq: number;
  tid: string;
  at: Date;
  actor_oid: string;
  action: string;
  subject: string;
  data: Json;
  prev_hash: string;
  hash: string;
}
const toAuditEvent = (r: AuditRow): StoredAuditEvent => ({
  seq: r.seq,
  tid: r.tid,
  at: iso(r.at),
  actorOid: r.actor_oid,
  action: r.action,
  subject: r.subject,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
});

interface AnswerRow {
  field_id: string;
  slot: Slot;
  value: Json;
  version: number;
  updated_by: string;
  updated_at: Date;
  shared_at: Date | null;
}
const toAnswer = (r: AnswerRow): Answer => ({
  fieldId: r.field_id,
  slot: r.slot,
  value: r.value,
  version: r.version,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
  sharedAt: isoOrNull(r.shared_at),
});

interface ItemRow {
  id: string;
  conversation_id: string;
  field_id: string;
  position: number;
  cells: Cells;
  owner_oid: string | null;
  due: string | null;
  status: FollowUpStatus;
  status_comment: string | null;
  status_updated_at: Date | null;
  version: number;
  cell_meta: CellMeta;
  serves_goal_id: string | null;
}
const toItem = (r: ItemRow): ActionItem => ({
  id: r.id,
  conversationId: r.conversation_id,
  fieldId: r.field_id,
  position: r.position,
  cells: r.cells,
  ownerOid: r.owner_oid,
  due: r.due,
  status: r.status,
  statusComment: r.status_comment,
  statusUpdatedAt: isoOrNull(r.status_updated_at),
  version: r.version,
  cellMeta: r.cell_meta,
  servesGoalId: r.serves_goal_id,
});

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === UNIQUE_VIOLATION;

/** An archive_copies row as the database gives it. */
export interface CopyDbRow {
  conversation_id: string;
  part: 'record' | 'salary';
  path: string;
  location: string;
  checksum: string;
  content_hash: string;
  archived_at: Date;
  metadata_checksum: string | null;
  dispose_on: string | Date | null;
}
export const copyRow = (r: CopyDbRow): ArchiveCopyRow => ({
  conversationId: r.conversation_id,
  part: r.part,
  path: r.path,
  location: r.location,
  checksum: r.checksum,
  contentHash: r.content_hash,
  archivedAt: iso(r.archived_at),
  metadataChecksum: r.metadata_checksum,
  // A date column comes as a Date from pg (midnight UTC: its ISO date is the date) and as text from PGlite.
  disposeOn:
    r.dispose_on === null
      ? null
      : r.dispose_on instanceof Date
        ? iso(r.dispose_on).slice(0, 10)
        : r.dispose_on.slice(0, 10),
});

/** The one Store implementation: PostgreSQL SQL, run by PGlite or by a PostgreSQL server. */
export function sqlStore(db: Database): Store {
  return build(db, (fn) => db.transaction((tx) => fn(inTransaction(tx))));
}

function inTransaction(tx: Sql): Store {
  // Inside a transaction, a nested transaction simply joins it.
  const store: Store = build(tx, (fn) => fn(store));
  return store;
}

function build(q: Sql, transaction: Store['transaction']): Store {
  const one = async <T extends object>(text: string, params: readonly unknown[]) =>
    (await q.query<T>(text, params))[0];
  const CONV = 'select * from conversations';

  return {
    transaction,
    plans: planQueries(q),
    feedback: feedbackQueries(q),
    meetings: meetingQueries(q),
    kompass: kompassQueries(q),
    retention: retentionQueries(q),
    rounds: roundQueries(q),

    async insertConversation(c, createdBy) {
      try {
        await q.query(
          `insert into conversations (id, tid, template_key, template_version, period, status, leader_oid, employee_oid, unit_id, scheduled_at, created_by, created_at, updated_at, status_changed_at, salary_salt, scheduled_time, duration_minutes)
           values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12,$12,$13,$14,$15)`,
          [
            c.id,
            c.tid,
            c.templateKey,
            c.templateVersion,
            c.period,
            c.status,
            c.leaderOid,
            c.employeeOid,
            c.unitId,
            c.scheduledAt,
            createdBy,
            c.createdAt,
            c.salarySalt,
            c.scheduledTime,
            c.durationMinutes,
          ],
        );
        return 'ok';
      } catch (e) {
        if (isUniqueViolation(e)) return 'exists';
        throw e;
      }
    },
    async conversation(id, opts) {
      const r = await one<ConversationRow>(`${CONV} where id = $1${opts?.forUpdate ? ' for update' : ''}`, [
        id,
      ]);
      return r && toConversation(r);
    },
    async conversationsOf(tid, oid) {
      const rows = await q.query<ConversationRow>(
        `${CONV} where tid = $1 and (leader_oid = $2 or employee_oid = $2) order by created_at desc, id`,
        [tid, oid],
      );
      return rows.map(toConversation);
    },
    async conversationsOfEmployees(tid, oids, period) {
      if (oids.length === 0) return [];
      const rows = await q.query<ConversationRow>(
        `${CONV} where tid = $1 and employee_oid = any($2::text[]) and ($3::text is null or period = $3) order by created_at desc, id`,
        [tid, [...oids], period ?? null],
      );
      return rows.map(toConversation);
    },
    async changeLeader(id, leaderOid, at) {
      const r = await one<ConversationRow>(
        `update conversations set leader_oid = $2, updated_at = $3 where id = $1 and status in ('planned','preparing') returning *`,
        [id, leaderOid, at],
      );
      return r ? toConversation(r) : undefined;
    },
    async conversationsInTenant(f: ConversationFilter) {
      const rows = await q.query<ConversationRow>(
        `${CONV} where tid = $1 and ($2::text is null or period = $2) and ($3::text is null or status = $3)
           and ($4::text[] is null or employee_oid = any($4::text[])) order by created_at desc, id`,
        [f.tid, f.period ?? null, f.status ?? null, f.employeeOids ? [...f.employeeOids] : null],
      );
      return rows.map(toConversation);
    },
    async previousConversation(c) {
      const r = await one<ConversationRow>(
        `${CONV} where tid = $1 and template_key = $2 and leader_oid = $3 and employee_oid = $4 and period < $5 and id <> $6
           and status in ('signed','archived') order by period desc limit 1`,
        [c.tid, c.templateKey, c.leaderOid, c.employeeOid, c.period, c.id],
      );
      return r && toConversation(r);
    },
    async conflictingConversation(c) {
      const r = await one<ConversationRow>(
        `${CONV} where tid = $1 and template_key = $2 and employee_oid = $3 and period = $4 and id <> $5 and status <> 'cancelled' limit 1`,
        [c.tid, c.templateKey, c.employeeOid, c.period, c.id],
      );
      return r && toConversation(r);
    },
    async updateConversation(id, patch) {
      // cancelledFrom and reopened are set when given (null clears them) and kept when left out.
      const r = await one<ConversationRow>(
        `update conversations set status_changed_at = case when $2::text is not null and $2::text <> status then $3 else status_changed_at end,
           status = coalesce($2, status), updated_at = $3,
           cancelled_from = case when $4 then $5 else cancelled_from end,
           reopened = case when $6 then $7::jsonb else reopened end
         where id = $1 returning *`,
        [
          id,
          patch.status ?? null,
          patch.at,
          patch.cancelledFrom !== undefined,
          patch.cancelledFrom ?? null,
          patch.reopened !== undefined,
          patch.reopened ? JSON.stringify(patch.reopened) : null,
        ],
      );
      if (!r) throw new Error(`conversation ${id} vanished during update`);
      return toConversation(r);
    },

    async answers(conversationId) {
      return (
        await q.query<AnswerRow>('select * from answers where conversation_id = $1 order by field_id, slot', [
          conversationId,
        ])
      ).map(toAnswer);
    },
    async saveAnswer({ conversationId, fieldId, slot, value, baseVersion, by, at }): Promise<SaveResult> {
      const json = JSON.stringify(value);
      // One statement each way, so two concurrent saves from one base version cannot both win.
      const rows =
        baseVersion === 0
          ? await q.query<AnswerRow>(
              `insert into answers (conversation_id, field_id, slot, value, version, updated_by, updated_at)
               values ($1,$2,$3,$4::jsonb,1,$5,$6) on conflict do nothing returning *`,
              [conversationId, fieldId, slot, json, by, at],
            )
          : await q.query<AnswerRow>(
              `update answers set value = $4::jsonb, version = version + 1, updated_by = $5, updated_at = $6
               where conversation_id = $1 and field_id = $2 and slot = $3 and version = $7 returning *`,
              [conversationId, fieldId, slot, json, by, at, baseVersion],
            );
      if (rows[0]) return { ok: true, answer: toAnswer(rows[0]) };
      const current = await one<AnswerRow>(
        'select * from answers where conversation_id = $1 and field_id = $2 and slot = $3',
        [conversationId, fieldId, slot],
      );
      return { ok: false, current: current ? toAnswer(current) : null };
    },
    async preparedParties(conversationId, fieldIds) {
      if (fieldIds.length === 0) return [];
      const rows = await q.query<{ slot: Party }>(
        `select distinct slot from answers where conversation_id = $1 and slot in ('leader','employee')
           and field_id = any($2::text[]) and value <> 'null'::jsonb and value <> '""'::jsonb`,
        [conversationId, [...fieldIds]],
      );
      return rows.map((r) => r.slot);
    },
    async shareAnswers({ conversationId, slot, fieldIds, at }) {
      const rows = await q.query<{ field_id: string }>(
        `update answers set shared_at = $3 where conversation_id = $1 and slot = $2 and shared_at is null
           and ($4::text[] is null or field_id = any($4::text[])) returning field_id`,
        [conversationId, slot, at, fieldIds ? [...fieldIds] : null],
      );
      return rows.map((r) => r.field_id).sort();
    },

    async items(conversationId) {
      return (
        await q.query<ItemRow>(
          'select * from action_items where conversation_id = $1 order by field_id, position, id',
          [conversationId],
        )
      ).map(toItem);
    },
    async itemsOwnedBy(tid, oid) {
      const rows = await q.query<ItemRow & { tid: string }>(
        `select i.*, c.tid from action_items i join conversations c on c.id = i.conversation_id
          where c.tid = $1 and i.owner_oid = $2 and i.owner_oid in (c.leader_oid, c.employee_oid) order by i.due nulls last, i.id`,
        [tid, oid],
      );
      return rows.map((r) => ({ ...toItem(r), tid: r.tid }));
    },
    async item(id) {
      const r = await one<ItemRow>('select * from action_items where id = $1', [id]);
      return r && toItem(r);
    },
    async linkItem(id, servesGoalId) {
      const r = await one<ItemRow>('update action_items set serves_goal_id = $2 where id = $1 returning *', [
        id,
        servesGoalId,
      ]);
      return r ? toItem(r) : undefined;
    },
    async itemsServing(goalIds) {
      if (goalIds.length === 0) return [];
      const rows = await q.query<ItemRow & { leader_oid: string; employee_oid: string; tid: string }>(
        `select i.*, c.leader_oid, c.employee_oid, c.tid from action_items i join conversations c on c.id = i.conversation_id
          where i.serves_goal_id = any($1::uuid[]) and c.status <> 'cancelled'`,
        [goalIds],
      );
      return rows.map((r) => ({
        item: toItem(r),
        leaderOid: r.leader_oid,
        employeeOid: r.employee_oid,
        tid: r.tid,
      }));
    },
    async fieldLinks(conversationId) {
      const rows = await q.query<{ field_id: string; goal_id: string }>(
        'select field_id, goal_id from field_links where conversation_id = $1',
        [conversationId],
      );
      return Object.fromEntries(rows.map((r) => [r.field_id, r.goal_id]));
    },
    async linkField(conversationId, fieldId, goalId) {
      await (goalId === null
        ? q.query('delete from field_links where conversation_id = $1 and field_id = $2', [
            conversationId,
            fieldId,
          ])
        : q.query(
            `insert into field_links (conversation_id, field_id, goal_id) values ($1,$2,$3)
             on conflict (conversation_id, field_id) do update set goal_id = excluded.goal_id`,
            [conversationId, fieldId, goalId],
          ));
    },
    async fieldsServing(goalIds) {
      if (goalIds.length === 0) return [];
      const rows = await q.query<{
        conversation_id: string;
        field_id: string;
        goal_id: string;
        leader_oid: string;
        employee_oid: string;
        value: unknown;
      }>(
        `select l.conversation_id, l.field_id, l.goal_id, c.leader_oid, c.employee_oid, a.value
           from field_links l join conversations c on c.id = l.conversation_id
           left join answers a on a.conversation_id = l.conversation_id and a.field_id = l.field_id and a.slot = 'shared'
          where l.goal_id = any($1::uuid[]) and c.status <> 'cancelled'`,
        [goalIds],
      );
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        fieldId: r.field_id,
        goalId: r.goal_id,
        text: typeof r.value === 'string' ? r.value : '',
        leaderOid: r.leader_oid,
        employeeOid: r.employee_oid,
      }));
    },
    async insertItem(i, at) {
      await q.query(
        `insert into action_items (id, conversation_id, field_id, position, cells, owner_oid, due, status, version, created_at, cell_meta)
         values ($1,$2,$3,$4,$5::jsonb,$6,$7,$8,$9,$10,$11::jsonb)`,
        [
          i.id,
          i.conversationId,
          i.fieldId,
          i.position,
          JSON.stringify(i.cells),
          i.ownerOid,
          i.due,
          i.status,
          i.version,
          at,
          JSON.stringify(i.cellMeta),
        ],
      );
    },
    async updateItemCells({ id, cells, cellMeta, ownerOid, due, baseVersion }) {
      const r = await one<ItemRow>(
        `update action_items set cells = $2::jsonb, owner_oid = $3, due = $4, cell_meta = $6::jsonb, version = version + 1
          where id = $1 and version = $5 returning *`,
        [id, JSON.stringify(cells), ownerOid, due, baseVersion, JSON.stringify(cellMeta)],
      );
      return r && toItem(r);
    },
    async updateItemStatus({ id, status, comment, at, by, baseVersion }) {
      const r = await one<ItemRow>(
        `update action_items set status = $2, status_comment = $3, status_updated_at = $4, version = version + 1 where id = $1 and version = $5 returning *`,
        [id, status, comment, at, baseVersion],
      );
      if (r)
        await q.query(
          'insert into follow_up_updates (item_id, status, comment, at, by_oid) values ($1,$2,$3,$4,$5)',
          [id, status, comment, at, by],
        );
      return r && toItem(r);
    },
    async followUpHistory(itemIds) {
      if (itemIds.length === 0) return [];
      const rows = await q.query<{
        item_id: string;
        status: FollowUpStatus;
        comment: string | null;
        at: Date;
        by_oid: string;
      }>(
        'select item_id, status, comment, at, by_oid from follow_up_updates where item_id = any($1::uuid[]) order by item_id, seq',
        [[...itemIds]],
      );
      return rows.map((r) => ({
        itemId: r.item_id,
        status: r.status,
        comment: r.comment,
        at: iso(r.at),
        byOid: r.by_oid,
      }));
    },
    async deleteItem(id, baseVersion) {
      return (
        (
          await q.query('delete from action_items where id = $1 and version = $2 returning id', [
            id,
            baseVersion,
          ])
        ).length === 1
      );
    },

    async signatures(conversationId) {
      const rows = await q.query<{
        party: Party;
        tid: string;
        oid: string;
        name: string;
        upn: string;
        signed_at: Date;
        content_hash: string;
      }>('select * from signatures where conversation_id = $1 order by signed_at, party', [conversationId]);
      return rows.map((r): Signature => ({
        party: r.party,
        tid: r.tid,
        oid: r.oid,
        name: r.name,
        upn: r.upn,
        signedAt: iso(r.signed_at),
        contentHash: r.content_hash,
      }));
    },
    async insertSignature(conversationId, s) {
      const rows = await q.query(
        `insert into signatures (conversation_id, party, tid, oid, name, upn, signed_at, content_hash) values ($1,$2,$3,$4,$5,$6,$7,$8)
         on conflict do nothing returning party`,
        [conversationId, s.party, s.tid, s.oid, s.name, s.upn, s.signedAt, s.contentHash],
      );
      return rows.length === 1 ? 'ok' : 'exists';
    },
    async clearSignatures(conversationId) {
      return (
        await q.query('delete from signatures where conversation_id = $1 returning party', [conversationId])
      ).length;
    },

    async snapshotTemplate(t: Template) {
      await q.query(
        'insert into template_snapshots (key, version, definition) values ($1,$2,$3::jsonb) on conflict do nothing',
        [t.key, t.version, JSON.stringify(t)],
      );
    },
    async templateSnapshot(key, version) {
      const r = await one<{ definition: Template }>(
        'select definition from template_snapshots where key = $1 and version = $2',
        [key, version],
      );
      return r?.definition;
    },
    async currentCustomisation(tid, key) {
      return one<{ revision: number; version: string }>(
        'select revision, version from template_customisations where tid = $1 and key = $2 order by revision desc limit 1',
        [tid, key],
      );
    },
    async saveCustomisation({ tid, key, revision, version, by }) {
      try {
        await q.query(
          'insert into template_customisations (tid, key, revision, version, created_by) values ($1,$2,$3,$4,$5)',
          [tid, key, revision, version, by],
        );
        return 'ok';
      } catch (e) {
        if (isUniqueViolation(e)) return 'exists';
        throw e;
      }
    },

    async recordArchiveCopy(r) {
      await q.query(
        `insert into archive_copies (conversation_id, part, path, location, checksum, content_hash, archived_at, metadata_checksum, dispose_on) values ($1,$2,$3,$4,$5,$6,$7,$8,$9::date)
         on conflict (conversation_id, part) do update set path = excluded.path, location = excluded.location, checksum = excluded.checksum,
           content_hash = excluded.content_hash, archived_at = excluded.archived_at, metadata_checksum = excluded.metadata_checksum,
           dispose_on = excluded.dispose_on, item_permissions = false`,
        [
          r.conversationId,
          r.part,
          r.path,
          r.location,
          r.checksum,
          r.contentHash,
          r.archivedAt,
          r.metadataChecksum,
          r.disposeOn,
        ],
      );
    },
    async archivePage(tid, f, page) {
      // Names from the directory copy in the same query: a page never looks people up one by one.
      const where = `c.tid = $1 and ($2::text is null or left(c.period, 4) = $2) and ($3::text is null or c.template_key = $3)
        and ($4::text is null or c.unit_id = $4) and (a.part = 'record' or $5)`;
      const args = [tid, f.year ?? null, f.templateKey ?? null, f.unitId ?? null, f.salary];
      const after = page.after;
      const rows = await q.query<
        CopyDbRow & {
          template_key: string;
          period: string;
          unit_id: string | null;
          employee_name: string | null;
          leader_name: string | null;
          employee_oid: string;
          leader_oid: string;
          hold_reason: string | null;
          hold_by: string | null;
          hold_at: Date | null;
        }
      >(
        `select a.*, c.template_key, c.period, c.unit_id, c.employee_oid, c.leader_oid, e.name as employee_name, l.name as leader_name,
                h.reason as hold_reason, h.placed_by as hold_by, h.placed_at as hold_at
           from archive_copies a join conversations c on c.id = a.conversation_id
           left join retention_holds h on h.conversation_id = c.id
           left join users e on e.tid = c.tid and e.oid = c.employee_oid
           left join users l on l.tid = c.tid and l.oid = c.leader_oid
          where ${where}
            and ($6::timestamptz is null or (a.archived_at, a.conversation_id::text, a.part) < ($6::timestamptz, $7::text, $8::text))
          order by a.archived_at desc, a.conversation_id::text desc, a.part desc
          limit $9`,
        [...args, after?.archivedAt ?? null, after?.conversationId ?? null, after?.part ?? null, page.limit],
      );
      const [counted] = await q.query<{ n: number }>(
        `select count(*)::int as n from archive_copies a join conversations c on c.id = a.conversation_id where ${where}`,
        args,
      );
      const years = await q.query<{ y: string }>(
        `select distinct left(c.period, 4) as y from archive_copies a join conversations c on c.id = a.conversation_id
          where c.tid = $1 and (a.part = 'record' or $2) order by y desc`,
        [tid, f.salary],
      );
      return {
        rows: rows.map((r) => ({
          ...copyRow(r),
          templateKey: r.template_key,
          period: r.period,
          unitId: r.unit_id,
          employeeName: r.employee_name ?? r.employee_oid,
          leaderName: r.leader_name ?? r.leader_oid,
          hold:
            r.hold_reason !== null && r.hold_by !== null && r.hold_at !== null
              ? toHold({ reason: r.hold_reason, placed_by: r.hold_by, placed_at: r.hold_at })
              : null,
        })),
        total: counted?.n ?? 0,
        years: years.map((y) => y.y),
      };
    },
    async countRunningConversations(tid, templateKey) {
      const [row] = await q.query<{ n: number }>(
        'select count(*)::int as n from conversations where tid = $1 and template_key = $2 and status = any($3::text[])',
        [tid, templateKey, [...RUNNING_STATUSES]],
      );
      return row?.n ?? 0;
    },
    async completionCounts(tid, period) {
      const rows = await q.query<{ unit_id: string | null; template_key: string; status: Status; n: number }>(
        `select unit_id, template_key, status, count(*)::int as n from conversations
          where tid = $1 and period = $2 group by unit_id, template_key, status`,
        [tid, period],
      );
      return rows.map((r) => ({ unitId: r.unit_id, templateKey: r.template_key, status: r.status, n: r.n }));
    },
    async awaitingArchive() {
      return (
        await q.query<{ id: string }>(
          "select id from conversations where status = 'signed' order by updated_at, id",
        )
      ).map((r) => r.id);
    },
    async copiesWithItemPermissions(limit, after) {
      const rows = await q.query<CopyDbRow>(
        `select * from archive_copies where item_permissions and (conversation_id, part) > ($1::uuid, $2)
          order by conversation_id, part limit $3`,
        [after?.conversationId ?? '00000000-0000-0000-0000-000000000000', after?.part ?? '', limit],
      );
      return rows.map(copyRow);
    },
    async markPermissionsMigrated(conversationId, part, location) {
      await q.query(
        `update archive_copies set item_permissions = false, location = coalesce($3, location)
          where conversation_id = $1 and part = $2`,
        [conversationId, part, location],
      );
    },
    async archiveCopies(conversationId) {
      const rows = await q.query<CopyDbRow>(
        'select * from archive_copies where conversation_id = $1 order by part',
        [conversationId],
      );
      return rows.map(copyRow);
    },

    async appendAudit(e) {
      // The chain head row serialises appends, so the chain never forks.
      const head = await one<{ hash: string }>('select hash from audit_head where id = 1 for update', []);
      const prev = head?.hash ?? AUDIT_GENESIS;
      const hash = auditHash(prev, e);
      await q.query(
        'insert into audit_events (tid, at, actor_oid, action, subject, data, prev_hash, hash) values ($1,$2,$3,$4,$5,$6::jsonb,$7,$8)',
        [e.tid, e.at, e.actorOid, e.action, e.subject, JSON.stringify(e.data), prev, hash],
      );
      await q.query('update audit_head set hash = $1 where id = 1', [hash]);
    },
    async auditHead() {
      const row = await one<{ seq: number; hash: string; at: Date }>(
        'select seq, hash, at from audit_events order by seq desc limit 1',
        [],
      );
      return row ? { seq: row.seq, hash: row.hash, at: iso(row.at) } : null;
    },
    async auditEventsAbout(tid, subjects) {
      if (subjects.length === 0) return [];
      const rows = await q.query<AuditRow>(
        'select * from audit_events where tid = $1 and subject = any($2::text[]) order by seq',
        [tid, [...subjects]],
      );
      return rows.map(toAuditEvent);
    },
    async auditTrail() {
      const rows = await q.query<AuditRow>('select * from audit_events order by seq');
      const [head] = await q.query<{ hash: string }>('select hash from audit_head where id = 1');
      return { head: head?.hash ?? AUDIT_GENESIS, events: rows.map(toAuditEvent) };
    },
  };
}
