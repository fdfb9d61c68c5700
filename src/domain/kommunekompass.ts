import { KOMPASS_AREAS, scoreFieldId } from './templates/kommunekompass.ts';

export interface AreaScore {
  area: number;
  title: string;
  /** Points, rounded half up to whole points as the Kommunekompass reports them. */
  score: number;
  /** The exact sum in tenths of a point, before rounding. */
  tenths: number;
  max: number;
}

/**
 * Sums sub-area scores (entered with one decimal, e.g. 35,3) into area scores of at most 100.
 * Tenths are kept as integers so 61,5 rounds to 62 without floating-point drift.
 */
export function scoreKommunekompass(scores: Readonly<Record<string, number | undefined>>): {
  areas: AreaScore[];
  total: number;
  max: number;
} {
  const areas = KOMPASS_AREAS.map((area) => {
    const tenths = area.subAreas.reduce(
      (sum, s) => sum + Math.round((scores[scoreFieldId(s.code)] ?? 0) * 10),
      0,
    );
    const max = area.subAreas.reduce((sum, s) => sum + s.max, 0);
    return { area: area.number, title: area.title, tenths, score: Math.floor((tenths + 5) / 10), max };
  });
  return {
    areas,
    total: areas.reduce((sum, a) => sum + a.score, 0),
    max: areas.reduce((sum, a) => sum + a.max, 0),
  };
}
