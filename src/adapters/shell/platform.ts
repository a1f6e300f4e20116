/**
 * The local shell as a platform: no variables of its own (its person is CCM_USER), no secrets,
 * no allow-list (it serves whoever runs it), and an adapter that reads this terminal.
 */
import { z } from 'zod';
import { definePlatform } from '../platform.ts';

export const shellPlatform = definePlatform({
  name: 'shell',
  title: 'the local shell',
  local: true,
  variables: z.object({}),
  secrets: { variables: [], keys: [], shapes: [] },
  // Started only when asked for, or when no chat platform has credentials (see config.ts).
  configured: () => false,
  problems: () => [],
  settings: () => ({}),
  async create(context) {
    const { createShellAdapter } = await import('./shell.ts');
    return createShellAdapter(context);
  },
});
