import { z } from 'zod';
import { openArchiveCopy } from '../../usecases/open-archive-copy.ts';
import type { Deps } from '../../usecases/support.ts';
import type { Archive } from '../../ports.ts';
import { FileReply, defineRoute, type Route } from '../route.ts';
import { uuid } from '../schemas.ts';

export const archiveRoutes = (deps: Deps, archive: Archive): Route[] => [
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
