import { useEffect, useState } from 'react';

/** Whether the window is at least this wide; follows resizing (a Teams panel, a phone turned). */
export function useWide(minPx: number): boolean {
  const query = `(min-width: ${minPx}px)`;
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const on = () => setWide(list.matches);
    list.addEventListener('change', on);
    on();
    return () => list.removeEventListener('change', on);
  }, [query]);
  return wide;
}
