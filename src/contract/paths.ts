// Every operation's method and path, by operationId. Plain data without zod, so the tab can take it
// into its bundle; ./endpoints.ts adds the schemas. The server mounts exactly these paths.
export const PATHS = {
  getHealth: ['get', '/healthz'],
  getOpenApi: ['get', '/api/openapi.json'],
  postActivity: ['post', '/api/messages'],
  getConfig: ['get', '/api/config'],
  listDevUsers: ['get', '/api/dev/users'],
  devLogin: ['post', '/api/dev/login'],
  getMe: ['get', '/api/me'],
  listMyConversations: ['get', '/api/conversations'],
  planConversation: ['post', '/api/conversations'],
  getConversation: ['get', '/api/conversations/:id'],
  sharePreparation: ['post', '/api/conversations/:id/preparation/share'],
  transitionConversation: ['post', '/api/conversations/:id/transitions'],
  signRecord: ['post', '/api/conversations/:id/signatures'],
  saveAnswer: ['put', '/api/conversations/:id/answers/:fieldId'],
  addActionItem: ['post', '/api/conversations/:id/items'],
  updateActionItem: ['patch', '/api/items/:id'],
  removeActionItem: ['delete', '/api/items/:id'],
  recordFollowUp: ['post', '/api/items/:id/follow-up'],
  linkActionItem: ['put', '/api/items/:id/serves'],
  linkAnswerField: ['put', '/api/conversations/:id/serves/:fieldId'],
  listServableGoals: ['get', '/api/conversations/:id/unit-goals'],
  listMyFollowUp: ['get', '/api/follow-up'],
  conversationEvents: ['get', '/api/conversations/:id/events'],
  openArchiveCopy: ['get', '/api/conversations/:id/archive/:part'],
  listTeam: ['get', '/api/team'],
  getCompletion: ['get', '/api/hr/completion'],
  listUnreachable: ['get', '/api/hr/unreachable'],
  listArchive: ['get', '/api/hr/archive'],
  listTemplates: ['get', '/api/templates'],
  getTemplate: ['get', '/api/templates/:key'],
  customiseTemplate: ['put', '/api/admin/templates/:key'],
  listPlans: ['get', '/api/plans'],
  getRedThread: ['get', '/api/red-thread'],
  draftPlan: ['post', '/api/plans'],
  getPlan: ['get', '/api/plans/:id'],
  openPlanCopy: ['get', '/api/plans/:id/archive/:kind'],
  transitionPlan: ['post', '/api/plans/:id/transitions'],
  savePlanAnswer: ['put', '/api/plans/:id/answers/:fieldId'],
  addPlanGoal: ['post', '/api/plans/:id/goals'],
  updatePlanGoal: ['patch', '/api/plan-goals/:id'],
  removePlanGoal: ['delete', '/api/plan-goals/:id'],
  reportGoal: ['post', '/api/plan-goals/:id/reports'],
  contributeToPlan: ['post', '/api/plans/:id/contributions'],
  answerContribution: ['post', '/api/plan-contributions/:id/answer'],
  listKompassRounds: ['get', '/api/kompass'],
  startKompassRound: ['post', '/api/kompass'],
  getKompassRound: ['get', '/api/kompass/:id'],
  transitionKompassRound: ['post', '/api/kompass/:id/transitions'],
  scoreSubArea: ['put', '/api/kompass/:id/scores/:code'],
  saveAreaNote: ['put', '/api/kompass/:id/areas/:area/notes/:kind'],
  inviteRespondents: ['post', '/api/kompass/:id/invitations'],
} as const satisfies Record<string, readonly ['get' | 'post' | 'put' | 'patch' | 'delete', `/${string}`]>;

export type OperationId = keyof typeof PATHS;

/** A path with its `:name` parameters filled in (each encoded). */
export function pathOf(template: string, params: Record<string, string> = {}): string {
  return template.replace(/:(\w+)/g, (whole, name: string) =>
    name in params ? encodeURIComponent(params[name] ?? '') : whole,
  );
}
