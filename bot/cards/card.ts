// Adaptive Card 1.5 as types: only the elements Samtale's cards use. Teams renders 1.5; Action.Execute
// (Universal Actions) updates a card in place, and Teams falls back to Action.Submit where it cannot.

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: 'Default' | 'Good' | 'Warning' | 'Attention';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
}
export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}
export interface ChoiceSetInput {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: { title: string; value: string }[];
  value?: string;
  style?: 'compact' | 'expanded';
  isRequired?: boolean;
  errorMessage?: string;
}
export interface TextInput {
  type: 'Input.Text';
  id: string;
  label: string;
  value?: string;
  isMultiline?: boolean;
  maxLength?: number;
}
export interface NumberInput {
  type: 'Input.Number';
  id: string;
  label: string;
  value?: number;
}
export interface Container {
  type: 'Container';
  items: Element[];
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
}
export type Element = TextBlock | FactSet | ChoiceSetInput | TextInput | NumberInput | Container;

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, string | number>;
  /** Teams clients without Universal Actions send the same verb and data as an Action.Submit. */
  fallback?: SubmitAction;
}
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, string | number>;
}
export type Action = OpenUrlAction | ExecuteAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: Element[];
  actions?: Action[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// No `lang` property: the text is already in the reader's language, and the adaptivecards SDK's check
// of that property misfires on every second card (a global regular expression keeps its position).
export function card(body: Element[], actions: Action[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export const text = (t: string, more: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock => ({
  type: 'TextBlock',
  text: t,
  wrap: true,
  ...more,
});
export const heading = (t: string): TextBlock => text(t, { weight: 'Bolder', size: 'Medium' });

/** An Action.Execute with its Action.Submit fallback carrying the verb, so both reach the same handler. */
export function execute(title: string, verb: string, data: Record<string, string | number>): ExecuteAction {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    fallback: { type: 'Action.Submit', title, data: { ...data, verb } },
  };
}

export const openUrl = (title: string, url: string): OpenUrlAction => ({
  type: 'Action.OpenUrl',
  title,
  url,
});
