export { seedDemoFaq } from './demo-faq.ts';
export { addFaqEntry } from './faq.ts';
export { supportPaths } from './paths.ts';
