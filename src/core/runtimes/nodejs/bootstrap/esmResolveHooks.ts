// In-environment Node.js runtime: the off-thread module hooks (module.register, Node 20.6+) that let `import`
// reach the layers and the runtime's SDK; built on its own to dist/runtimes/nodejs/esmResolveHooks.mjs and
// loaded by runtimeModulePaths.ts only when the host names such folders.
import { resolveWithFallback } from './runtimeModulePaths';

let parents: readonly string[] = [];

/** Node passes the `data` given to module.register. */
export function initialize(data: { parents?: readonly string[] } | undefined): void {
  parents = data?.parents ?? [];
}

export const resolve = (specifier: string, context: Parameters<typeof resolveWithFallback>[2], next: Parameters<typeof resolveWithFallback>[3]) =>
  resolveWithFallback(parents, specifier, context, next);
