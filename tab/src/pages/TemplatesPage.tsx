// "Maler", for admins: the conversation templates the organisation uses, each with whether it has a
// version of its own and how many conversations with it are under way. The server decides who may.
import {
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { errorText, type Api } from '../api.ts';
import { useTemplateWords, type EditableTemplate } from '../template-editor/words.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';

const useStyles = makeStyles({
  lead: { maxWidth: '60rem', marginBottom: tokens.spacingVerticalL },
});

export function TemplatesPage({ api, allowed }: { api: Api; allowed: boolean }) {
  const styles = useStyles();
  const { tw, m, t } = useTemplateWords();
  const [rows, setRows] = useState<EditableTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!allowed) return;
    // Only the conversation templates are the organisation's to shape: they are what gets planned.
    api
      .call('listTemplates')
      .then(({ templates }) =>
        Promise.all(
          templates
            .filter((x) => x.kind === 'conversation')
            .map((x) => api.call('getEditableTemplate', { params: { key: x.key } })),
        ),
      )
      .then(setRows, (e: unknown) => setError(errorText(e)));
  }, [api, allowed]);

  return (
    <section>
      <PageTitle>{tw.listTitle}</PageTitle>
      <Text as="p" block className={styles.lead}>
        {tw.listLead}
      </Text>
      {!allowed && <ErrorNotice message={tw.adminOnly} />}
      {error && <ErrorNotice message={error} />}
      {allowed && !rows && !error && <Spinner label={t('loading')} />}
      {rows && (
        <div role="region" aria-label={tw.listLabel} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table className="stack" aria-label={tw.listLabel} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{tw.colTemplate}</TableHeaderCell>
                <TableHeaderCell>{tw.colVersion}</TableHeaderCell>
                <TableHeaderCell>{tw.colRunning}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map(({ template, customised, running }) => (
                <TableRow key={template.key}>
                  <TableCell data-label={tw.colTemplate}>
                    <RouterLink href={`/templates/${template.key}`}>{template.name}</RouterLink>
                    <Text block size={200}>
                      {template.title}
                    </Text>
                  </TableCell>
                  <TableCell data-label={tw.colVersion}>{customised ? tw.own : tw.standard}</TableCell>
                  <TableCell data-label={tw.colRunning}>{m('running', { count: running })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
