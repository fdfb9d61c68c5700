// What the bot's use cases share besides Deps: its store, the chat sender, the schedule's settings.
import type { DueMessage, Holidays, ReminderSettings } from '../domain/reminders.ts';
import type { Locale } from '../contract/words/index.ts';
import type { AppInstaller, BotStore, ChatSender, OutgoingMessage } from '../ports.ts';

export interface BotDeps {
  store: BotStore;
  sender: ChatSender;
  /** The schedule's settings; the cycle deadline as MM-DD, placed in the current year at each sweep. */
  settings: ReminderSettings;
  holidays(around: Date): Holidays;
  /** Installs the app for people with something due who never opened it (optional; m365 only). */
  installer: AppInstaller | null;
  /** The reminder card for a bundle, in the recipient's language. */
  renderReminder(messages: readonly DueMessage[], locale: Locale): OutgoingMessage;
}
