// What the bot's use cases share besides Deps: its store, the chat sender, the schedule's settings.
import type { DueMessage, Holidays, ReminderSettings } from '../domain/reminders.ts';
import type { BotStore, ChatSender, OutgoingMessage } from '../ports.ts';

export interface BotDeps {
  store: BotStore;
  sender: ChatSender;
  settings: ReminderSettings;
  holidays(around: Date): Holidays;
  /** The reminder card for a bundle, in the recipient's language. */
  renderReminder(messages: readonly DueMessage[], locale: 'nb' | 'en'): OutgoingMessage;
}
