import type { ReplyOf } from '../contract/endpoints.ts';
import type { Json } from '../domain/json.ts';
import type { Actor } from '../domain/policy.ts';
import { virksomhetsplan } from '../domain/templates/virksomhetsplan.ts';
import { planSectionWritable, type PlanAnswer } from '../domain/unit-plan.ts';
import { AppError } from '../errors/catalogue.ts';
import { loadPlan, mustWrite, planView } from './plan-support.ts';
import { audit, nowIso, type Deps } from './support.ts';

const MAX_TEXT = 10_000;

/** The unit's leader writes one of the plan's own fields (not its goals), at its field version. */
export async function savePlanAnswer(
  deps: Deps,
  actor: Actor,
  input: { planId: string; fieldId: string; value: unknown; baseVersion: number },
): Promise<ReplyOf<'savePlanAnswer'>> {
  const section = virksomhetsplan.sections.find((s) => s.fields.some((f) => f.id === input.fieldId));
  const field = section?.fields.find((f) => f.id === input.fieldId);
  if (!section || !field || field.kind === 'goalList') throw new AppError('FIELD_NOT_FOUND');
  const value = checked(field, input.value);
  const loaded = await loadPlan(deps, actor, input.planId);
  mustWrite(loaded);
  const updated = await deps.store.transaction(async (tx) => {
    const plan = await tx.plans.plan(input.planId, { forUpdate: true });
    if (!plan) throw new AppError('PLAN_NOT_FOUND');
    if (!planSectionWritable(section.id, plan.status))
      throw new AppError('PLAN_STATE_FORBIDS', { status: plan.status, field: input.fieldId });
    const current = plan.answers[input.fieldId] as PlanAnswer | undefined;
    if ((current?.version ?? 0) !== input.baseVersion)
      throw new AppError('VERSION_CONFLICT', {
        fieldId: input.fieldId,
        yourBaseVersion: input.baseVersion,
        current: current ? { value: current.value, version: current.version } : null,
      });
    const at = nowIso(deps);
    const answer: PlanAnswer = { value, version: (current?.version ?? 0) + 1, by: actor.oid, at };
    const saved = await tx.plans.updatePlan(
      plan.id,
      { answers: { ...plan.answers, [input.fieldId]: answer }, at },
      plan.version,
    );
    if (!saved) throw new AppError('VERSION_CONFLICT', { fieldId: input.fieldId });
    await audit(tx, actor, 'plan.answer-saved', plan.id, at, { field: input.fieldId });
    return saved;
  });
  return planView(deps, actor, { ...loaded, plan: updated });
}

function checked(field: { kind: string; options?: readonly { id: string }[] }, value: unknown): Json {
  if (value === null) return null;
  const bad = () => new AppError('ANSWER_INVALID', { reason: `not a ${field.kind} answer` });
  switch (field.kind) {
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        throw bad();
      return value;
    case 'checklist':
      if (!Array.isArray(value) || !value.every((v) => field.options?.some((o) => o.id === v))) throw bad();
      return [...new Set(value as string[])];
    case 'text':
      if (typeof value !== 'string') throw bad();
      if (value.length > MAX_TEXT) throw new AppError('TEXT_TOO_LONG', { max: MAX_TEXT });
      return value;
    default:
      throw bad();
  }
}
