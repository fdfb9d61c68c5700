// One template in the editor, for admins: the organisation's current version, changed as a draft
// (sections and fields added, moved, removed, their guidance rewritten), previewed as each party will
// see it, and saved as a new version after saying what that means for conversations under way.
import {
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorText, type Api } from '../api.ts';
import { ConfirmButton } from '../form/Confirm.tsx';
import { AddSectionForm, SectionCard, type EditorContext } from '../template-editor/Editor.tsx';
import { changes as changesOf, type Sections } from '../template-editor/draft.ts';
import { Preview } from '../template-editor/Preview.tsx';
import { SaveDialog } from '../template-editor/SaveDialog.tsx';
import { useTemplateWords, type EditableTemplate } from '../template-editor/words.ts';
import { templateIn, type Party, type Template } from '../template.ts';
import { ErrorNotice, PageTitle, RouterLink } from './common.tsx';
import { useFormLayout } from '../form/layout.ts';

const useStyles = makeStyles({
  head: { display: 'grid', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  lead: { maxWidth: '60rem' },
  views: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  tabs: { flexWrap: 'wrap' },
  note: { marginBottom: tokens.spacingVerticalL },
  status: { flex: '1 1 14rem', minWidth: 0 },
});

type Mode = 'edit' | Party;
const MODES: readonly Mode[] = ['edit', 'leader', 'employee'];

interface Failure {
  message: string;
  /** The parts the server named, by their words. */
  parts: string[];
}

export function TemplatePage({
  api,
  templateKey,
  allowed,
}: {
  api: Api;
  templateKey: string;
  allowed: boolean;
}) {
  const styles = useStyles();
  const layout = useFormLayout();
  const { tw, m, t, party, locale } = useTemplateWords();
  const [view, setView] = useState<EditableTemplate | null>(null);
  const [draft, setDraft] = useState<Sections>([]);
  // Editors keep what is typed as typed; a new revision (saved, discarded) starts them afresh.
  const [revision, setRevision] = useState(0);
  const [mode, setMode] = useState<Mode>('edit');
  // The preview reads the organisation's nynorsk when switched to it (from the start, in a nynorsk tab).
  const [nynorsk, setNynorsk] = useState(locale === 'nn');
  useEffect(() => setNynorsk(locale === 'nn'), [locale]);
  const [said, setSaid] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focusNext = useRef<string | null>(null);
  // A refusal is said at the top of the page: it takes the focus, so it is seen and heard from the bar.
  const failureRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const take = useCallback((v: EditableTemplate) => {
    setView(v);
    setDraft(v.template.sections);
    setRevision((r) => r + 1);
  }, []);
  useEffect(() => {
    if (!allowed) return;
    api.call('getEditableTemplate', { params: { key: templateKey } }).then(take, (e: unknown) => {
      setError(errorText(e));
    });
  }, [api, templateKey, allowed, take]);

  // After a move or a removal, the focus goes where the change put it (never lost to the page).
  useLayoutEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    document.querySelector<HTMLElement>(`[data-focus="${target}"]`)?.focus();
  });

  const changes = useMemo(() => (view ? changesOf(view.template.sections, draft) : []), [view, draft]);

  if (!allowed)
    return (
      <section>
        <PageTitle>{tw.listTitle}</PageTitle>
        <ErrorNotice message={tw.adminOnly} />
      </section>
    );
  if (error) return <ErrorNotice message={error} />;
  if (!view) return <Spinner label={t('loading')} />;

  const template: Template = { ...view.template, sections: draft };
  const ctx: EditorContext = {
    template,
    sections: draft,
    core: view.core,
    change: (next, message, focus) => {
      setDraft(next);
      setSaid(message);
      if (focus) focusNext.current = focus;
    },
  };
  // A part without its words cannot be saved (the contract has none without): said where it is.
  const unnamed =
    draft.some((s) => s.title.trim() === '') ||
    draft.some((s) => s.fields.some((f) => f.label.trim() === ''));
  const partName = (id: string): string => {
    const bare = id.replace(/^(section|field):/, '');
    const all = [...view.template.sections, ...draft];
    const section = all.find((s) => s.id === bare);
    const field = all.flatMap((s) => s.fields).find((f) => f.id === bare);
    return `«${section?.title ?? field?.label ?? '…'}»`;
  };
  const failed = (e: unknown) => {
    const problems = e instanceof ApiError ? e.details?.problems : undefined;
    const parts = Array.isArray(problems)
      ? problems.flatMap((p: unknown) =>
          typeof p === 'object' && p !== null && 'id' in p && typeof p.id === 'string'
            ? [partName(p.id)]
            : [],
        )
      : [];
    setFailure({ message: m('saveFailed', { message: errorText(e) }), parts: [...new Set(parts)] });
  };

  return (
    <article>
      <div className={styles.head}>
        <RouterLink href="/templates">{tw.backToList}</RouterLink>
        <PageTitle>{m('pageTitle', { name: view.template.name })}</PageTitle>
        <Text block className={styles.lead}>
          {view.template.title}
          {view.template.subtitle ? ` ${view.template.subtitle}` : ''}
        </Text>
        <Text block className={styles.lead}>
          {view.customised ? tw.leadOwn : tw.leadStandard} {m('running', { count: view.running })}.
        </Text>
        {failure && (
          <MessageBar intent="error" layout="multiline" role="alert" ref={failureRef} tabIndex={-1}>
            <MessageBarBody>
              {failure.message}
              {failure.parts.length > 0 && ` ${tw.problemsLead} ${failure.parts.join(', ')}.`}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>

      {/* Which view: radios rather than tabs (no focus trap of Fluent's arrow-key group in the page). */}
      <div className={styles.views}>
        <RadioGroup
          className={styles.tabs}
          layout="horizontal"
          aria-label={tw.viewLabel}
          value={mode}
          onChange={(_, d) => {
            const next = MODES.find((x) => x === d.value);
            if (next) setMode(next);
          }}
        >
          <Radio value="edit" label={tw.viewEdit} />
          {(['leader', 'employee'] as const).map((p) => (
            <Radio key={p} value={p} label={m('viewPreview', { party: party(template, p) })} />
          ))}
        </RadioGroup>
        {mode !== 'edit' && (
          <Switch label={tw.previewNynorsk} checked={nynorsk} onChange={(_, d) => setNynorsk(d.checked)} />
        )}
      </div>

      <div>
        {mode === 'edit' ? (
          <div key={revision}>
            <MessageBar intent="info" layout="multiline" className={styles.note}>
              <MessageBarBody>{tw.coreNote}</MessageBarBody>
            </MessageBar>
            {draft.map((section, i) => (
              <SectionCard key={section.id} ctx={ctx} section={section} index={i} />
            ))}
            <AddSectionForm ctx={ctx} />
          </div>
        ) : (
          <Preview api={api} template={templateIn(template, nynorsk ? 'nn' : 'nb')} party={mode} />
        )}
      </div>

      <div className={layout.bar} role="region" aria-label={tw.save} data-sticky>
        <Text className={styles.status} role="status">
          {said && `${said} `}
          {changes.length === 0 ? tw.noChanges : m('unsaved', { count: changes.length })}
          {unnamed && ` ${tw.labelRequired}`}
        </Text>
        {changes.length > 0 && (
          <ConfirmButton
            label={tw.discard}
            title={tw.discardTitle}
            confirm={tw.discard}
            onConfirm={() => Promise.resolve()}
            // The button goes with the changes: only once the dialog has closed.
            afterClose={() => {
              setDraft(view.template.sections);
              setRevision((r) => r + 1);
              setSaid('');
              setFailure(null);
            }}
          >
            {tw.discardLead}
          </ConfirmButton>
        )}
        <SaveDialog
          api={api}
          view={view}
          sections={draft}
          changes={changes}
          blocked={changes.length === 0 || unnamed}
          onSaved={(v) => {
            take(v);
            setSaid(tw.saved);
            setFailure(null);
          }}
          onFailed={failed}
        />
      </div>
    </article>
  );
}
