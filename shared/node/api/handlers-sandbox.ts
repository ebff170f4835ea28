import { sandboxCalls } from '../../common/api/calls-sandbox';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { notImplemented } from './not-implemented';

export function createSandboxHandlers(_ctx: ServerContext): Handlers<keyof typeof sandboxCalls> {
  const names = Object.keys(sandboxCalls) as (keyof typeof sandboxCalls)[];
  return Object.fromEntries(names.map((n) => [n, notImplemented(n)])) as unknown as Handlers<keyof typeof sandboxCalls>;
}
