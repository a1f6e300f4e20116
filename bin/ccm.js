#!/usr/bin/env node
// Runs ccm-bot's TypeScript sources directly (through tsx), so `npx ccm` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
