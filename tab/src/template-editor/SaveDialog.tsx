// Saving asks first and says what it means: what changes, that the conversations under way (counted by
// the server when the dialog opens) keep the version they started with, and that new ones get this.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import { fill } from '../../../src/contract/words/format.ts';
import type { Api } from '../api.ts';
import type { Change, Sections } from './draft.ts';
import { useTemplateWords, type EditableTemplate } from './words.ts';

export function SaveDialog(props: {
  api: Api;
  view: EditableTemplate;
  sections: Sections;
  changes: Change[];
  /** Nothing to save, or a part without its words: the button stays in reach but does nothing. */
  blocked: boolean;
  onSaved: (view: EditableTemplate) => void;
  onFailed: (e: unknown) => void;
}) {
  const { tw, m } = useTemplateWords();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState(props.view.running);
  const key = props.view.template.key;
  const name = props.view.template.name;

  const opened = (next: boolean) => {
    setOpen(next);
    if (!next) return;
    setRunning(props.view.running);
    // The count as it is now: a conversation may have been planned since the page was opened.
    props.api.call('getEditableTemplate', { params: { key } }).then(
      (v) => setRunning(v.running),
      () => undefined,
    );
  };

  const save = async () => {
    setBusy(true);
    try {
      await props.api.call('customiseTemplate', { params: { key }, body: { sections: props.sections } });
      const view = await props.api.call('getEditableTemplate', { params: { key } });
      setOpen(false);
      props.onSaved(view);
    } catch (e) {
      setOpen(false);
      props.onFailed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => opened(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" disabledFocusable={props.blocked}>
          {tw.save}
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{m('saveTitle', { name })}</DialogTitle>
          <DialogContent>
            <Text as="p" block weight="semibold">
              {tw.saveChanges}
            </Text>
            <ul data-changes>
              {props.changes.map((c, i) => (
                <li key={i}>{changeText(tw.change, c)}</li>
              ))}
            </ul>
            <Text as="p" block data-running>
              {running === 0 ? tw.saveNoneRunning : m('saveRunning', { count: running })}
            </Text>
            <Text as="p" block>
              {tw.saveNew}
            </Text>
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{tw.cancel}</Button>
            </DialogTrigger>
            <Button appearance="primary" disabled={busy} onClick={() => void save()}>
              {tw.saveConfirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** One change as a person reads it. */
export function changeText(words: Record<Change['kind'], string>, c: Change): string {
  switch (c.kind) {
    case 'sectionAdded':
    case 'sectionRemoved':
    case 'sectionRenamed':
      return fill(words[c.kind], { title: c.title });
    case 'fieldAdded':
    case 'fieldRemoved':
    case 'fieldChanged':
      return fill(words[c.kind], { section: c.section, label: c.label });
    case 'guideChanged':
    case 'nynorskChanged':
      return fill(words[c.kind], { label: c.label });
    case 'orderChanged':
      return words[c.kind];
  }
}
