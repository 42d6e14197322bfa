// In-environment Node.js runtime: imported first by the entry (index.ts), before any module that is not in node's
// startup snapshot. The host caps the V8 heap as Lambda's bootstrap does, with --max-old-space-size
// (nodejsHost.ts). V8 sizes the heap once, when the isolate is made; after that the flag's only effect is that V8
// rejects node's built-in code cache, which it checks against a hash of the flags: every built-in module the
// runtime and the function load then compiles from source (node:net alone 1.8 → 6.4 ms, measured; an SDK
// handler loads dozens). Setting the flag back to its default keeps the heap as sized (the cap still ends a
// runaway handler with V8's "heap out of memory", as on Lambda) and lets the cache be used again (issue 10).
// Worker threads the function starts take V8's default heap rather than the cap.

interface V8Binding {
  setFlagsFromString(flags: string): void;
}
/** process.binding: deprecated (DEP0111), so no longer in @types/node, still in every node we run. */
type WithBinding = NodeJS.Process & { binding(name: 'v8'): V8Binding };

const HEAP_FLAG = '--max-old-space-size=';

export function restoreBuiltinCodeCache(): void {
  if (!process.execArgv.some((a) => a.startsWith(HEAP_FLAG))) return;
  // node:v8 would do, but it is not in the snapshot either: loading it costs what the reset saves. The binding
  // behind it is one call away; its deprecation notice is not the function's business.
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    (process as WithBinding).binding('v8').setFlagsFromString(`${HEAP_FLAG}0`);
  } catch {
    // A node without the binding: built-ins compile from source, as before.
  } finally {
    process.noDeprecation = quiet;
  }
}

restoreBuiltinCodeCache();
