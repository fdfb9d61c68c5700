// The template model is the server's own (served as data in the conversation view); the tab imports
// its types only. What the caller may do with a field comes from the server, not from here.
export type {
  Column,
  Field,
  FieldKind,
  GuideQuestion,
  Option,
  Party,
  Section,
  Template,
  Writer,
} from '../../src/domain/templates/model.ts';
