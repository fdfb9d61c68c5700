import {
  Badge,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView, FieldView } from '../../../src/contract/views.ts';
import { errorText, type Api } from '../api.ts';
import { AnswerEditor } from '../form/AnswerEditor.tsx';
import { answerText } from '../form/answer-text.ts';
import { ItemsTable, PreviousItems } from '../form/ItemsTable.tsx';
import { SignPanel } from '../form/SignPanel.tsx';
import { useI18n } from '../i18n.ts';
import type { Field, GuideQuestion, Party, Section } from '../template.ts';
import { ErrorNotice, PageTitle, RouterLink, StatusBadge } from './common.tsx';

type View = ConversationView;

const useStyles = makeStyles({
  head: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { marginBottom: tokens.spacingVerticalXL },
  field: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    '@media (max-width: 720px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  slots: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 260px), 1fr))',
  },
  guide: {
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground2,
  },
  private: {
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
  },
  readOnly: { whiteSpace: 'pre-wrap' },
});

export function ConversationPage({ api, id }: { api: Api; id: string }) {
  const styles = useStyles();
  const { t, words, date, period } = useI18n();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    () =>
      api.call('getConversation', { params: { id } }).then(setView, (e: unknown) => setError(errorText(e))),
    [api, id],
  );
  useEffect(() => void load(), [load]);
  // After a save the content hash and signatures change; refresh them without remounting editors.
  const onSaved = useCallback(() => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 300);
  }, [load]);

  if (error) return <ErrorNotice message={error} />;
  if (!view) return <Spinner label={t('loading')} />;

  const tpl = view.definition;
  const you = view.you;
  const other = you === 'leader' ? view.parties.employee : view.parties.leader;
  const people = [view.parties.leader, view.parties.employee];
  const fieldView = (fid: string): FieldView | undefined =>
    view.sections.flatMap((s) => s.fields).find((f) => f.id === fid);

  const act = (p: Promise<unknown>, message?: string) =>
    p.then(
      () => {
        setNotice(message ?? null);
        void load();
      },
      (e: unknown) => {
        setNotice(null);
        setError(errorText(e));
      },
    );

  return (
    <article aria-labelledby="conversation-title">
      <div className={styles.head}>
        <RouterLink href="/">{t('backToList')}</RouterLink>
        <PageTitle>{`${tpl.title} ${period(view.period)}`}</PageTitle>
        {tpl.subtitle && <Text>{tpl.subtitle}</Text>}
        <Text>
          {t('parties', {
            leaderLabel: tpl.parties.leader,
            leader: view.parties.leader.name,
            employeeLabel: tpl.parties.employee,
            employee: view.parties.employee.name,
          })}
        </Text>
        <div className={styles.actions}>
          <StatusBadge status={view.status} />
          <Text>
            {t('colNext')}: {words.nextStep[view.nextStep]}
          </Text>
          {view.scheduledAt && <Text>{t('scheduled', { date: date(view.scheduledAt) })}</Text>}
        </div>
        <Caption1>{tpl.marking.text}</Caption1>
        {view.canTransition.length > 0 && (
          <div className={styles.actions}>
            {view.canTransition.map((tr) => (
              <Button
                key={tr}
                appearance={tr === 'cancel' ? 'secondary' : 'primary'}
                onClick={() =>
                  void act(api.call('transitionConversation', { params: { id }, body: { transition: tr } }))
                }
              >
                {words.transition[tr]}
              </Button>
            ))}
          </div>
        )}
        {view.canShare && (
          <div>
            <Button
              onClick={() =>
                void act(api.call('sharePreparation', { params: { id }, body: {} }), t('shared'))
              }
            >
              {t('sharePrep', { name: other.name })}
            </Button>
          </div>
        )}
        {notice && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {view.locked && (
          <MessageBar intent="info">
            <MessageBarBody>{t('readOnlyLocked')}</MessageBarBody>
          </MessageBar>
        )}
        {view.withheldSections.length > 0 && (
          <MessageBar intent="info">
            <MessageBarBody>{t('salaryWithheld')}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {tpl.purpose && (
        <Card className={styles.section}>
          <Title3 block as="h2">
            {tpl.purpose.heading}
          </Title3>
          <Text as="p">{tpl.purpose.lead}</Text>
          <ul>
            {tpl.purpose.points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Card>
      )}
      {tpl.basisDocuments && (
        <Card className={styles.section}>
          <Text as="p" weight="semibold">
            {tpl.basisDocuments.heading}
          </Text>
          <ul>
            {tpl.basisDocuments.items.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Card>
      )}

      {tpl.sections.map((section) => (
        <SectionView
          key={section.id}
          section={section}
          render={(field) => (
            <FieldBlock
              key={field.id}
              field={field}
              fv={fieldView(field.id)}
              view={view}
              you={you}
              api={api}
              people={people}
              onSaved={onSaved}
              onChange={() => void load()}
            />
          )}
        />
      ))}

      {(view.status === 'awaiting_signatures' || view.locked) && (
        <SignPanel api={api} view={view} onChange={() => void load()} />
      )}
    </article>
  );
}

function SectionView({ section, render }: { section: Section; render: (f: Field) => React.ReactNode }) {
  const styles = useStyles();
  const headingId = `section-${section.id}`;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      {section.part && <Caption1 as="p">{section.part}</Caption1>}
      <Title3 block as="h2" id={headingId}>
        {section.title}
      </Title3>
      {section.intro?.map((p) => (
        <Text as="p" key={p}>
          {p}
        </Text>
      ))}
      {section.guide && <Guide heading={section.guideHeading} guide={section.guide} />}
      {section.fields.map(render)}
    </section>
  );
}

function Guide({ heading, guide, id }: { heading?: string; guide: GuideQuestion[]; id?: string }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <aside className={styles.guide} aria-label={heading ?? t('guide')} id={id}>
      <Text weight="semibold">{heading ?? t('guide')}</Text>
      <ul>
        {guide.map((g) => (
          <li key={g.text}>
            {g.text}
            {g.sub && (
              <ul>
                {g.sub.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function FieldBlock(props: {
  field: Field;
  fv: FieldView | undefined;
  view: View;
  you: Party | null;
  api: Api;
  people: { oid: string; name: string }[];
  onSaved: () => void;
  onChange: () => void;
}) {
  const { field, fv, view, you, api, people } = props;
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  // The server decides what the caller may edit; the tab only shows it.
  const canEdit = fv?.editable ?? false;
  const guideId = field.guide ? `guide-${field.id}` : undefined;
  const name = (p: Party) => view.parties[p].name;

  let body: React.ReactNode;
  if (field.kind === 'previousItems') {
    body = <PreviousItems field={field} previous={fv?.previous} />;
  } else if (field.kind === 'goalList' || field.kind === 'actionPlan') {
    body = (
      <div>
        <Text weight="semibold" as="h3">
          {field.label}
        </Text>
        <ItemsTable
          api={api}
          conversationId={view.id}
          field={field}
          items={fv?.items ?? []}
          editable={canEdit}
          people={people}
          locked={view.locked}
          onChange={props.onChange}
        />
      </div>
    );
  } else if (field.visibility === 'private' || field.writer === 'both-separately') {
    // Each party's own slot: mine is editable, the other's is shown when they may see it.
    const parties: Party[] =
      field.writer === 'leader' || field.writer === 'employee' ? [field.writer] : ['leader', 'employee'];
    body = (
      <div className={styles.slots}>
        {parties.map((p) => {
          const answer = fv?.answers[p];
          const mine = p === you;
          const label =
            field.writer === 'both-separately' && field.visibility === 'shared'
              ? `${field.label} – ${mine ? t('yourView') : t('otherView', { name: name(p) })}`
              : mine
                ? field.label
                : `${field.label} – ${t('otherPrivate', { name: name(p) })}`;
          if (mine) {
            return (
              <div key={p} className={field.visibility === 'private' ? styles.private : undefined}>
                {field.visibility === 'private' && (
                  <Badge appearance="tint" color={answer?.sharedAt ? 'success' : 'warning'}>
                    {answer?.sharedAt
                      ? t('privateShared', { name: name(p === 'leader' ? 'employee' : 'leader') })
                      : t('privateBadge')}
                  </Badge>
                )}
                <AnswerEditor
                  api={api}
                  conversationId={view.id}
                  field={field}
                  label={label}
                  answer={answer}
                  editable={canEdit}
                  people={people}
                  hintId={guideId}
                  onSaved={props.onSaved}
                />
              </div>
            );
          }
          if (!you) return null;
          return (
            <div key={p}>
              <Text weight="semibold" block>
                {label}
              </Text>
              {answer ? (
                <Text className={styles.readOnly}>{answerText(field, answer.value, i18n, people)}</Text>
              ) : field.visibility === 'private' ? (
                <Text>{t('notShared', { name: name(p) })}</Text>
              ) : (
                <Text>{t('nobody')}</Text>
              )}
            </div>
          );
        })}
      </div>
    );
  } else {
    body = (
      <AnswerEditor
        api={api}
        conversationId={view.id}
        field={field}
        label={field.label}
        answer={fv?.answers.shared}
        editable={canEdit}
        people={people}
        hintId={guideId}
        onSaved={props.onSaved}
      />
    );
  }

  return (
    <div className={styles.field} data-field={field.id}>
      <div>{body}</div>
      {field.guide ? <Guide guide={field.guide} id={guideId} /> : <div />}
    </div>
  );
}
