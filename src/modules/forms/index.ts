export { type AnswerColumn, answerCells, answerColumns } from './answer-columns.ts';
export { photosToPdf } from './capture/photos-to-pdf.ts';
export { choicesLabelledSql } from './choice-labels.ts';
export type { FormDefinition } from './definition.ts';
export { demoDebtExtract, demoDogRegistration } from './demo-forms.ts';
export {
  getSubmissionOfAccount,
  readSubmittedFile,
  type Submission,
  saveAnswers,
  startDraft,
  storeFile,
  submitDraft,
} from './drafts.ts';
export { engine as formEngine } from './engine.ts';
export { formThemeOf } from './form-theme.ts';
export {
  createForm,
  type Form,
  getForm,
  getVersion,
  listFormsOf,
  publishForm,
  setFormTheme,
} from './forms.ts';
export { formJsonSchema } from './schema.ts';
export { AnswersList } from './views/answers-list.tsx';
