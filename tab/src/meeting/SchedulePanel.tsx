// When the conversation is held, and its Teams meeting: the leader moves it (the meeting moves along)
// or has Samtale create the meeting; both parties see the time and the way into the meeting.
import {
  Button,
  Card,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MeetingOutcome, MeetingView, StatusView } from '../../../src/contract/views.ts';
import { fill, formatSchedule } from '../../../src/contract/words/format.ts';
import { errorText, type Api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { DURATIONS, outcomeText, takeOutcome } from './outcome.ts';

const useStyles = makeStyles({
  card: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  form: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 10rem), 1fr))',
    alignItems: 'end',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

type Said = { ok: boolean; text: string };

export function SchedulePanel({
  api,
  conversation,
  onChange,
}: {
  api: Api;
  conversation: Pick<StatusView, 'id' | 'scheduledAt' | 'scheduledTime' | 'durationMinutes' | 'status'>;
  onChange: () => void;
}) {
  const styles = useStyles();
  const { words, locale } = useI18n();
  const w = words.meeting;
  const { id } = conversation;
  const [meeting, setMeeting] = useState<MeetingView | null>(null);
  const [said, setSaid] = useState<Said | null>(() => {
    const left = takeOutcome(id);
    return left ? outcomeText(words, left) : null;
  });
  const [date, setDate] = useState(conversation.scheduledAt ?? '');
  const [time, setTime] = useState(conversation.scheduledTime ?? '');
  const [duration, setDuration] = useState(String(conversation.durationMinutes ?? 60));
  const [create, setCreate] = useState(false);
  const [busy, setBusy] = useState(false);

  const read = useCallback(
    () => api.call('getConversationMeeting', { params: { id } }).then(setMeeting, () => setMeeting(null)),
    [api, id],
  );
  useEffect(
    () => void read(),
    [read, conversation.status, conversation.scheduledAt, conversation.scheduledTime],
  );
  useEffect(() => {
    setDate(conversation.scheduledAt ?? '');
    setTime(conversation.scheduledTime ?? '');
    setDuration(String(conversation.durationMinutes ?? 60));
  }, [conversation.scheduledAt, conversation.scheduledTime, conversation.durationMinutes]);

  if (!meeting) return null;
  const after = (p: Promise<{ meeting: MeetingOutcome | null }>, saved?: string) => {
    setBusy(true);
    return p
      .then(
        (r) => setSaid(r.meeting ? outcomeText(words, r.meeting) : saved ? { ok: true, text: saved } : null),
        (e: unknown) => setSaid({ ok: false, text: errorText(e) }),
      )
      .finally(() => {
        setBusy(false);
        setCreate(false);
        onChange();
        void read();
      });
  };
  const when = conversation.scheduledAt
    ? formatSchedule(
        locale,
        conversation.scheduledAt,
        conversation.scheduledTime,
        conversation.durationMinutes,
      )
    : w.noTime;
  const offerCreate = meeting.offered && meeting.booked === null;

  return (
    <Card className={styles.card} data-schedule>
      <Title3 as="h2" block>
        {w.panelTitle}
      </Title3>
      <Text block>{fill(w.scheduled, { when })}</Text>
      {meeting.booked && (
        <div className={styles.actions}>
          <Text>{meeting.booked.inYourCalendar ? w.bookedYours : w.bookedOther}</Text>
          {meeting.booked.joinUrl && (
            <Link href={meeting.booked.joinUrl} target="_blank" rel="noopener noreferrer">
              {w.join}
            </Link>
          )}
        </div>
      )}
      {said && (
        <MessageBar intent={said.ok ? 'success' : 'warning'} layout="multiline" role="status">
          <MessageBarBody>{said.text}</MessageBarBody>
        </MessageBar>
      )}
      {meeting.canReschedule && (
        <form
          className={styles.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!date) return;
            void after(
              api.call('rescheduleConversation', {
                params: { id },
                body: {
                  scheduledAt: date,
                  scheduledTime: time || null,
                  ...(time ? { durationMinutes: Number(duration) } : {}),
                  ...(create && time ? { teamsMeeting: true } : {}),
                },
              }),
              w.scheduleSaved,
            );
          }}
        >
          <Field label={w.date} required>
            <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
          </Field>
          <Field label={w.planTime}>
            <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
          </Field>
          <Field label={w.duration}>
            <Select value={duration} onChange={(_, d) => setDuration(d.value)} disabled={!time}>
              {DURATIONS.map((m) => (
                <option key={m} value={m}>
                  {fill(w.durationOption, { minutes: m })}
                </option>
              ))}
            </Select>
          </Field>
          {offerCreate && (
            <Checkbox
              checked={create}
              disabled={!time}
              onChange={(_, d) => setCreate(d.checked === true)}
              label={w.createMeeting}
            />
          )}
          <div className={styles.actions}>
            <Button type="submit" disabledFocusable={busy || !date}>
              {w.saveSchedule}
            </Button>
            {meeting.canBook && (
              <Button
                appearance="primary"
                disabledFocusable={busy}
                onClick={() => void after(api.call('bookConversationMeeting', { params: { id } }))}
              >
                {w.book}
              </Button>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
