import type { ServerContext } from './context';
import type { CallTable } from './dispatch';
import { createAppHandlers } from './handlers-app';
import { createSpecHandlers } from './handlers-spec';
import { createMappingHandlers } from './handlers-mapping';
import { createProjectHandlers } from './handlers-project';
import { createSandboxHandlers } from './handlers-sandbox';
import { createBundleHandlers } from './handlers-bundle';

/** Every contract call with its handler; the type makes a missing one a compile error. */
export function buildCallTable(ctx: ServerContext): CallTable {
  return {
    ...createAppHandlers(ctx),
    ...createSpecHandlers(ctx),
    ...createMappingHandlers(ctx),
    ...createProjectHandlers(ctx),
    ...createSandboxHandlers(ctx),
    ...createBundleHandlers(ctx),
  };
}
