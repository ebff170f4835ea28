import { mappingCalls } from '../../common/api/calls-mapping';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { notImplemented } from './not-implemented';

export function createMappingHandlers(_ctx: ServerContext): Handlers<keyof typeof mappingCalls> {
  const names = Object.keys(mappingCalls) as (keyof typeof mappingCalls)[];
  return Object.fromEntries(names.map((n) => [n, notImplemented(n)])) as unknown as Handlers<keyof typeof mappingCalls>;
}
