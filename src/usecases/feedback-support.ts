// What the feedback use cases share: the caller's place in the round (the assessed leader or their
// superior, nobody else), whom a round may ask, and the view, which never holds who answered what.
import type { FeedbackView } from '../contract/views.ts';
import type { Conversation } from '../domain/conversation.ts';
import { writeRefusal } from '../domain/conversation.ts';
import {
  closingDays,
  effectiveMinAnswers,
  feedbackResult,
  feedbackRole,
  feedbackStatements,
  isFeedbackOpen,
  type FeedbackRound,
} from '../domain/feedback.ts';
import type { Actor } from '../domain/policy.ts';
import { osloTime } from '../domain/reminders.ts';
import { AppError } from '../errors/catalogue.ts';
import { person, type Deps } from './support.ts';

export const todayIn = (deps: Pick<Deps, 'clock'>) => osloTime(deps.clock.now()).date;
export const minAnswersOf = (deps: Pick<Deps, 'feedbackMinAnswers'>) =>
  effectiveMinAnswers(deps.feedbackMinAnswers);

/**
 * The conversation as the round sees it: only its two parties get past here. Anyone else (HR, an admin,
 * another leader) learns nothing, not even whether a round exists.
 */
export async function loadForFeedback(deps: Deps, actor: Actor, id: string) {
  const conversation = await deps.store.conversation(id);
  const role = conversation ? feedbackRole(actor, conversation) : null;
  if (!conversation || role === null) throw new AppError('CONVERSATION_NOT_FOUND');
  return { conversation, role };
}

/** Whom a round may ask: the assessed leader's direct reports, and the leaders beside them under the same superior. */
export async function feedbackCandidates(deps: Deps, c: Conversation) {
  const [reports, beside] = await Promise.all([
    deps.directory.directReports(c.tid, c.employeeOid),
    deps.directory.directReports(c.tid, c.leaderOid),
  ]);
  const parties = new Set([c.leaderOid, c.employeeOid]);
  const reportIds = new Set(reports.map((r) => r.oid));
  const peers = await Promise.all(
    beside
      .filter((p) => !parties.has(p.oid) && !reportIds.has(p.oid))
      .map(async (p) => ({ p, leads: await deps.directory.countDirectReports(c.tid, p.oid) })),
  );
  return [
    ...reports
      .filter((r) => !parties.has(r.oid))
      .map((r) => ({ oid: r.oid, name: r.name, relation: 'report' as const })),
    // A peer is a leader too: someone who leads nobody is not a "sideordnet" leader.
    ...peers
      .filter((x) => x.leads > 0)
      .map(({ p }) => ({ oid: p.oid, name: p.name, relation: 'peer' as const })),
  ];
}

export async function feedbackView(
  deps: Deps,
  conversation: Conversation,
  role: 'subject' | 'superior',
  round: FeedbackRound | undefined,
): Promise<FeedbackView> {
  const today = todayIn(deps);
  const min = minAnswersOf(deps);
  const available = feedbackStatements(conversation.templateKey) !== undefined;
  const days = closingDays(today, conversation.scheduledAt);
  const canOpen =
    available && !round && (conversation.status === 'planned' || conversation.status === 'preparing');
  const subject = await person(deps, conversation.tid, conversation.employeeOid);
  const base = {
    available,
    you: role,
    subject,
    canOpen,
    candidates: canOpen ? await feedbackCandidates(deps, conversation) : [],
    minAnswers: min,
    earliestClose: days.earliest,
    latestClose: days.latest,
  };
  if (!round) return { ...base, round: null };
  const [invitations, responses] = await Promise.all([
    deps.store.feedback.invitations(round.id),
    deps.store.feedback.responses(round.id),
  ]);
  const open = isFeedbackOpen(round, today);
  const result = feedbackResult(round, responses, today, min);
  // The superior reads the figures only when the assessed leader shared them, and never the comments:
  // those who wrote them were told the leader reads them.
  const visible =
    role === 'subject' ? result : round.shared !== 'private' && result ? { ...result, texts: null } : null;
  return {
    ...base,
    round: {
      statements: [...round.statements],
      openedBy: await person(deps, conversation.tid, round.openedBy),
      closesOn: round.closesOn,
      open,
      invited: invitations.length,
      answered: responses.length,
      canClose: open && responses.length >= min,
      shared: round.shared,
      canShare:
        role === 'subject' && result !== null && writeRefusal(conversation.status, 'private') === undefined,
      result: visible,
    },
  };
}
