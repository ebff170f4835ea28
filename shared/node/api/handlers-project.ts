import { projectCalls } from '../../common/api/calls-project';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { notImplemented } from './not-implemented';

export function createProjectHandlers(_ctx: ServerContext): Handlers<keyof typeof projectCalls> {
  const names = Object.keys(projectCalls) as (keyof typeof projectCalls)[];
  return Object.fromEntries(names.map((n) => [n, notImplemented(n)])) as unknown as Handlers<keyof typeof projectCalls>;
}
