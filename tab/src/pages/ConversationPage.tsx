import {
  Badge,
  Button,
  Caption1,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConversationView, FieldView } from '../../../src/contract/views.ts';
import type { Transition } from '../../../src/domain/conversation.ts';
import { errorText, type Api } from '../api.ts';
import { AnswerEditor } from '../form/AnswerEditor.tsx';
import { answerText } from '../form/answer-text.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { ItemsTable } from '../form/ItemsTable.tsx';
import { PreviousItems } from '../form/PreviousItems.tsx';
import type { ServableGoals } from '../form/ServesPicker.tsx';
import { SignButton, SignPanel } from '../form/SignPanel.tsx';
import { useI18n } from '../i18n.ts';
import type { Locale } from '../../../src/contract/words/index.ts';
import { templateIn, type Column, type Field, type Party, type Section } from '../template.ts';
import { useWide } from '../useWide.ts';
import { ErrorNotice, PageTitle, RouterLink, StatusBadge } from './common.tsx';
import { FeedbackPanel, hasFeedback } from './FeedbackPanel.tsx';
import { Guide } from '../form/Guide.tsx';
import { Purpose } from '../form/Purpose.tsx';
import { useFormLayout } from '../form/layout.ts';
import { fill, formatSchedule } from '../../../src/contract/words/format.ts';
import { SchedulePanel } from '../meeting/SchedulePanel.tsx';

const useStyles = makeStyles({
  head: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(11rem, 15rem) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  narrow: { display: 'block' },
  fold: { marginBottom: tokens.spacingVerticalL },
  nav: {
    position: 'sticky',
    top: tokens.spacingVerticalM,
    maxHeight: 'calc(100vh - 6rem)',
    overflowY: 'auto',
  },
  navList: { listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  navLink: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  needs: {
    display: 'block',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  navCurrent: {
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  readOnly: { whiteSpace: 'pre-wrap', overflowWrap: 'break-word' },
});

export function ConversationPage({ api, id }: { api: Api; id: string }) {
  const styles = useStyles();
  const layout = useFormLayout();
  const { t, words, date, period, list, locale } = useI18n();
  // The section list stands beside the form only where the plan table still gets its full width.
  const wide = useWide(1600);
  const [loaded, setView] = useState<ConversationView | null>(null);
  // The template's words as the reader reads them (nynorsk where the organisation wrote it).
  const view = useMemo(() => (loaded ? readAs(loaded, locale) : null), [loaded, locale]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A step that failed (someone else moved the conversation on, the network) is said above the form;
  // the form and everything typed stay.
  const [failed, setFailed] = useState<string | null>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    () =>
      api.call('getConversation', { params: { id } }).then(setView, (e: unknown) => setError(errorText(e))),
    [api, id],
  );
  useEffect(() => void load(), [load]);
  // The unit goals the conversation's goals may serve ("Bidrar til"): read once, by the parties only.
  const party = view !== null && view.you !== null;
  const [servable, setServable] = useState<ServableGoals | null>(null);
  useEffect(() => {
    setServable(null);
    if (!party) return;
    let live = true;
    api.call('listServableGoals', { params: { id } }).then(
      (goals) => {
        if (live) setServable(goals);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, id, party]);
  // After a save (mine, or the other party's told by the server) the view is read again; editors keep
  // what is typed and take the server's newer values where nothing is unsaved.
  const onSaved = useCallback(() => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void load(), 250);
  }, [load]);
  useEffect(() => {
    const stop = new AbortController();
    const listen = async () => {
      const stopped = () => stop.signal.aborted;
      while (!stopped()) {
        await api
          .events('conversationEvents', { params: { id } }, () => onSaved(), stop.signal)
          .catch(() => undefined);
        // The stream ended (a restart, a network change): listen again after a pause.
        if (!stopped()) await new Promise((r) => setTimeout(r, 2000));
      }
    };
    void listen();
    return () => stop.abort();
  }, [api, id, onSaved]);

  if (error) return <ErrorNotice message={error} />;
  if (!view) return <Spinner label={t('loading')} />;

  const tpl = view.definition;
  const you = view.you;
  const other = you === 'leader' ? view.parties.employee : view.parties.leader;
  const people = [view.parties.leader, view.parties.employee];
  const fieldViews = view.sections.flatMap((s) => s.fields);
  const fieldView = (fid: string): FieldView | undefined => fieldViews.find((f) => f.id === fid);
  // Labels that repeat in the form ("Samtale" ten times) get their section's title for screen readers.
  const labelCount = new Map<string, number>();
  for (const f of tpl.sections.flatMap((s) => s.fields))
    labelCount.set(f.label, (labelCount.get(f.label) ?? 0) + 1);
  const act = (p: Promise<unknown>, message?: string) =>
    p.then(
      () => {
        setNotice(message ?? null);
        setFailed(null);
        void load();
      },
      (e: unknown) => {
        setNotice(null);
        setFailed(errorText(e));
        void load();
      },
    );
  const transition = (tr: Transition, message?: string) =>
    act(api.call('transitionConversation', { params: { id }, body: { transition: tr } }), message);
  const needsYou = (section: Section) =>
    section.fields.some((f) => {
      const fv = fieldView(f.id);
      if (!fv?.editable || f.kind === 'previousItems') return false;
      if (f.kind === 'goalList' || f.kind === 'actionPlan') return (fv.items ?? []).length === 0;
      const slot = f.visibility === 'private' || f.writer === 'both-separately' ? you : 'shared';
      const value = slot ? fv.answers[slot]?.value : undefined;
      return value === undefined || value === null || value === '';
    });
  const voidedMe = view.reopened?.voided.some((p) => p.oid === (you ? view.parties[you].oid : ''));

  const sectionList = (
    <ul className={styles.navList}>
      {tpl.sections.map((s) => {
        const mine = needsYou(s);
        return (
          <li key={s.id}>
            <a className={mergeClasses(styles.navLink)} href={`#section-${s.id}`}>
              <span>
                {s.title}
                {mine && <span className={styles.needs}>{t('needsYou')}</span>}
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
  // Wide: the list stays beside the form. Narrow: folded away above it, opened on demand.
  const nav = wide ? (
    <nav aria-label={t('sectionsNav')} className={styles.nav}>
      <Text weight="semibold" block>
        {t('sectionsNav')}
      </Text>
      {sectionList}
    </nav>
  ) : (
    <nav aria-label={t('sectionsNav')}>
      <details className={styles.fold}>
        <summary>{t('sectionsNav')}</summary>
        {sectionList}
      </details>
    </nav>
  );

  return (
    <article aria-labelledby="conversation-title">
      <div className={styles.head}>
        <RouterLink href="/">{t('backToList')}</RouterLink>
        <PageTitle>{`${tpl.title} ${period(view.period)}`}</PageTitle>
        {tpl.subtitle && <Text block>{tpl.subtitle}</Text>}
        <Text block>
          {t('parties', {
            leaderLabel: tpl.parties.leader,
            leader: view.parties.leader.name,
            employeeLabel: tpl.parties.employee,
            employee: view.parties.employee.name,
          })}
        </Text>
        <div className={styles.row}>
          <StatusBadge status={view.status} />
          <Text>
            {t('colNext')}: {words.nextStep[view.nextStep]}
            {view.waitingFor.length > 0 &&
              ` (${t('waitingFor', { names: list(view.waitingFor.map((p) => (you && p.oid === view.parties[you].oid ? t('you') : p.name))) })})`}
          </Text>
          {view.scheduledAt && (
            <Text>
              {view.scheduledTime
                ? fill(words.meeting.scheduled, {
                    when: formatSchedule(locale, view.scheduledAt, view.scheduledTime),
                  })
                : t('scheduled', { date: date(view.scheduledAt) })}
            </Text>
          )}
        </div>
        <Caption1 block>{tpl.marking.text}</Caption1>
        {failed && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{failed}</MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="success" layout="multiline" role="status">
            <MessageBarBody>{notice}</MessageBarBody>
            {view.canTransition.includes('restore') && (
              <MessageBarActions>
                <Button onClick={() => void transition('restore', t('restored'))}>{t('undo')}</Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {view.status === 'cancelled' && !notice && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('cancelledNotice')}</MessageBarBody>
            {view.canTransition.includes('restore') && (
              <MessageBarActions>
                <Button onClick={() => void transition('restore', t('restored'))}>
                  {words.transition.restore}
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {view.reopened && (
          <MessageBar intent="warning" layout="multiline" role="status">
            <MessageBarBody>
              {t(voidedMe ? 'reopenedYou' : 'reopenedNotice', {
                name: view.reopened.by.name,
                time: date(view.reopened.at),
                names: list(view.reopened.voided.map((p) => p.name)),
              })}
            </MessageBarBody>
          </MessageBar>
        )}
        {view.status === 'awaiting_signatures' && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              {view.canTransition.includes('reopen')
                ? t('signReadOnlyYouReopen')
                : t('signReadOnly', { name: view.parties.leader.name })}
            </MessageBarBody>
          </MessageBar>
        )}
        {view.locked && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('readOnlyLocked')}</MessageBarBody>
          </MessageBar>
        )}
        {view.withheldSections.length > 0 && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>{t('salaryWithheld')}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {/* The parties' own: when it is held, and the way into its Teams meeting. */}
      {you && <SchedulePanel api={api} conversation={view} onChange={() => void load()} />}

      <div className={wide ? styles.layout : styles.narrow}>
        {nav}
        <div>
          {tpl.purpose && <Purpose purpose={tpl.purpose} />}
          {tpl.basisDocuments && (
            <Card className={layout.section}>
              <Text as="p" weight="semibold" block>
                {tpl.basisDocuments.heading}
              </Text>
              <ul>
                {tpl.basisDocuments.items.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Card>
          )}

          {/* A leader conversation's feedback round, before the preparation it serves; its parties only. */}
          {you && hasFeedback(view.template.key) && (
            <FeedbackPanel
              api={api}
              conversationId={view.id}
              templateKey={view.template.key}
              status={view.status}
              superior={view.parties.leader.name}
            />
          )}
          {tpl.sections.map((section) => (
            <SectionView
              key={section.id}
              section={section}
              parties={t('parties', {
                leaderLabel: tpl.parties.leader,
                leader: view.parties.leader.name,
                employeeLabel: tpl.parties.employee,
                employee: view.parties.employee.name,
              })}
              render={(field) => (
                <FieldBlock
                  key={field.id}
                  field={field}
                  section={section}
                  repeated={(labelCount.get(field.label) ?? 0) > 1}
                  fv={fieldView(field.id)}
                  view={view}
                  you={you}
                  api={api}
                  people={people}
                  servable={you ? servable : null}
                  onSaved={onSaved}
                  onChange={() => void load()}
                />
              )}
            />
          ))}

          {(view.status === 'awaiting_signatures' || view.locked) && <SignPanel api={api} view={view} />}
        </div>
      </div>

      <ActionBar
        view={view}
        api={api}
        other={other.name}
        transition={transition}
        act={act}
        onError={setFailed}
        load={load}
      />
    </article>
  );
}

/**
 * The conversation with its template's words in the reader's language: the form, and the empty fields
 * listed before signing (named by the server as the template writes them, looked up here by id).
 */
function readAs(view: ConversationView, locale: Locale): ConversationView {
  if (locale !== 'nn') return view;
  const definition = templateIn(view.definition, locale);
  const where = new Map(definition.sections.flatMap((s) => s.fields.map((f) => [f.id, { s, f }] as const)));
  return {
    ...view,
    definition,
    emptyFields: view.emptyFields.map((e) => {
      const found = where.get(e.id);
      return found ? { ...e, label: found.f.label, section: found.s.title } : e;
    }),
  };
}

/** The bar that stays in view with my next step, each irreversible one asking first. */
function ActionBar(props: {
  view: ConversationView;
  api: Api;
  other: string;
  transition: (tr: Transition, message?: string) => Promise<void>;
  act: (p: Promise<unknown>, message?: string) => Promise<void>;
  onError: (m: string | null) => void;
  load: () => Promise<void>;
}) {
  const layout = useFormLayout();
  const { t, words, list } = useI18n();
  const { view, transition } = props;
  const can = (tr: Transition) => view.canTransition.includes(tr);
  const signed = view.signatures.filter((s) => s.valid).map((s) => s.name);
  const any = view.canShare || view.canSign || view.canTransition.some((tr) => tr !== 'restore');
  if (!any) return null;
  return (
    <div className={layout.bar} role="region" aria-label={t('nextStepBar')} data-sticky>
      {view.canShare && (
        <ConfirmButton
          label={t('sharePrep', { name: props.other })}
          title={t('shareConfirmTitle', { name: props.other })}
          confirm={t('shareConfirm')}
          onConfirm={() =>
            props.act(props.api.call('sharePreparation', { params: { id: view.id }, body: {} }), t('shared'))
          }
        >
          {t('shareConfirmLead', { name: props.other })}
        </ConfirmButton>
      )}
      {can('open-preparation') && (
        <Button appearance="primary" onClick={() => void transition('open-preparation')}>
          {words.transition['open-preparation']}
        </Button>
      )}
      {can('hold') && (
        <Button appearance="primary" onClick={() => void transition('hold')}>
          {words.transition.hold}
        </Button>
      )}
      {can('send-to-signing') && (
        <ConfirmButton
          appearance="primary"
          label={words.transition['send-to-signing']}
          title={t('sendConfirmTitle')}
          confirm={words.transition['send-to-signing']}
          onConfirm={() => transition('send-to-signing')}
        >
          <Text as="p" block>
            {t('sendConfirmLead', { name: props.other })}
          </Text>
          {view.emptyFields.length > 0 && (
            <>
              <Text as="p" block weight="semibold">
                {t('sendConfirmEmpty', { count: view.emptyFields.length })}
              </Text>
              <ul>
                {view.emptyFields.map((f) => (
                  <li key={f.id}>
                    {f.section === f.label ? f.label : `${f.section.replace(/[.:]$/, '')}: ${f.label}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </ConfirmButton>
      )}
      {view.canSign && (
        <SignButton api={props.api} view={view} onChange={() => void props.load()} onError={props.onError} />
      )}
      {can('reopen') && (
        <ConfirmButton
          label={words.transition.reopen}
          title={t('reopenConfirmTitle')}
          confirm={words.transition.reopen}
          onConfirm={() => transition('reopen', t('reopened'))}
        >
          {signed.length > 0 ? t('reopenConfirmVoids', { names: list(signed) }) : t('reopenConfirmLead')}
        </ConfirmButton>
      )}
      {can('cancel') && (
        <ConfirmButton
          label={words.transition.cancel}
          title={t('cancelConfirmTitle')}
          confirm={words.transition.cancel}
          onConfirm={() => transition('cancel', t('cancelled'))}
        >
          {t('cancelConfirmLead', { name: props.other })}
        </ConfirmButton>
      )}
    </div>
  );
}

function SectionView({
  section,
  parties,
  render,
}: {
  section: Section;
  parties: string;
  render: (f: Field) => React.ReactNode;
}) {
  const layout = useFormLayout();
  const headingId = `section-${section.id}`;
  return (
    <section className={layout.section} aria-labelledby={headingId} id={headingId} tabIndex={-1}>
      {section.part && (
        <Caption1 as="p" block>
          {section.part}
        </Caption1>
      )}
      <Title3 block as="h2" id={`${headingId}-title`}>
        {section.title}
      </Title3>
      {section.namesParties && (
        <Text as="p" block>
          {parties}
        </Text>
      )}
      {section.intro?.map((p) => (
        <Text as="p" block key={p}>
          {p}
        </Text>
      ))}
      {section.guide && <Guide heading={section.guideHeading} guide={section.guide} />}
      {section.fields.map(render)}
    </section>
  );
}

function FieldBlock(props: {
  field: Field;
  section: Section;
  repeated: boolean;
  fv: FieldView | undefined;
  view: ConversationView;
  you: Party | null;
  api: Api;
  people: { oid: string; name: string }[];
  servable: ServableGoals | null;
  onSaved: () => void;
  onChange: () => void;
}) {
  const { field, fv, view, you, api, people } = props;
  const styles = useStyles();
  const layout = useFormLayout();
  const i18n = useI18n();
  const { t } = i18n;
  // The server decides what the caller may edit; the tab only shows it.
  const canEdit = fv?.editable ?? false;
  const guideId = field.guide ? `guide-${field.id}` : undefined;
  const name = (p: Party) => view.parties[p].name;
  const accessible = (label: string) => (props.repeated ? `${label} – ${props.section.title}` : undefined);

  // Plan tables and last period's items take the whole width, the guide above them.
  if (field.kind === 'goalList' || field.kind === 'actionPlan' || field.kind === 'previousItems') {
    const source =
      field.kind === 'previousItems'
        ? view.definition.sections.flatMap((s) => s.fields).find((f) => f.id === field.sourceFieldId)
        : undefined;
    const columns: Column[] = source && 'columns' in source ? source.columns : [];
    return (
      <div className={layout.wideField} data-field={field.id}>
        {/* The section's heading already says it where the two are the same ("Handlingsplan"). */}
        {field.kind !== 'previousItems' && field.label !== props.section.title && (
          <Text weight="semibold" as="h3" block>
            {field.label}
          </Text>
        )}
        {field.guide && <Guide guide={field.guide} id={guideId} />}
        {field.kind === 'previousItems' ? (
          <PreviousItems
            api={api}
            conversationId={view.id}
            field={field}
            columns={columns}
            previous={fv?.previous}
            answer={fv?.answers.shared}
            editable={canEdit}
            people={people}
            onSaved={props.onSaved}
          />
        ) : (
          <ItemsTable
            api={api}
            conversationId={view.id}
            field={field}
            items={fv?.items ?? []}
            editable={canEdit}
            people={people}
            locked={view.locked}
            onChange={props.onChange}
            servable={props.servable}
          />
        )}
      </div>
    );
  }

  let body: React.ReactNode;
  if (field.visibility === 'private' || field.writer === 'both-separately') {
    // Each party's own slot: mine is editable, the other's is shown when they may see it.
    const parties: Party[] =
      field.writer === 'leader' || field.writer === 'employee' ? [field.writer] : ['leader', 'employee'];
    body = (
      <div className={layout.slots}>
        {parties.map((p) => {
          const answer = fv?.answers[p];
          const mine = p === you;
          const label =
            field.writer === 'both-separately' && field.visibility === 'shared'
              ? `${field.label} – ${mine ? t('yourView') : t('otherView', { name: name(p) })}`
              : mine
                ? field.label
                : `${field.label} (${name(p)})`;
          if (mine) {
            return (
              <div key={p} className={field.visibility === 'private' ? layout.private : undefined}>
                {field.visibility === 'private' && (
                  <Badge
                    appearance="tint"
                    className={layout.wrapBadge}
                    color={answer?.sharedAt ? 'success' : 'warning'}
                  >
                    {answer?.sharedAt
                      ? t('privateShared', { name: name(p === 'leader' ? 'employee' : 'leader') })
                      : t(view.locked ? 'privateKept' : 'privateBadge')}
                  </Badge>
                )}
                <AnswerEditor
                  api={api}
                  conversationId={view.id}
                  field={field}
                  label={label}
                  {...(props.repeated ? { accessibleLabel: `${label} – ${props.section.title}` } : {})}
                  answer={answer}
                  editable={canEdit}
                  people={people}
                  hintId={guideId}
                  onSaved={props.onSaved}
                  servable={props.servable}
                  servesGoalId={fv?.servesGoalId ?? null}
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
                <Text className={styles.readOnly} block>
                  {answerText(field, answer.value, i18n, people)}
                </Text>
              ) : field.visibility === 'private' ? (
                <Text block>{t('notShared', { name: name(p) })}</Text>
              ) : (
                <Text block>{t('notFilled')}</Text>
              )}
            </div>
          );
        })}
      </div>
    );
  } else {
    const accessibleLabel = accessible(field.label);
    body = (
      <AnswerEditor
        api={api}
        conversationId={view.id}
        field={field}
        label={field.label}
        {...(accessibleLabel ? { accessibleLabel } : {})}
        answer={fv?.answers.shared}
        editable={canEdit}
        people={people}
        hintId={guideId}
        onSaved={props.onSaved}
        servable={props.servable}
        servesGoalId={fv?.servesGoalId ?? null}
      />
    );
  }

  return (
    <div className={layout.field} data-field={field.id}>
      <div>{body}</div>
      {field.guide ? <Guide guide={field.guide} id={guideId} /> : <div />}
    </div>
  );
}
