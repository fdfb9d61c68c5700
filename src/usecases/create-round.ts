import type { RoundView } from '../contract/views.ts';
import { canRunRounds, type Actor } from '../domain/policy.ts';
import { osloTime } from '../domain/reminders.ts';
import { roundProblem } from '../domain/round.ts';
import { builtInTemplate } from '../domain/templates/registry.ts';
import { AppError } from '../errors/catalogue.ts';
import { peopleOfUnits } from './preview-round-scope.ts';
import { roundView } from './round-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

/**
 * HR defines a round: a conversation template and period for the chosen people of some units, to be
 * done by a deadline. The bot nudges leaders before it; the coverage counts everyone in scope.
 */
export async function createRound(
  deps: Deps,
  actor: Actor,
  input: { templateKey: string; period: string; deadline: string; unitIds: string[]; people: string[] },
): Promise<RoundView> {
  if (!canRunRounds(actor)) throw new AppError('FORBIDDEN');
  const template = builtInTemplate(input.templateKey);
  if (!template || template.kind !== 'conversation')
    throw new AppError('TEMPLATE_NOT_FOUND', { key: input.templateKey });
  const inUnits = new Set((await peopleOfUnits(deps, actor.tid, input.unitIds)).map((u) => u.oid));
  const people = [...new Set(input.people)];
  const problem = roundProblem({
    period: input.period,
    deadline: input.deadline,
    today: osloTime(deps.clock.now()).date,
    people,
    inUnits,
  });
  if (problem) throw new AppError('HR_ROUND_INVALID', { problem });
  const round = {
    id: deps.newId(),
    tid: actor.tid,
    templateKey: template.key,
    period: input.period,
    deadline: input.deadline,
    unitIds: [...new Set(input.unitIds)],
    createdBy: actor.oid,
    createdAt: nowIso(deps),
  };
  await deps.store.transaction(async (tx) => {
    await tx.rounds.insertRound(round, people);
    await audit(tx, actor, 'round.created', round.id, round.createdAt, {
      template: round.templateKey,
      period: round.period,
      deadline: round.deadline,
      people: people.length,
    });
  });
  return roundView(deps, round);
}
