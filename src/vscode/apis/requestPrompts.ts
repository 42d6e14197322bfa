// vscode layer: Send Request's quick inputs: method (the route's first), path (its first `{param}` selected to
// type over), headers (`name: value; …`, a JSON content type for methods with a body) and body (`{}`), each
// prefilled from the route. Given an input object (tests, other extensions), nothing is asked: what it leaves
// out takes the default.
import * as vscode from 'vscode';
import type { RouteDecl } from '../../core/http/routeTypes';
import { defaultHeaders, defaultPath, firstParam, hasBody, methodsFor, parseHeaders } from './httpClient';

export interface RequestInput {
  method?: string;
  /** The path (and query) after the API's base URL, e.g. `/pets/7?full=1`. */
  path?: string;
  /** `name: value; name2: value2`, or an object. */
  headers?: string | Record<string, string>;
  body?: string;
}

export interface RequestSpec {
  method: string;
  path: string;
  headers: [string, string][];
  body?: string;
}

const checkPath = (p: string): string | undefined => (p.startsWith('/') ? undefined : 'The path starts with "/" (a query string may follow: /pets?limit=2).');

function headerPairs(h: RequestInput['headers'], method: string): [string, string][] {
  if (h === undefined) return parseHeaders(defaultHeaders(method));
  return typeof h === 'string' ? parseHeaders(h) : Object.entries(h);
}

/** The request to send, or undefined when the user cancelled a step. */
export async function requestFor(route: RouteDecl, title: string, given?: RequestInput): Promise<RequestSpec | undefined> {
  if (given) {
    const method = (given.method ?? methodsFor(route)[0]).toUpperCase();
    const path = given.path ?? defaultPath(route);
    const bad = checkPath(path);
    if (bad) throw new Error(bad);
    return { method, path, headers: headerPairs(given.headers, method), body: given.body ?? (hasBody(method) ? '{}' : undefined) };
  }
  const methods = methodsFor(route);
  const picked = await vscode.window.showQuickPick(
    methods.map((m, i) => ({ label: m, description: i === 0 ? (route.method === 'ANY' ? 'route accepts any method' : 'the route\'s method') : undefined })),
    { title: `${title}: method`, placeHolder: route.routeKey },
  );
  if (!picked) return undefined;
  const method = picked.label;
  const initial = defaultPath(route);
  const path = await vscode.window.showInputBox({
    title: `${title}: path`,
    prompt: 'Path and query after the API\'s URL; replace each {parameter}',
    value: initial,
    valueSelection: firstParam(initial),
    validateInput: checkPath,
  });
  if (path === undefined) return undefined;
  const headerText = await vscode.window.showInputBox({
    title: `${title}: headers`,
    prompt: 'Headers as name: value, several separated by ";" (empty for none)',
    value: defaultHeaders(method),
    validateInput: (t) => {
      try {
        parseHeaders(t);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (headerText === undefined) return undefined;
  let body: string | undefined;
  if (hasBody(method)) {
    body = await vscode.window.showInputBox({ title: `${title}: body`, prompt: 'Request body (sent as typed)', value: '{}' });
    if (body === undefined) return undefined;
  }
  return { method, path, headers: parseHeaders(headerText), body };
}
