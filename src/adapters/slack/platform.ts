/**
 * Slack as configured: its environment variables, secrets and allow-list, and its adapter,
 * built on demand (Bolt is loaded only when Slack is started).
 */
import { definePlatform } from '../platform.ts';
import { type SlackSettings, slackVariables } from './settings.ts';

export const slackPlatform = definePlatform({
  name: 'slack',
  title: 'Slack',
  variables: slackVariables,
  secrets: {
    variables: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
    keys: ['botToken', 'appToken', 'signingSecret'],
    // Slack's tokens (xoxb-, xoxp-, xapp-…), wherever they appear in text (Bolt quotes them).
    shapes: [/\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g],
  },
  allowList: { variable: 'CCM_ALLOWED_WORKSPACES', pattern: /^T[A-Z0-9]+$/, message: 'Expected a comma list of Slack team ids such as T0123ABCD' },
  adminExample: 'slack:U0123ABCD',
  configured: (v) => v.SLACK_BOT_TOKEN !== undefined && v.SLACK_SIGNING_SECRET !== undefined,
  problems(v) {
    const missing = (['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] as const).filter((name) => v[name] === undefined);
    return missing.length > 0 ? [`${missing.join(', ')}: required to start the Slack adapter (see docs/operating.md, "Slack")`] : [];
  },
  settings: (v): SlackSettings => ({
    botToken: v.SLACK_BOT_TOKEN!,
    signingSecret: v.SLACK_SIGNING_SECRET!,
    appToken: v.SLACK_APP_TOKEN,
    apiUrl: v.SLACK_API_URL,
  }),
  async doctor(settings, context) {
    const { slackFindings } = await import('./doctor.ts');
    return slackFindings(settings, context);
  },
  async create(context, settings) {
    const { createSlackAdapter } = await import('./slack-adapter.ts');
    return createSlackAdapter({ ...context, config: settings });
  },
});
