import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { chosenLocale, htmlLang } from './LanguagePicker.tsx';
import { createApi } from './api.ts';
import { detectHost } from './host.ts';

async function start() {
  // Before sign-in: which mode this is and whether demo sign-in exists (a public operation).
  const config = await createApi('nb', () => Promise.resolve(null)).call('getConfig');
  const host = await detectHost(config.mode === 'local');
  // The language chosen in the tab, else the host's; App keeps <html lang> in step when it changes.
  document.documentElement.lang = htmlLang(chosenLocale.get() ?? host.locale);
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <App host={host} devLogin={config.devLogin} teamsMeetings={config.teamsMeetings} />,
    );
}

void start();
