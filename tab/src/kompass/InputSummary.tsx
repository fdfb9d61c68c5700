// "Innspill": the groups' anonymous input per area. A group with 5 or more respondents shows its count,
// its average agreement (1–5) per sub-area and its free texts; a group below 5 shows nothing but that.
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId } from 'react';
import type { KompassArea, KompassRoundView, ResultWords } from './Results.tsx';

type Input = KompassArea['input'][number];

const useStyles = makeStyles({
  areaHeading: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  groupHeading: { margin: 0 },
  table: { maxWidth: '720px' },
  average: { whiteSpace: 'nowrap' },
  texts: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  fewer: { color: tokens.colorNeutralForeground2 },
});

export function KompassInputSummary({ view, rw }: { view: KompassRoundView; rw: ResultWords }) {
  const styles = useStyles();
  const headingId = useId();
  const anything = view.areas.some((a) => a.input.some((g) => g.respondents !== null));
  return (
    <section aria-labelledby={headingId} data-kompass-input="">
      <Title3 as="h2" id={headingId} block>
        {rw.r('inputTitle')}
      </Title3>
      <Text as="p" block>
        {rw.r('inputLead')}
      </Text>
      {!anything ? (
        <Text as="p" block className={styles.fewer}>
          {rw.r('inputNone')}
        </Text>
      ) : (
        view.areas.map((area) => {
          const shown = area.input.filter((g) => g.respondents !== null);
          const fewer = area.input.filter((g) => g.respondents === null);
          return (
            <div key={area.number} data-area={area.number}>
              <Text as="h3" size={400} weight="semibold" block className={styles.areaHeading}>
                {rw.areaName(area)}
              </Text>
              {shown.map((g) => (
                <GroupInput key={g.group} area={area} input={g} rw={rw} />
              ))}
              {fewer.length > 0 && (
                <Text as="p" block className={styles.fewer}>
                  {rw.r('fewerGroups', { groups: rw.list(fewer.map((g) => rw.groups[g.group])) })}
                </Text>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}

function GroupInput({ area, input, rw }: { area: KompassArea; input: Input; rw: ResultWords }) {
  const styles = useStyles();
  const group = rw.groups[input.group];
  const averages = input.averages ?? [];
  return (
    <div className={styles.group} data-group={input.group}>
      <Text as="h4" weight="semibold" block className={styles.groupHeading}>
        {group}
      </Text>
      <Text block>{rw.r('respondents', { count: rw.num(input.respondents ?? 0) })}</Text>
      {averages.length > 0 && (
        <Table
          className={`stack ${styles.table}`}
          size="small"
          aria-label={rw.r('averagesLabel', { group, area: rw.areaName(area) })}
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{rw.r('colSubArea')}</TableHeaderCell>
              <TableHeaderCell>{rw.r('colAverage')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {averages.map((avg, i) => (
              <TableRow key={i}>
                <TableCell data-label={rw.r('colSubArea')}>
                  {area.subAreas[i]?.title ?? rw.r('question', { n: i + 1 })}
                </TableCell>
                <TableCell data-label={rw.r('colAverage')} className={styles.average}>
                  {rw.r('average', { value: rw.tenths(avg) })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Text weight="semibold" block>
        {rw.r('texts')}
      </Text>
      {input.texts.length === 0 ? (
        <Text block>{rw.r('textsNone')}</Text>
      ) : (
        <ul className={styles.texts}>
          {input.texts.map((text, i) => (
            <li key={i}>
              <Text style={{ whiteSpace: 'pre-line' }}>{text}</Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
