// core/deploy: the framed text tables a deploy prints (change set, stack events, outputs), in the terminal and
// in VS Code's "Lambda" output channel alike, framed like SAM CLI's.

/** Columns padded to their widest cell, between dashed rules; an empty table says "(none)". */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('   ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, w) => a + w, 0) + 3 * (widths.length - 1));
  const body = rows.length ? rows.map(line) : ['(none)'];
  return [rule, line(header), rule, ...body, rule].join('\n') + '\n';
}
