import { randomBytes } from 'node:crypto';
import { carryOverAnswers } from '../domain/record.ts';
import type { Conversation } from '../domain/conversation.ts';
import type { ScheduledView } from '../contract/views.ts';
import { DEFAULT_DURATION_MINUTES } from '../domain/meeting.ts';
import { canPlanWith, type Actor } from '../domain/policy.ts';
import { AppError } from '../errors/catalogue.ts';
import { placeMeetingAfterPlan, type Booking } from './meeting-support.ts';
import { audit, currentPeriod, currentTemplate, nowIso, statusView, type Deps } from './support.ts';

export interface PlanInput {
  templateKey: string;
  employeeOid: string;
  period?: string | undefined;
  scheduledAt?: string | undefined;
  /** The time of day (Europe/Oslo, "14:00"): only with a date. */
  scheduledTime?: string | undefined;
  durationMinutes?: number | undefined;
  /** Create the Teams meeting in the leader's calendar (needs a time, and a calendar). */
  teamsMeeting?: boolean | undefined;
}

/**
 * A leader plans a conversation with one of their direct reports, from the organisation's current
 * template. Asked to, it then creates the Teams meeting in the leader's calendar: the plan is saved
 * first, so a calendar that refuses or is down costs the meeting, never the plan.
 */
export async function planConversation(
  deps: Deps,
  actor: Actor,
  input: PlanInput,
  booking: Booking | null = null,
): Promise<ScheduledView> {
  if (input.scheduledTime && !input.scheduledAt)
    throw new AppError('VALIDATION_FAILED', {
      in: 'body',
      issues: [{ path: 'scheduledTime', message: 'a time needs a date (scheduledAt)' }],
    });
  if (input.teamsMeeting && !booking) throw new AppError('MEETING_NOT_OFFERED');
  if (input.teamsMeeting && !input.scheduledTime) throw new AppError('MEETING_NEEDS_TIME');
  const template = await currentTemplate(deps, actor.tid, input.templateKey);
  if (template.kind !== 'conversation')
    throw new AppError('TEMPLATE_NOT_A_CONVERSATION', { key: template.key });
  const employee = await deps.directory.user(actor.tid, input.employeeOid);
  if (!employee) throw new AppError('USER_NOT_FOUND', { oid: input.employeeOid });
  if (!canPlanWith(actor, employee)) throw new AppError('NOT_DIRECT_REPORT');

  const at = nowIso(deps);
  const conversation: Conversation = {
    id: deps.newId(),
    tid: actor.tid,
    templateKey: template.key,
    templateVersion: template.version,
    period: input.period ?? currentPeriod(deps),
    status: 'planned',
    leaderOid: actor.oid,
    employeeOid: employee.oid,
    unitId: employee.unitId,
    scheduledAt: input.scheduledAt ?? null,
    scheduledTime: input.scheduledTime ?? null,
    durationMinutes: input.scheduledTime ? (input.durationMinutes ?? DEFAULT_DURATION_MINUTES) : null,
    createdAt: at,
    updatedAt: at,
    cancelledFrom: null,
    reopened: null,
    salarySalt: randomBytes(32).toString('hex'),
  };

  await deps.store.transaction(async (tx) => {
    await tx.snapshotTemplate(template);
    if ((await tx.insertConversation(conversation, actor.oid)) === 'exists') {
      throw new AppError('CONVERSATION_EXISTS', { templateKey: template.key, period: conversation.period });
    }
    // Carry-over: last period's record for the same pair prefills this one (Punkt 3 → Punkt 1).
    const previous = await tx.previousConversation(conversation);
    if (previous) {
      for (const { fieldId, value } of carryOverAnswers(template, await tx.answers(previous.id))) {
        await tx.saveAnswer({
          conversationId: conversation.id,
          fieldId,
          slot: 'shared',
          value,
          baseVersion: 0,
          by: 'system:carry-over',
          at,
        });
      }
    }
    await audit(tx, actor, 'conversation.planned', conversation.id, at, {
      template: template.key,
      period: conversation.period,
    });
  });
  const meeting =
    input.teamsMeeting && booking ? await placeMeetingAfterPlan(deps, booking, actor, conversation) : null;
  return { ...(await statusView(deps, conversation)), meeting };
}
