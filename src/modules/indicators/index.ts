export { formCompletedCall, recordIndicator } from './record.ts';
export { surveyPath } from './satisfaction.ts';
export { SurveyInvite } from './views/survey-page.tsx';
