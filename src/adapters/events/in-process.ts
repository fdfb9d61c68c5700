// Changes to conversations, told to the open pages of this process. Only a conversation id and who
// changed what kind of field travel: each page reads the conversation again through the API, whose
// access rules decide what it sees. On PostgreSQL, postgres.ts carries them to the other instances.
import { EventEmitter } from 'node:events';
import type { Change, ChangeFeed } from '../../ports.ts';

export function inProcessChangeFeed(): ChangeFeed {
  const emitter = new EventEmitter();
  // Every open page subscribes; the default warning at 10 listeners would be noise, not a leak.
  emitter.setMaxListeners(0);
  return {
    publish(change) {
      emitter.emit(change.conversationId, change);
    },
    subscribe(conversationId, listener) {
      const on = (c: Change) => {
        listener(c);
      };
      emitter.on(conversationId, on);
      return () => emitter.off(conversationId, on);
    },
  };
}
