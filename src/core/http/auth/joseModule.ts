// core/http/auth: jose is an ES module; the extension and CLI are CommonJS bundles: load it on first use.
export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  return (loading ??= import('jose'));
}
