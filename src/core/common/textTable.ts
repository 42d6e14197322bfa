// core/common: text tables — columns padded to their widest cell. The CLI's listings print them plain; a
// deploy's change set, stack events and outputs print them framed like SAM CLI's, in the terminal and in VS
// Code's "Lambda" output channel alike.

/** Each row's cells padded to their column's widest, joined by `gap`, trailing spaces trimmed. */
export function alignedRows(rows: readonly (readonly string[])[], gap: string): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, (c ?? '').length)));
  return rows.map((r) => widths.map((w, i) => (r[i] ?? '').padEnd(w)).join(gap).trimEnd());
}

/** Header and rows between dashed rules; an empty table says "(none)". */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const [head, ...body] = alignedRows([header, ...rows], '   ');
  // As wide as the widest line: the last column's widest cell ends it (never padded).
  const rule = '-'.repeat(Math.max(head.length, ...body.map((l) => l.length)));
  return [rule, head, rule, ...(body.length ? body : ['(none)']), rule].join('\n') + '\n';
}
