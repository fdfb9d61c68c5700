/**
 * Norwegian alphabetical order (æ, ø and å after z). One collator for every sort: localeCompare with a
 * locale builds a new one on each call, which made sorting the red thread's 6 000 goals take 100 ms.
 */
export const byNorwegian: (a: string, b: string) => number = new Intl.Collator('nb').compare;
