// The SQL of feedback rounds (migration 018): the round, who is asked and whether they answered, and the
// answers, which are stored without the person or the time.
import type { FeedbackRound, FeedbackShare } from '../../domain/feedback.ts';
import type { FeedbackStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso, isoOrNull } from './sql-store.ts';

interface RoundRow {
  id: string;
  tid: string;
  conversation_id: string;
  template_key: string;
  statements: string[];
  opened_by: string;
  opened_at: Date;
  closes_on: string;
  closed_at: Date | null;
  shared: FeedbackShare;
}

const COLUMNS = `id, tid, conversation_id, template_key, statements, opened_by, opened_at,
  closes_on::text as closes_on, closed_at, shared`;

const toRound = (r: RoundRow): FeedbackRound => ({
  id: r.id,
  tid: r.tid,
  conversationId: r.conversation_id,
  templateKey: r.template_key,
  statements: r.statements,
  openedBy: r.opened_by,
  openedAt: iso(r.opened_at),
  closesOn: r.closes_on,
  closedAt: isoOrNull(r.closed_at),
  shared: r.shared,
});

export function feedbackQueries(q: Sql): FeedbackStore {
  const one = async <T extends object>(text: string, params: readonly unknown[]) =>
    (await q.query<T>(text, params))[0];
  const roundBy = async (column: 'id' | 'conversation_id', value: string, forUpdate = false) => {
    const r = await one<RoundRow>(
      `select ${COLUMNS} from feedback_rounds where ${column} = $1${forUpdate ? ' for update' : ''}`,
      [value],
    );
    return r && toRound(r);
  };
  return {
    async insertRound(r, invitations) {
      const rows = await q.query<{ id: string }>(
        `insert into feedback_rounds (id, tid, conversation_id, template_key, statements, opened_by, opened_at, closes_on, closed_at, shared)
         values ($1,$2,$3,$4,$5::text[],$6,$7,$8::date,$9,$10) on conflict (conversation_id) do nothing returning id`,
        [
          r.id,
          r.tid,
          r.conversationId,
          r.templateKey,
          [...r.statements],
          r.openedBy,
          r.openedAt,
          r.closesOn,
          r.closedAt,
          r.shared,
        ],
      );
      if (rows.length === 0) return 'exists';
      await q.query(
        `insert into feedback_invitations (round_id, oid, relation)
         select $1, unnest($2::text[]), unnest($3::text[]) on conflict do nothing`,
        [r.id, invitations.map((i) => i.oid), invitations.map((i) => i.relation)],
      );
      return 'ok';
    },
    round: (id, opts) => roundBy('id', id, opts?.forUpdate),
    roundOf: (conversationId, opts) => roundBy('conversation_id', conversationId, opts?.forUpdate),
    async invitations(roundId) {
      return q.query<{ oid: string; relation: 'report' | 'peer'; answered: boolean }>(
        'select oid, relation, answered from feedback_invitations where round_id = $1 order by oid',
        [roundId],
      );
    },
    async invitation(roundId, oid) {
      return one<{ answered: boolean }>(
        'select answered from feedback_invitations where round_id = $1 and oid = $2',
        [roundId, oid],
      );
    },
    async recordResponse(r) {
      const invited = await one<{ answered: boolean }>(
        'select answered from feedback_invitations where round_id = $1 and oid = $2 for update',
        [r.roundId, r.oid],
      );
      if (!invited) return 'not-invited';
      if (invited.answered) return 'answered';
      await q.query('update feedback_invitations set answered = true where round_id = $1 and oid = $2', [
        r.roundId,
        r.oid,
      ]);
      await q.query('insert into feedback_responses (round_id, ratings, text) values ($1, $2, $3)', [
        r.roundId,
        r.ratings,
        r.text,
      ]);
      return 'ok';
    },
    async responses(roundId) {
      return q.query<{ ratings: number[]; text: string | null }>(
        'select ratings, text from feedback_responses where round_id = $1',
        [roundId],
      );
    },
    async roundsAsking(tid, oid) {
      const rows = await q.query<
        RoundRow & { subject_oid: string; relation: 'report' | 'peer'; answered: boolean }
      >(
        `select r.id, r.tid, r.conversation_id, r.template_key, r.statements, r.opened_by, r.opened_at,
                r.closes_on::text as closes_on, r.closed_at, r.shared,
                c.employee_oid as subject_oid, i.relation, i.answered
           from feedback_invitations i
           join feedback_rounds r on r.id = i.round_id
           join conversations c on c.id = r.conversation_id
          where r.tid = $1 and i.oid = $2
          order by r.opened_at, r.id`,
        [tid, oid],
      );
      return rows.map((r) => ({
        round: toRound(r),
        subjectOid: r.subject_oid,
        relation: r.relation,
        answered: r.answered,
      }));
    },
    async close(roundId, at) {
      await q.query('update feedback_rounds set closed_at = coalesce(closed_at, $2) where id = $1', [
        roundId,
        at,
      ]);
    },
    async setShared(roundId, shared) {
      await q.query('update feedback_rounds set shared = $2 where id = $1', [roundId, shared]);
    },
    async openRounds(tid, today) {
      // The first message's key is feedbackInputKey (src/domain/feedback.ts); its outbox day is when
      // the person was first asked.
      const rows = await q.query<{
        id: string;
        subject_oid: string;
        closes_on: string;
        oid: string | null;
        answered: boolean | null;
        asked_on: string | null;
      }>(
        `select r.id, c.employee_oid as subject_oid, r.closes_on::text as closes_on, i.oid, i.answered,
                o.day::text as asked_on
           from feedback_rounds r
           join conversations c on c.id = r.conversation_id
           left join feedback_invitations i on i.round_id = r.id
           left join outbox_keys k on k.key = 'feedback-input:' || r.id::text || ':' || i.oid
           left join outbox o on o.id = k.outbox_id
          where r.tid = $1 and r.closed_at is null and r.closes_on >= $2::date and c.status <> 'cancelled'
          order by r.id, i.oid`,
        [tid, today],
      );
      const rounds = new Map<
        string,
        {
          id: string;
          subjectOid: string;
          closesOn: string;
          invitations: { oid: string; answered: boolean; askedOn: string | null }[];
        }
      >();
      for (const r of rows) {
        const round = rounds.get(r.id) ?? {
          id: r.id,
          subjectOid: r.subject_oid,
          closesOn: r.closes_on,
          invitations: [],
        };
        rounds.set(r.id, round);
        if (r.oid !== null)
          round.invitations.push({ oid: r.oid, answered: r.answered === true, askedOn: r.asked_on });
      }
      return [...rounds.values()];
    },
  };
}
