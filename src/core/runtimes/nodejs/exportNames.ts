// core/runtimes/nodejs: the names a JavaScript module exports, read from its text without running it (the
// module's top-level code may connect to databases): ES `export` declarations and lists, CommonJS
// `exports.x =` / `module.exports = { … }`, and esbuild's and TypeScript's CommonJS output. A diagnosis aid
// after an init failure, not a parser: it can miss names that are computed at run time.
const PATTERNS: RegExp[] = [
  /^\s*export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm,
  /(?:^|[^.\w$])(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=[^=]/gm,
  /Object\.defineProperty\(\s*(?:module\.)?exports\s*,\s*["']([A-Za-z_$][\w$]*)["']/g,
];

function listNames(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim().replace(/\/\*.*?\*\//g, '').trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^(?:[\w$]+\s+as\s+)?([\w$]+)|^["']([^"']+)["']\s*:/.exec(item) ?? /^([\w$]+)\s*(?:\(|:)/.exec(item);
      return m ? (m[1] ?? m[2]) : '';
    })
    .filter((n) => n !== '' && n !== 'default' && !/^\.\.\./.test(n));
}

/** Exported names found in `source`, sorted, `default` last when there is a default export. */
export function exportNames(source: string): string[] {
  const names = new Set<string>();
  for (const re of PATTERNS) for (const m of source.matchAll(re)) names.add(m[1]);
  // export { a, b as c }
  for (const m of source.matchAll(/^\s*export\s*\{([^}]*)\}/gm)) {
    for (const item of m[1].split(',')) {
      const as = /\bas\s+([\w$]+)\s*$/.exec(item.trim());
      const name = as ? as[1] : item.trim();
      if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  // module.exports = { a, b: c, d() {} } and esbuild's __export(target, { a: () => a })
  for (const m of source.matchAll(/(?:module\.exports\s*=\s*|__export\(\s*[\w$]+\s*,\s*)\{([^}]*)\}/g)) {
    for (const n of listNames(m[1])) names.add(n);
  }
  const hasDefault = /^\s*export\s+default\b/m.test(source) || names.delete('default');
  const out = [...names].sort();
  if (hasDefault) out.push('default');
  return out;
}
