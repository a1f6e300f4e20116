#!/usr/bin/env node
// Runs ccm-bot's TypeScript sources directly, so `npx ccm` works right after `npm install`
// with no build step. Node 22.18 and later strip the types themselves (the sources use only
// erasable syntax: see `erasableSyntaxOnly` in tsconfig.json); older Node 22 releases go
// through tsx, which compiles at every start and takes about a second longer.

import module from 'node:module';

// better-sqlite3 13 crashes on older Node rather than failing cleanly, so say it plainly first.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `ccm-bot needs Node.js 22, 24 or 26; this is Node ${process.versions.node}.\nSee README, Development, for taking Node 22 from the npm registry.\n`,
  );
  process.exit(1);
}

// Every file ccm-bot (or anything it starts) creates is readable by its owner only: the
// database, its WAL and shared memory, backups and their partial copies, a restore's copy,
// exports. They hold the whole log, notes included; umask 022 would make them readable by all.
process.umask(0o077);

// Node keeps the compiled code of what it loads (Bolt, drizzle, zod…; on Node 24 and later our
// stripped sources too) between starts, in its cache folder under the system's temporary folder
// (NODE_COMPILE_CACHE moves it): a restart takes about a fifth less time. A cache that cannot be
// written is only slower; checked by content, it never runs stale code.
module.enableCompileCache?.();

if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import('../src/cli.ts');
