// A template as one party will see it in a new conversation, drawn by the form engine (tab/src/form)
// read-only: the fields the party fills in as their controls, the other party's as they will read
// them, private preparation as its writer alone sees it. Nothing here can be typed into or saved.
import {
  Badge,
  Caption1,
  MessageBar,
  MessageBarBody,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { partyWrites } from '../../../src/domain/answers.ts';
import type { Api } from '../api.ts';
import { AnswerEditor } from '../form/AnswerEditor.tsx';
import { ItemsTable } from '../form/ItemsTable.tsx';
import { PreviousItems } from '../form/PreviousItems.tsx';
import type { Field, Party, Section, Template } from '../template.ts';
import { useTemplateWords } from './words.ts';
import { Guide } from '../form/Guide.tsx';
import { Purpose } from '../form/Purpose.tsx';
import { useFormLayout } from '../form/layout.ts';

const useStyles = makeStyles({
  who: { color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXXS },
  lead: { marginBottom: tokens.spacingVerticalL },
});

const noop = () => undefined;

export function Preview({ api, template, party }: { api: Api; template: Template; party: Party }) {
  const styles = useStyles();
  const layout = useFormLayout();
  const { m, tw, party: partyName } = useTemplateWords();
  return (
    <div data-preview={party}>
      <MessageBar intent="info" layout="multiline" className={styles.lead}>
        <MessageBarBody>{m('previewLead', { party: partyName(template, party) })}</MessageBarBody>
      </MessageBar>
      <Title3 block as="h2">
        {template.title}
      </Title3>
      {template.subtitle && <Text block>{template.subtitle}</Text>}
      <Caption1 block className={styles.lead}>
        {template.marking.text}
      </Caption1>
      {template.purpose && <Purpose purpose={template.purpose} />}
      {template.sections.map((section) => (
        <section
          key={section.id}
          className={layout.section}
          aria-labelledby={`preview-${section.id}`}
          data-preview-section={section.id}
        >
          {section.part && (
            <Caption1 as="p" block>
              {section.part}
            </Caption1>
          )}
          <Title3 block as="h3" id={`preview-${section.id}`}>
            {section.title}
          </Title3>
          {section.sensitivity === 'salary' && <Text block>{tw.salaryNote}</Text>}
          {section.intro?.map((p) => (
            <Text as="p" block key={p}>
              {p}
            </Text>
          ))}
          {section.guide && <Guide heading={section.guideHeading} guide={section.guide} />}
          {section.fields.map((field) => (
            <PreviewField
              key={field.id}
              api={api}
              template={template}
              section={section}
              field={field}
              party={party}
            />
          ))}
        </section>
      ))}
    </div>
  );
}

function PreviewField(props: { api: Api; template: Template; section: Section; field: Field; party: Party }) {
  const { api, template, section, field, party } = props;
  const styles = useStyles();
  const layout = useFormLayout();
  const { t, m, writer } = useTemplateWords();
  const other: Party = party === 'leader' ? 'employee' : 'leader';
  const guideId = field.guide ? `preview-guide-${field.id}` : undefined;
  const fills = (
    <Caption1 block className={styles.who}>
      {m('previewFills', { party: writer(template, field.writer) })}
    </Caption1>
  );
  const writes = partyWrites(field.writer, party);

  // Plan tables and last period's rows take the whole width, as in a conversation.
  if (field.kind === 'goalList' || field.kind === 'actionPlan' || field.kind === 'previousItems') {
    return (
      <div className={layout.wideField} data-field={field.id}>
        {field.kind !== 'previousItems' && field.label !== section.title && (
          <Text weight="semibold" as="h4" block>
            {field.label}
          </Text>
        )}
        {field.guide && <Guide guide={field.guide} id={guideId} />}
        {field.kind === 'previousItems' ? (
          <>
            <PreviousItems
              api={api}
              conversationId=""
              field={field}
              columns={[]}
              previous={undefined}
              answer={undefined}
              editable={false}
              people={[]}
              onSaved={noop}
            />
            <Caption1 block className={styles.who}>
              {m('previewPrevious')}
            </Caption1>
          </>
        ) : (
          <>
            <Caption1 block>
              {m('previewColumns', { columns: field.columns.map((c) => c.label).join(', ') })}
            </Caption1>
            <ItemsTable
              api={api}
              conversationId=""
              field={field}
              items={[]}
              editable={false}
              people={[]}
              locked={false}
              onChange={noop}
            />
            <Caption1 block className={styles.who}>
              {m('previewRows')}
            </Caption1>
          </>
        )}
        {!writes && fills}
      </div>
    );
  }

  const editor = (label: string, mine: boolean) => (
    <AnswerEditor
      api={api}
      conversationId=""
      field={field}
      label={label}
      answer={undefined}
      editable={false}
      preview={mine}
      people={[]}
      {...(guideId ? { hintId: guideId } : {})}
      onSaved={noop}
    />
  );

  let body: React.ReactNode;
  if (field.visibility === 'private') {
    // Preparation: each writer's own slot; the other party's is hidden until it is shared.
    const slots: Party[] =
      field.writer === 'leader' || field.writer === 'employee' ? [field.writer] : ['leader', 'employee'];
    body = (
      <div className={layout.slots}>
        {slots.map((p) =>
          p === party ? (
            <div key={p} className={layout.private}>
              <Badge appearance="tint" color="warning" className={layout.wrapBadge}>
                {t('privateBadge')}
              </Badge>
              {editor(field.label, true)}
            </div>
          ) : (
            <div key={p}>
              <Text weight="semibold" block>
                {field.label}
              </Text>
              <Text block>{m('previewOtherPrivate', { party: template.parties[p] })}</Text>
            </div>
          ),
        )}
      </div>
    );
  } else if (field.writer === 'both-separately') {
    body = (
      <div className={layout.slots}>
        <div>{editor(`${field.label} – ${t('yourView')}`, true)}</div>
        <div>{editor(`${field.label} – ${t('otherView', { name: template.parties[other] })}`, false)}</div>
      </div>
    );
  } else {
    body = (
      <>
        {editor(field.label, writes)}
        {!writes && fills}
      </>
    );
  }
  return (
    <div className={layout.field} data-field={field.id}>
      <div>{body}</div>
      {field.guide ? <Guide guide={field.guide} id={guideId} /> : <div />}
    </div>
  );
}
