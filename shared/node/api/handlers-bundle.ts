import { bundleCalls } from '../../common/api/calls-bundle';
import type { ServerContext } from './context';
import type { Handlers } from './dispatch';
import { notImplemented } from './not-implemented';

export function createBundleHandlers(_ctx: ServerContext): Handlers<keyof typeof bundleCalls> {
  const names = Object.keys(bundleCalls) as (keyof typeof bundleCalls)[];
  return Object.fromEntries(names.map((n) => [n, notImplemented(n)])) as unknown as Handlers<keyof typeof bundleCalls>;
}
