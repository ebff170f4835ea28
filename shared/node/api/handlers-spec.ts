import { specCalls } from '../../common/api/calls-spec';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { notImplemented } from './not-implemented';

export function createSpecHandlers(_ctx: ServerContext): Handlers<keyof typeof specCalls> {
  const names = Object.keys(specCalls) as (keyof typeof specCalls)[];
  return Object.fromEntries(names.map((n) => [n, notImplemented(n)])) as unknown as Handlers<keyof typeof specCalls>;
}
