/**
 * Slack's slice of the configuration: its environment variables, and the settings the adapter
 * is built with. Read by config.ts through ./platform.ts.
 */
import { z } from 'zod';

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Present: Socket Mode. Absent: HTTP requests at /slack/events. */
  appToken: string | undefined;
  apiUrl: string | undefined;
}

export const slackVariables = z.object({
  /** Slack bot token (xoxb-…), from the app's OAuth page. */
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'Expected a bot token starting with xoxb-').optional(),
  /** Slack signing secret, from the app's Basic Information page. */
  SLACK_SIGNING_SECRET: z.string().min(8, 'Expected the signing secret from the Slack app settings').optional(),
  /** Slack app-level token (xapp-…); when set, Slack connects over Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'Expected an app-level token starting with xapp-').optional(),
  /** Base URL of Slack's Web API, for GovSlack or a local stand-in. */
  SLACK_API_URL: z.url({ message: 'Expected a URL such as https://slack.com/api/' }).optional(),
});
