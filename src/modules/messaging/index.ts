export {
  countUnread,
  getThreadOfAccount,
  getThreadOfAuthority,
  listThreads,
  postMessage,
  startThread,
} from './threads.ts';
