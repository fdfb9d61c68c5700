import { createRoot } from 'react-dom/client';
import { WORDS } from '../../src/contract/words/index.ts';
import { App } from './App.tsx';
import { createApi } from './api.ts';
import { detectHost } from './host.ts';

async function start() {
  // Before sign-in: which mode this is and whether demo sign-in exists (a public operation).
  const config = await createApi('nb', () => Promise.resolve(null)).call('getConfig');
  const host = await detectHost(config.mode === 'local');
  document.documentElement.lang = WORDS[host.locale].meta.tag.slice(0, 2);
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App host={host} devLogin={config.devLogin} />);
}

void start();
