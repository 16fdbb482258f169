import jsonLogic from 'json-logic-js';
// A CommonJS file, so that browsers can load it as a plain script too: only its default export is seen.
import formEngine from './assets/form-engine.cjs';

/** The server's instance of the form logic; the browser runs the same file (`assets/form-engine.cjs`). */
export const engine = formEngine.createEngine(jsonLogic);
