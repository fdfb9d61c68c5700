import { endpoints } from '../../contract/endpoints.ts';
import type { Archive, BotStore } from '../../ports.ts';
import { exportPersonalData } from '../../usecases/export-personal-data.ts';
import { findPeople } from '../../usecases/find-people.ts';
import type { Deps } from '../../usecases/support.ts';
import { route, type Route } from '../route.ts';

/** Innsyn: a person's own export, and HR's for a person who asks (found by name first). */
export const myDataRoutes = (deps: Deps & { archive: Archive; botStore: BotStore }): Route[] => [
  route(endpoints.exportMyData, ({ actor, locale }) =>
    exportPersonalData(deps, actor, { personOid: actor.oid, locale }),
  ),
  route(endpoints.findPeople, ({ actor, query }) => findPeople(deps, actor, query.q)),
  route(endpoints.exportPersonData, ({ actor, params, locale }) =>
    exportPersonalData(deps, actor, { personOid: params.oid, locale }),
  ),
];
