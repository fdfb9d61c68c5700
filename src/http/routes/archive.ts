import { z } from 'zod';
import { openArchiveCopy } from '../../usecases/open-archive-copy.ts';
import type { Deps } from '../../usecases/support.ts';
import type { Archive } from '../../ports.ts';
import { FileReply, defineRoute, type Route } from '../route.ts';
import { templateKey, uuid } from '../schemas.ts';
import { listArchive } from '../../usecases/list-archive.ts';

export const archiveRoutes = (deps: Deps, archive: Archive): Route[] => [
  defineRoute({
    method: 'get',
    path: '/api/hr/archive',
    summary: 'The archive for HR, filtered by year, type and unit (salary copies only with HR.Salary)',
    tag: 'hr',
    query: z.strictObject({
      year: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
      templateKey: templateKey.optional(),
      unitId: z
        .string()
        .regex(/^[a-z0-9-]{1,64}$/)
        .optional(),
    }),
    handler: ({ actor, query }) => listArchive(deps, actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/conversations/:id/archive/:part',
    summary: 'Open an archived PDF/A copy (parties; HR; salary part only with HR.Salary)',
    tag: 'archive',
    params: z.strictObject({ id: uuid, part: z.enum(['record', 'salary']) }),
    handler: async ({ actor, params }) => {
      const copy = await openArchiveCopy(deps, archive, actor, params.id, params.part);
      return new FileReply(copy.bytes, 'application/pdf', copy.filename);
    },
  }),
];
