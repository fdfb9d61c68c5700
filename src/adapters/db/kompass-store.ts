// The SQL of Kommunekompass rounds (migration 009): rounds, scores, notes, and the groups' input,
// whose answers are stored without the person (their invitation only notes that they answered).
import type { KompassRound, RespondentGroup, RoundStatus } from '../../domain/kompass-round.ts';
import type { AreaNote, KompassStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso } from './sql-store.ts';

interface RoundRow {
  id: string;
  tid: string;
  year: number;
  status: RoundStatus;
  assessors: string[];
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const toRound = (r: RoundRow): KompassRound => ({
  id: r.id,
  tid: r.tid,
  year: r.year,
  status: r.status,
  assessors: r.assessors,
  version: r.version,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

interface NoteRow {
  round_id: string;
  area: number;
  kind: AreaNote['kind'];
  text: string;
  version: number;
  by_oid: string;
  at: Date;
}

const toNote = (r: NoteRow): AreaNote => ({
  roundId: r.round_id,
  area: r.area,
  kind: r.kind,
  text: r.text,
  version: r.version,
  byOid: r.by_oid,
  at: iso(r.at),
});

export function kompassQueries(q: Sql): KompassStore {
  const one = async <T extends object>(text: string, params: readonly unknown[]) =>
    (await q.query<T>(text, params))[0];
  return {
    async insertRound(r) {
      const rows = await q.query<{ id: string }>(
        `insert into kompass_rounds (id, tid, year, status, assessors, version, created_by, created_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$8) on conflict (tid, year) do nothing returning id`,
        [r.id, r.tid, r.year, r.status, r.assessors, r.version, r.createdBy, r.createdAt],
      );
      return rows.length > 0 ? 'ok' : 'exists';
    },
    async round(id, opts) {
      const r = await one<RoundRow>(
        `select * from kompass_rounds where id = $1${opts?.forUpdate ? ' for update' : ''}`,
        [id],
      );
      return r && toRound(r);
    },
    async rounds(tid) {
      return (
        await q.query<RoundRow>('select * from kompass_rounds where tid = $1 order by year desc', [tid])
      ).map(toRound);
    },
    async updateRound(id, change, baseVersion) {
      const r = await one<RoundRow>(
        `update kompass_rounds set status = coalesce($3, status), assessors = coalesce($4, assessors),
           updated_at = $5, version = version + 1
          where id = $1 and version = $2 returning *`,
        [id, baseVersion, change.status ?? null, change.assessors ?? null, change.at],
      );
      return r && toRound(r);
    },
    async scores(roundId) {
      const rows = await q.query<{
        round_id: string;
        assessor_oid: string;
        code: string;
        tenths: number;
        justification: string | null;
        at: Date;
      }>('select * from kompass_scores where round_id = $1', [roundId]);
      return rows.map((r) => ({
        roundId: r.round_id,
        assessorOid: r.assessor_oid,
        code: r.code,
        tenths: r.tenths,
        justification: r.justification,
        at: iso(r.at),
      }));
    },
    async saveScore(s) {
      await q.query(
        `insert into kompass_scores (round_id, assessor_oid, code, tenths, justification, at) values ($1,$2,$3,$4,$5,$6)
         on conflict (round_id, assessor_oid, code) do update set tenths = excluded.tenths,
           justification = excluded.justification, at = excluded.at`,
        [s.roundId, s.assessorOid, s.code, s.tenths, s.justification, s.at],
      );
    },
    async notes(roundId) {
      return (
        await q.query<NoteRow>('select * from kompass_notes where round_id = $1 order by area, kind', [
          roundId,
        ])
      ).map(toNote);
    },
    async saveNote(n, baseVersion) {
      const r =
        baseVersion === 0
          ? await one<NoteRow>(
              `insert into kompass_notes (round_id, area, kind, text, version, by_oid, at) values ($1,$2,$3,$4,1,$5,$6)
               on conflict (round_id, area, kind) do nothing returning *`,
              [n.roundId, n.area, n.kind, n.text, n.byOid, n.at],
            )
          : await one<NoteRow>(
              `update kompass_notes set text = $4, version = version + 1, by_oid = $5, at = $6
                where round_id = $1 and area = $2 and kind = $3 and version = $7 returning *`,
              [n.roundId, n.area, n.kind, n.text, n.byOid, n.at, baseVersion],
            );
      return r && toNote(r);
    },
    async invite(roundId, people) {
      let added = 0;
      for (const p of people) {
        const rows = await q.query<{ oid: string }>(
          `insert into kompass_invitations (round_id, oid, grp) values ($1,$2,$3)
           on conflict (round_id, oid) do nothing returning oid`,
          [roundId, p.oid, p.group],
        );
        added += rows.length;
      }
      return added;
    },
    async invitations(roundId) {
      const rows = await q.query<{ oid: string; grp: RespondentGroup; answered_areas: number[] }>(
        'select oid, grp, answered_areas from kompass_invitations where round_id = $1 order by oid',
        [roundId],
      );
      return rows.map((r) => ({ oid: r.oid, group: r.grp, answeredAreas: r.answered_areas }));
    },
    async recordResponse(r) {
      const invited = await one<{ grp: RespondentGroup; answered: boolean }>(
        `select grp, $3 = any(answered_areas) as answered from kompass_invitations
          where round_id = $1 and oid = $2 for update`,
        [r.roundId, r.oid, r.area],
      );
      if (!invited) return 'not-invited';
      if (invited.answered) return 'answered';
      await q.query(
        `update kompass_invitations set answered_areas = array_append(answered_areas, $3)
          where round_id = $1 and oid = $2`,
        [r.roundId, r.oid, r.area],
      );
      await q.query(
        'insert into kompass_responses (round_id, area, grp, ratings, text) values ($1,$2,$3,$4,$5)',
        [r.roundId, r.area, invited.grp, r.ratings, r.text],
      );
      return 'ok';
    },
    async conversationEvidence(tid, period) {
      const signed = "c.tid = $1 and c.period = $2 and c.status in ('signed','archived')";
      const employees = await q.query<{ oid: string }>(
        `select distinct c.employee_oid as oid from conversations c
          where ${signed} and c.template_key = 'medarbeidersamtale-10-faktor'`,
        [tid, period],
      );
      const leaders = await q.query<{ oid: string }>(
        `select distinct c.employee_oid as oid from conversations c
          where ${signed} and c.template_key in ('utviklingssamtale-leder', 'kontraktsamtale')`,
        [tid, period],
      );
      const items = await one<{ total: number; followed_up: number }>(
        `select count(*)::int as total, (count(*) filter (where i.status <> 'open'))::int as followed_up
           from action_items i join conversations c on c.id = i.conversation_id where ${signed}`,
        [tid, period],
      );
      const gradings = await q.query<{ field_id: string; grade: string; count: number }>(
        `select a.field_id, a.value #>> '{}' as grade, count(*)::int as count
           from answers a join conversations c on c.id = a.conversation_id
          where ${signed} and c.template_key = 'utviklingssamtale-leder' and a.slot = 'shared'
            and a.field_id like 'tema-%-gradering' and jsonb_typeof(a.value) = 'string'
          group by 1, 2 order by 1, 2`,
        [tid, period],
      );
      return {
        employeesSigned: employees.map((r) => r.oid),
        leadersSigned: leaders.map((r) => r.oid),
        items: { total: items?.total ?? 0, followedUp: items?.followed_up ?? 0 },
        gradings: gradings.map((r) => ({ fieldId: r.field_id, grade: r.grade, count: r.count })),
      };
    },
    async reportCopy(roundId) {
      const r = await one<{
        round_id: string;
        path: string;
        location: string;
        checksum: string;
        archived_at: Date;
        metadata_checksum: string;
      }>('select * from kompass_archive_copies where round_id = $1', [roundId]);
      return (
        r && {
          roundId: r.round_id,
          path: r.path,
          location: r.location,
          checksum: r.checksum,
          archivedAt: iso(r.archived_at),
          metadataChecksum: r.metadata_checksum,
        }
      );
    },
    async recordReportCopy(c) {
      await q.query(
        `insert into kompass_archive_copies (round_id, path, location, checksum, archived_at, metadata_checksum)
         values ($1,$2,$3,$4,$5,$6) on conflict (round_id) do update set path = excluded.path,
           location = excluded.location, checksum = excluded.checksum, archived_at = excluded.archived_at,
           metadata_checksum = excluded.metadata_checksum`,
        [c.roundId, c.path, c.location, c.checksum, c.archivedAt, c.metadataChecksum],
      );
    },
    async awaitingReport() {
      return (
        await q.query<{ id: string }>(
          `select r.id from kompass_rounds r where r.status = 'done'
             and not exists (select 1 from kompass_archive_copies c where c.round_id = r.id)
           order by r.updated_at, r.id`,
          [],
        )
      ).map((r) => r.id);
    },
    async responses(roundId) {
      const rows = await q.query<{
        area: number;
        grp: RespondentGroup;
        ratings: number[];
        text: string | null;
      }>('select area, grp, ratings, text from kompass_responses where round_id = $1', [roundId]);
      return rows.map((r) => ({ area: r.area, group: r.grp, ratings: r.ratings, text: r.text }));
    },
    async invitation(roundId, oid) {
      const r = await one<{ grp: RespondentGroup; answered_areas: number[] }>(
        'select grp, answered_areas from kompass_invitations where round_id = $1 and oid = $2',
        [roundId, oid],
      );
      return r && { group: r.grp, answeredAreas: r.answered_areas };
    },
    async inputRounds(tid) {
      // The first message's key is kompassInputKey (src/domain/kompass-reminders.ts).
      const rows = await q.query<{
        id: string;
        year: number;
        oid: string | null;
        answered_areas: number[] | null;
        asked_on: string | null;
      }>(
        `select r.id, r.year, i.oid, i.answered_areas, o.day::text as asked_on
           from kompass_rounds r
           left join kompass_invitations i on i.round_id = r.id
           left join outbox_keys k on k.key = 'kompass-input:' || r.id::text || ':' || i.oid
           left join outbox o on o.id = k.outbox_id
          where r.tid = $1 and r.status = 'input'
          order by r.year, r.id, i.oid`,
        [tid],
      );
      const rounds = new Map<
        string,
        {
          id: string;
          year: number;
          invitations: { oid: string; answeredAreas: number[]; askedOn: string | null }[];
        }
      >();
      for (const r of rows) {
        const round = rounds.get(r.id) ?? { id: r.id, year: r.year, invitations: [] };
        rounds.set(r.id, round);
        if (r.oid !== null)
          round.invitations.push({ oid: r.oid, answeredAreas: r.answered_areas ?? [], askedOn: r.asked_on });
      }
      return [...rounds.values()];
    },
  };
}
