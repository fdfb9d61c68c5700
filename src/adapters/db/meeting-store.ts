// The SQL of a conversation's time and its Teams meeting (migration 019).
import type { ConversationMeeting, MeetingStore } from '../../ports.ts';
import type { Sql } from './database.ts';
import { iso, toConversation, type ConversationRow } from './sql-store.ts';

interface MeetingRow {
  conversation_id: string;
  tid: string;
  organizer_oid: string;
  event_id: string;
  join_url: string | null;
  chat_id: string | null;
  state: 'scheduled' | 'cancelled';
  created_at: Date;
  updated_at: Date;
}
const toMeeting = (r: MeetingRow): ConversationMeeting => ({
  conversationId: r.conversation_id,
  tid: r.tid,
  organizerOid: r.organizer_oid,
  eventId: r.event_id,
  joinUrl: r.join_url,
  chatId: r.chat_id,
  state: r.state,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export function meetingQueries(q: Sql): MeetingStore {
  return {
    async reschedule(id, s, at) {
      const [r] = await q.query<ConversationRow>(
        `update conversations set scheduled_at = $2, scheduled_time = $3, duration_minutes = $4, updated_at = $5
         where id = $1 returning *`,
        [id, s.date, s.time, s.durationMinutes, at],
      );
      if (!r) throw new Error(`conversation ${id} vanished during rescheduling`);
      return toConversation(r);
    },
    async meeting(id) {
      const [r] = await q.query<MeetingRow>(
        'select * from conversation_meetings where conversation_id = $1',
        [id],
      );
      return r && toMeeting(r);
    },
    async saveMeeting(m) {
      await q.query(
        `insert into conversation_meetings (conversation_id, tid, organizer_oid, event_id, join_url, chat_id, state, created_at, updated_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,$9)
         on conflict (conversation_id) do update set organizer_oid = excluded.organizer_oid, event_id = excluded.event_id,
           join_url = excluded.join_url, chat_id = excluded.chat_id, state = excluded.state, updated_at = excluded.updated_at`,
        [
          m.conversationId,
          m.tid,
          m.organizerOid,
          m.eventId,
          m.joinUrl,
          m.chatId,
          m.state,
          m.createdAt,
          m.updatedAt,
        ],
      );
    },
    async removeMeeting(id) {
      await q.query('delete from conversation_meetings where conversation_id = $1', [id]);
    },
    async conversationsInChat(tid, chatId) {
      const rows = await q.query<{ conversation_id: string }>(
        `select conversation_id from conversation_meetings where tid = $1 and chat_id = $2 and state = 'scheduled'
         order by updated_at desc`,
        [tid, chatId],
      );
      return rows.map((r) => r.conversation_id);
    },
  };
}
