import jsonLogic from 'json-logic-js';
import { createEngine } from './assets/form-engine.cjs';

/** The server's instance of the form logic; the browser runs the same file (`assets/form-engine.cjs`). */
export const engine = createEngine(jsonLogic);
