// Debug fixture: imported TypeScript module.
export function label(n: number): string {
  const doubled = n * 2;
  return `value=${doubled}`;
}
