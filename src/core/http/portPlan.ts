// core/http: which port each API is served on. Every API shares the API port unless one of its routes clashes
// with a route already there (same path shape and method, or two `$default` routes); then it gets the next port
// group. Function URLs get one port each. Ports of APIs that remain are kept across template reloads.
import type { ApiDecl } from './routeTypes';
import { routesClash } from './routeMatcher';

/** A port group: the APIs served together. `slot` 0 is the API port; URL groups use slots from the URL port. */
export interface PortGroup {
  kind: 'api' | 'url';
  /** Index from the base port (0 = --api-port / first --url-port); the listener chooses the actual port. */
  slot: number;
  apis: ApiDecl[];
}

function clashes(api: ApiDecl, group: readonly ApiDecl[]): boolean {
  return group.some((other) => other.routes.some((r) => api.routes.some((mine) => routesClash(mine, r))));
}

/**
 * Groups `apis` into ports. `previous` (api id → slot) keeps an API where it was when it still fits there,
 * so a reload does not move a URL the user has open.
 */
export function planPorts(apis: readonly ApiDecl[], previous: ReadonlyMap<string, { kind: 'api' | 'url'; slot: number }> = new Map()): PortGroup[] {
  const groups: PortGroup[] = [];
  const group = (kind: 'api' | 'url', slot: number): PortGroup => {
    let g = groups.find((x) => x.kind === kind && x.slot === slot);
    if (!g) groups.push((g = { kind, slot, apis: [] }));
    return g;
  };
  const pending: ApiDecl[] = [];
  // First, those that keep their port.
  for (const api of apis) {
    const prev = previous.get(api.id);
    const kind = api.kind === 'url' ? 'url' : 'api';
    if (prev && prev.kind === kind) {
      const g = group(kind, prev.slot);
      if (kind === 'url' ? g.apis.length === 0 : !clashes(api, g.apis)) {
        g.apis.push(api);
        continue;
      }
    }
    pending.push(api);
  }
  for (const api of pending) {
    if (api.kind === 'url') {
      let slot = 0;
      while (groups.some((g) => g.kind === 'url' && g.slot === slot && g.apis.length)) slot++;
      group('url', slot).apis.push(api);
      continue;
    }
    let slot = 0;
    while (clashes(api, group('api', slot).apis)) slot++;
    group('api', slot).apis.push(api);
  }
  return groups.filter((g) => g.apis.length).sort((a, b) => (a.kind === b.kind ? a.slot - b.slot : a.kind === 'api' ? -1 : 1));
}
