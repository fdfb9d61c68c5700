import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { detectHost } from './host.ts';

async function start() {
  const config = (await fetch('/api/config').then((r) => r.json())) as {
    mode: 'local' | 'm365';
    devLogin: boolean;
  };
  const host = await detectHost(config.mode === 'local');
  document.documentElement.lang = host.locale === 'en' ? 'en' : 'nb';
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App host={host} devLogin={config.devLogin} />);
}

void start();
