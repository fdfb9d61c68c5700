// The plan's shapes as the contract answers them (src/contract/views.ts), named once for the tab.
import type { BodyInputOf, ResponseOf } from '../../../src/contract/endpoints.ts';

export type PlanView = ResponseOf<'getPlan'>;
export type GoalView = PlanView['goals'][number];
export type ContributionView = PlanView['contributions'][number];
export type PlanSummary = ResponseOf<'listPlans'>['plans'][number];
export type PlanStatus = PlanView['status'];
export type PlanTransition = PlanView['can']['transitions'][number];

/** What one write of a goal changes: any of its fields, never the version (the sync adds it). */
export type GoalPatch = Omit<BodyInputOf<'updatePlanGoal'>, 'baseVersion'>;
export type GoalKey = keyof GoalPatch;
