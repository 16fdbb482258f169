#!/usr/bin/env node
// Guichet runs its TypeScript sources directly through tsx (see docs/decisions/0002).
import module from 'node:module';
import { register } from 'tsx/esm/api';

// npm scripts and npx put the Node 24 that `npm install` brought first on the PATH; a bare `node`
// may be older and would fail later with an obscure error about a missing export.
if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(
    `Guichet needs Node.js 24; this is ${process.version}. Use npm start or npx guichet, which run the Node 24 in node_modules.`,
  );
  process.exit(1);
}
// V8's compiled code of the ~1,600 modules a start loads is kept on disk between starts, each entry
// checked against its file’s content: most of a second less CPU per start on a 2-core machine.
// NODE_COMPILE_CACHE chooses the folder (os.tmpdir() otherwise), NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache();
register();
await import('../src/cli.ts');
