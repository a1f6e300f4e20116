/**
 * Slack dates each request it signs (`X-Slack-Request-Timestamp`, in seconds). Bolt refuses
 * one more than five minutes old, so that a captured request cannot be replayed later; it
 * accepts one dated in the future, which could be replayed for as long as its date is ahead.
 * This refuses that too: the same five minutes, the other way.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** How far a request's date may be from ours, either way: Slack's own rule for stale requests. */
const SLACK_CLOCK_SKEW_MS = 5 * 60_000;

/** True when the request's date lies more than {@link SLACK_CLOCK_SKEW_MS} ahead of `nowMs`. */
export function datedInTheFuture(headers: IncomingHttpHeaders, nowMs: number): boolean {
  const seconds = Number(headers['x-slack-request-timestamp']);
  return Number.isFinite(seconds) && seconds * 1000 > nowMs + SLACK_CLOCK_SKEW_MS;
}
