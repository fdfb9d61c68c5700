// One goal's writes. A goal has one version for all its fields, so the fields' savers (useSaver, one
// per field) write through this: one request at a time, each over the newest version, so quick edits
// in two fields of a goal never conflict with each other. Where the server has moved on, the goal is
// read again: a field someone else changed is a conflict (both texts kept, for the person to choose);
// a field nobody else touched is written again over the new version.
import { useCallback, useEffect, useRef } from 'react';
import { ApiError, type Api } from '../api.ts';
import type { GoalKey, GoalView } from './types.ts';

/** What a goal holds for one key, as the server takes it. */
export function rawOf(goal: GoalView, key: GoalKey): unknown {
  switch (key) {
    case 'ownerOid':
      return goal.owner?.oid ?? null;
    case 'servesGoalId':
      return goal.serves?.id ?? null;
    default:
      return goal[key];
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface GoalSync {
  /**
   * Writes one field over the goal's newest version, after the writes before it; resolves with the new
   * version. toDraft turns what someone else saved into the editor's text, for the conflict view.
   */
  write(key: GoalKey, value: unknown, toDraft: (raw: unknown) => string, keepalive: boolean): Promise<number>;
  /** The version the next write starts from. */
  version(): number;
  /** The editor now shows what the server holds for this key (after a load, or a choice in a conflict). */
  agree(key: GoalKey, raw: unknown): void;
}

export function useGoalSync(api: Api, planId: string, goal: GoalView): GoalSync {
  const version = useRef(goal.version);
  const known = useRef(new Map<GoalKey, unknown>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    if (goal.version > version.current) version.current = goal.version;
  }, [goal.version]);
  const goalId = goal.id;
  // The values this page first read are what it agrees with the server on, until a write says otherwise.
  const first = useRef(goal);
  const knownOf = (key: GoalKey) =>
    known.current.has(key) ? known.current.get(key) : rawOf(first.current, key);

  const write = useCallback<GoalSync['write']>(
    (key, value, toDraft, keepalive) => {
      const send = (baseVersion: number) =>
        api.call('updatePlanGoal', {
          params: { id: goalId },
          body: { [key]: value, baseVersion },
          keepalive,
        });
      const run = async () => {
        let updated: GoalView;
        try {
          updated = await send(version.current);
        } catch (e) {
          if (keepalive || !(e instanceof ApiError) || e.code !== 'VERSION_CONFLICT') throw e;
          const now = (await api.call('getPlan', { params: { id: planId } })).goals.find(
            (g) => g.id === goalId,
          );
          if (!now) throw e;
          version.current = now.version;
          const theirs = rawOf(now, key);
          if (!same(theirs, knownOf(key)) && !same(theirs, value)) {
            known.current.set(key, theirs);
            throw new ApiError(409, {
              error: {
                code: 'VERSION_CONFLICT',
                message: e.message,
                messages: { nb: e.message, nn: e.message, en: e.message },
                details: { current: { value: toDraft(theirs), version: now.version, updatedBy: null } },
              },
            });
          }
          // Someone changed another field of the goal: this one is still mine to write.
          updated = await send(now.version);
        }
        version.current = updated.version;
        known.current.set(key, rawOf(updated, key));
        return updated.version;
      };
      const result = queue.current.then(run, run);
      queue.current = result.catch(() => undefined);
      return result;
    },
    [api, planId, goalId],
  );

  return {
    write,
    version: () => version.current,
    agree: (key, raw) => {
      known.current.set(key, raw);
    },
  };
}
