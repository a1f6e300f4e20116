/**
 * Every command ccm-bot understands, in the order help lists them. Adding a command is
 * adding its file and one line here; the registry refuses two commands with the same word.
 */
import type { CommandDeclaration } from '../core/command.ts';
import { announced } from './announced.ts';
import { away } from './away.ts';
import { barrier } from './barrier.ts';
import { barriers } from './barriers.ts';
import { contacted } from './contacted.ts';
import { defaults } from './default.ts';
import { deliverable } from './deliverable.ts';
import { deliverables } from './deliverables.ts';
import { digest } from './digest.ts';
import { done } from './done.ts';
import { echo } from './echo.ts';
import { edit } from './edit.ts';
import { exportLog } from './export.ts';
import { form } from './form.ts';
import { help } from './help.ts';
import { history } from './history.ts';
import { home } from './home.ts';
import { interim } from './interim.ts';
import { joined } from './joined.ts';
import { log } from './log.ts';
import { map } from './map.ts';
import { meeting } from './meeting.ts';
import { milestone } from './milestone.ts';
import { milestones } from './milestones.ts';
import { next } from './next.ts';
import { redo } from './redo.ts';
import { quiet } from './quiet.ts';
import { report } from './report.ts';
import { role } from './role.ts';
import { snooze } from './snooze.ts';
import { state } from './state.ts';
import { subscribe } from './subscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { suggest } from './suggest.ts';
import { target } from './target.ts';
import { targets } from './targets.ts';
import { undo } from './undo.ts';
import { unsubscribe } from './unsubscribe.ts';
import { workshop } from './workshop.ts';

export const commands: readonly CommandDeclaration[] = [
  contacted,
  meeting,
  next,
  form,
  done,
  snooze,
  away,
  state,
  log,
  home,
  history,
  undo,
  redo,
  edit,
  workshop,
  interim,
  announced,
  joined,
  targets,
  target,
  suggest,
  barrier,
  barriers,
  map,
  milestones,
  milestone,
  deliverables,
  deliverable,
  digest,
  report,
  exportLog,
  subscribe,
  unsubscribe,
  subscriptions,
  quiet,
  echo,
  defaults,
  role,
  help,
];
