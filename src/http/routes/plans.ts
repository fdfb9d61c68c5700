import { endpoints } from '../../contract/endpoints.ts';
import { addPlanGoal } from '../../usecases/add-plan-goal.ts';
import { answerContribution } from '../../usecases/answer-contribution.ts';
import { contributeToPlan } from '../../usecases/contribute-to-plan.ts';
import { draftUnitPlan } from '../../usecases/draft-unit-plan.ts';
import { getRedThread } from '../../usecases/get-red-thread.ts';
import { getUnitPlan } from '../../usecases/get-unit-plan.ts';
import { listUnitPlans } from '../../usecases/list-unit-plans.ts';
import { removePlanGoal } from '../../usecases/remove-plan-goal.ts';
import { savePlanAnswer } from '../../usecases/save-plan-answer.ts';
import { reportGoal } from '../../usecases/report-goal.ts';
import type { Deps } from '../../usecases/support.ts';
import { transitionUnitPlan } from '../../usecases/transition-unit-plan.ts';
import { updatePlanGoal } from '../../usecases/update-plan-goal.ts';
import { route, type Route } from '../route.ts';

export const planRoutes = (deps: Deps): Route[] => [
  route(endpoints.listPlans, ({ actor, query }) => listUnitPlans(deps, actor, query.year)),
  route(endpoints.getRedThread, ({ actor, query }) => getRedThread(deps, actor, query.year)),
  route(endpoints.draftPlan, ({ actor, body }) => draftUnitPlan(deps, actor, body)),
  route(endpoints.getPlan, ({ actor, params }) => getUnitPlan(deps, actor, params.id)),
  route(endpoints.transitionPlan, ({ actor, params, body }) =>
    transitionUnitPlan(deps, actor, params.id, body),
  ),
  route(endpoints.savePlanAnswer, ({ actor, params, body }) =>
    savePlanAnswer(deps, actor, {
      planId: params.id,
      fieldId: params.fieldId,
      value: body.value,
      baseVersion: body.baseVersion,
    }),
  ),
  route(endpoints.addPlanGoal, ({ actor, params, body }) => addPlanGoal(deps, actor, params.id, body)),
  route(endpoints.updatePlanGoal, ({ actor, params, body }) => updatePlanGoal(deps, actor, params.id, body)),
  route(endpoints.removePlanGoal, ({ actor, params, query }) =>
    removePlanGoal(deps, actor, params.id, query.version),
  ),
  route(endpoints.reportGoal, ({ actor, params, body }) => reportGoal(deps, actor, params.id, body)),
  route(endpoints.contributeToPlan, ({ actor, params, body }) =>
    contributeToPlan(deps, actor, params.id, body),
  ),
  route(endpoints.answerContribution, ({ actor, params, body }) =>
    answerContribution(deps, actor, params.id, body),
  ),
];
