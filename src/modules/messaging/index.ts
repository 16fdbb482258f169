export { countUnread, getThread, listThreads, postMessage, startThread } from './threads.ts';
