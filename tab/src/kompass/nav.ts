// Whether the menu offers Kommunekompasset: to those who have a round to read or may start one. Most
// people (employees, unit leaders) have neither, and an entry leading to an empty page would only
// puzzle them; the server's own list decides, as it decides what the page shows.
import { useEffect, useState } from 'react';
import type { Api } from '../api.ts';

export function useKompassNav(api: Api): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    let live = true;
    api.call('listKompassRounds').then(
      (r) => {
        if (live) setOffered(r.canStart || r.rounds.length > 0);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return offered;
}
