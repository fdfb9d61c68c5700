import { AppError } from '../errors/catalogue.ts';
import type { Directory } from '../ports.ts';

export interface DevLogin {
  tenantId: string;
  directory: Directory;
  issue(tid: string, oid: string): Promise<string>;
}

/** Local mode only: a token for a demo user, accepted only by the local verifier. */
export async function loginDevUser(dev: DevLogin, userId: string): Promise<{ token: string }> {
  const user = await dev.directory.user(dev.tenantId, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return { token: await dev.issue(dev.tenantId, user.oid) };
}
