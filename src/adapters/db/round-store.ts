// The SQL of HR's rounds (migration 016): the round, who is in scope, and how far each person has come.
// Status only: a round never reads a conversation's content.
import type { Status } from '../../domain/conversation.ts';
import type { Round, RoundStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso } from './sql-store.ts';

interface RoundRow {
  id: string;
  tid: string;
  template_key: string;
  period: string;
  deadline: string;
  unit_ids: string[];
  created_by: string;
  created_at: Date;
}
const toRound = (r: RoundRow): Round => ({
  id: r.id,
  tid: r.tid,
  templateKey: r.template_key,
  period: r.period,
  deadline: r.deadline.slice(0, 10),
  unitIds: r.unit_ids,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
});
const ROUND = `select id, tid, template_key, period, deadline::text as deadline, unit_ids, created_by, created_at from rounds`;
// A person's conversation of the round: its template and period, not cancelled (at most one, by the
// one-per-period rule).
const THEIRS = `c.tid = r.tid and c.employee_oid = p.oid and c.template_key = r.template_key and c.period = r.period
  and c.status <> 'cancelled'`;

export function roundQueries(q: Sql): RoundStore {
  return {
    async insertRound(r, people) {
      await q.query(
        `insert into rounds (id, tid, template_key, period, deadline, unit_ids, created_by, created_at)
         values ($1,$2,$3,$4,$5::date,$6::text[],$7,$8)`,
        [r.id, r.tid, r.templateKey, r.period, r.deadline, r.unitIds, r.createdBy, r.createdAt],
      );
      await q.query(
        'insert into round_people (round_id, oid) select $1, unnest($2::text[]) on conflict do nothing',
        [r.id, [...people]],
      );
    },
    async periods(tid) {
      const rows = await q.query<{ period: string }>('select distinct period from rounds where tid = $1', [
        tid,
      ]);
      return rows.map((r) => r.period);
    },
    async round(id) {
      const [row] = await q.query<RoundRow>(`${ROUND} where id = $1`, [id]);
      return row && toRound(row);
    },
    async rounds(tid, period) {
      const rows = await q.query<RoundRow & { in_scope: number; done: number; with_conversation: number }>(
        `select r.id, r.tid, r.template_key, r.period, r.deadline::text as deadline, r.unit_ids, r.created_by, r.created_at,
                (select count(*)::int from round_people p where p.round_id = r.id) as in_scope,
                (select count(*)::int from round_people p where p.round_id = r.id
                   and exists (select 1 from conversations c where ${THEIRS})) as with_conversation,
                (select count(*)::int from round_people p where p.round_id = r.id
                   and exists (select 1 from conversations c where ${THEIRS} and c.status in ('signed','archived'))) as done
           from rounds r
          where r.tid = $1 and ($2::text is null or r.period = $2)
          order by r.deadline desc, r.created_at desc`,
        [tid, period ?? null],
      );
      return rows.map((r) => ({
        ...toRound(r),
        inScope: r.in_scope,
        done: r.done,
        withConversation: r.with_conversation,
      }));
    },
    async people(roundId, page) {
      const after = page.after;
      const rows = await q.query<{
        oid: string;
        name: string;
        unit_id: string | null;
        unit_name: string;
        status: Status | null;
        conversation_id: string | null;
      }>(
        `select * from (
           select p.oid, coalesce(u.name, p.oid) as name, u.unit_id, coalesce(n.name, '') as unit_name,
                  c.status, c.id as conversation_id
             from round_people p join rounds r on r.id = p.round_id
             left join users u on u.tid = r.tid and u.oid = p.oid
             left join units n on n.tid = r.tid and n.id = u.unit_id
             left join lateral (select c.id, c.status from conversations c where ${THEIRS} limit 1) c on true
            where p.round_id = $1) x
          where ($2::text is null or (x.unit_name, x.name, x.oid) > ($2::text, $3::text, $4::text))
          order by x.unit_name, x.name, x.oid
          limit $5`,
        [roundId, after?.unitName ?? null, after?.name ?? null, after?.oid ?? null, page.limit],
      );
      return rows.map((r) => ({
        oid: r.oid,
        name: r.name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        status: r.status,
        conversationId: r.conversation_id,
      }));
    },
    async coverageByUnit(roundId) {
      const rows = await q.query<{
        unit_id: string | null;
        in_scope: number;
        with_conversation: number;
        done: number;
      }>(
        `select u.unit_id, count(*)::int as in_scope,
                count(c.status)::int as with_conversation,
                count(*) filter (where c.status in ('signed','archived'))::int as done
           from round_people p join rounds r on r.id = p.round_id
           left join users u on u.tid = r.tid and u.oid = p.oid
           left join lateral (select c.status from conversations c where ${THEIRS} limit 1) c on true
          where p.round_id = $1
          group by u.unit_id`,
        [roundId],
      );
      return rows.map((r) => ({
        unitId: r.unit_id,
        inScope: r.in_scope,
        withConversation: r.with_conversation,
        done: r.done,
      }));
    },
    async deleteRound(id) {
      const gone = await q.query<{ id: string }>('delete from rounds where id = $1 returning id', [id]);
      return gone.length > 0;
    },
  };
}
