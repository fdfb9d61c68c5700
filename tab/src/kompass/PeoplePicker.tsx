// Choosing people of the organisation: a filter over name and unit, a checkbox per person (name and
// unit; the first 40 that match), and the chosen ones named below, so a choice the filter hides is not
// forgotten.
import { Button, Checkbox, Input, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { useKompassWords, type Person } from './words.ts';

/** At most this many people are listed at once (no scrolling box): the filter finds the rest. */
const LISTED = 40;

const useStyles = makeStyles({
  picker: { display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '40rem' },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0 },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  hint: { color: tokens.colorNeutralForeground3 },
  list: {
    display: 'grid',
    alignContent: 'start',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  unit: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function PeoplePicker(props: {
  legend: string;
  hint?: string;
  people: readonly Person[];
  chosen: readonly string[];
  onChange: (oids: string[]) => void;
  /** Offer to choose everyone the filter shows (a whole group at once). */
  chooseAll?: boolean;
  error?: string | null;
}) {
  const styles = useStyles();
  const { k, list } = useKompassWords();
  const [filter, setFilter] = useState('');
  const id = useId('people');
  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase();
    return q
      ? props.people.filter((p) => `${p.name} ${p.unit ?? ''}`.toLocaleLowerCase().includes(q))
      : props.people;
  }, [filter, props.people]);
  const chosen = new Set(props.chosen);
  // In the order chosen: the assessors' columns follow it.
  const byOid = new Map(props.people.map((p) => [p.oid, p.name]));
  const names = props.chosen.flatMap((oid) => byOid.get(oid) ?? []);
  const toggle = (oid: string, on: boolean) =>
    props.onChange(on ? [...props.chosen, oid] : props.chosen.filter((o) => o !== oid));

  return (
    <div className={styles.picker}>
      <fieldset className={styles.fieldset} aria-describedby={props.error ? `${id}-error` : undefined}>
        <legend className={styles.legend}>{props.legend}</legend>
        {props.hint && (
          <Text size={200} className={styles.hint}>
            {props.hint}
          </Text>
        )}
        <div className={styles.row}>
          <Input
            type="search"
            aria-label={`${props.legend}: ${k('filter')}`}
            placeholder={k('filter')}
            value={filter}
            onChange={(_, d) => setFilter(d.value)}
            style={{ flex: '1 1 14rem', minWidth: 0 }}
          />
          {props.chooseAll && shown.length > 0 && (
            <Button
              onClick={() => props.onChange([...new Set([...props.chosen, ...shown.map((p) => p.oid)])])}
            >
              {k('chooseAllMatching', { count: shown.length })}
            </Button>
          )}
        </div>
        <div className={styles.list}>
          {shown.length === 0 && <Text>{k('noMatch', { filter: filter.trim() })}</Text>}
          {shown.slice(0, LISTED).map((p) => (
            <Checkbox
              key={p.oid}
              checked={chosen.has(p.oid)}
              onChange={(_, d) => toggle(p.oid, d.checked === true)}
              label={
                <>
                  {p.name}
                  {p.unit && <span className={styles.unit}>{`, ${p.unit}`}</span>}
                </>
              }
            />
          ))}
          {shown.length > LISTED && (
            <Text className={styles.hint}>{k('moreMatches', { shown: LISTED, count: shown.length })}</Text>
          )}
        </div>
      </fieldset>
      <Text role="status" aria-live="polite">
        {names.length === 0
          ? k('noneChosen')
          : names.length > 8
            ? k('chosenCount', { count: names.length })
            : k('chosen', { names: list(names) })}
      </Text>
      {props.error && (
        <Text id={`${id}-error`} role="alert" className={styles.error}>
          {props.error}
        </Text>
      )}
    </div>
  );
}
