import { endpoints } from '../../contract/endpoints.ts';
import type { Archive } from '../../ports.ts';
import { listArchive } from '../../usecases/list-archive.ts';
import { openArchiveCopy } from '../../usecases/open-archive-copy.ts';
import { openPlanCopy } from '../../usecases/open-plan-copy.ts';
import { placeRetentionHold } from '../../usecases/place-retention-hold.ts';
import { removeRetentionHold } from '../../usecases/remove-retention-hold.ts';
import { openKompassReport } from '../../usecases/open-kompass-report.ts';
import type { Deps } from '../../usecases/support.ts';
import { route, type Route } from '../route.ts';

export const archiveRoutes = (deps: Deps & { archive: Archive; retentionYears: number }): Route[] => [
  route(endpoints.listArchive, ({ actor, query }) => listArchive(deps, actor, query)),
  route(endpoints.placeRetentionHold, ({ actor, params, body }) =>
    placeRetentionHold(deps, actor, { conversationId: params.id, reason: body.reason }),
  ),
  route(endpoints.removeRetentionHold, ({ actor, params }) => removeRetentionHold(deps, actor, params.id)),
  route(endpoints.openArchiveCopy, ({ actor, params }) =>
    openArchiveCopy(deps, actor, { conversationId: params.id, part: params.part }),
  ),
  route(endpoints.openPlanCopy, ({ actor, params }) =>
    openPlanCopy(deps, actor, { planId: params.id, kind: params.kind }),
  ),
  route(endpoints.openKompassReport, ({ actor, params }) => openKompassReport(deps, actor, params.id)),
];
