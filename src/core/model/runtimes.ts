// core/model: every runtime identifier Lambda has had, with its family and deprecation date, and what the
// engine makes of each: the families it runs (nodejs, python, provided), those it does not (java, dotnet,
// ruby), and ids Lambda never had (unknown, with a did-you-mean). The runtime table in core/runtimes maps
// each runnable family to its implementation.
//
// Dates: AWS Lambda Developer Guide, "Lambda runtimes" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
// the "Deprecation date" column of its "Supported runtimes" and "Deprecated runtimes" tables; dates after today
// are the page's projections. The copy of that page in our search index shows only its opening, so each row was
// checked where another source showed it: [D] the archived developer guide (nodejs12.x), AWS's own pages quoted
// in search results (nodejs14.x/16.x, ruby2.7, the .NET rows, the Python 3.10–3.12 rows of an AWS page using the
// same policy) and endoflife.date's copy of the table (nodejs22.x/24.x, python3.13/3.14, java25, ruby3.4,
// dotnet10). The other rows are [U] (lambda-semantics.md's tags): from the page as last read, not re-seen here.

export type RuntimeFamily = 'nodejs' | 'python' | 'provided';
type LanguageFamily = RuntimeFamily | 'java' | 'dotnet' | 'ruby' | 'go';

export interface LambdaRuntime {
  id: string;
  family: LanguageFamily;
  /** Deprecation date (UTC, YYYY-MM-DD) as the Lambda runtimes page gives it. */
  deprecation: string;
}

const T: Record<LanguageFamily, Record<string, string>> = {
  nodejs: {
    nodejs: '2016-10-31',
    'nodejs4.3': '2020-03-05',
    'nodejs4.3-edge': '2019-04-30',
    'nodejs6.10': '2019-08-12',
    'nodejs8.10': '2020-03-06',
    'nodejs10.x': '2021-07-30',
    'nodejs12.x': '2023-03-31',
    'nodejs14.x': '2023-12-04',
    'nodejs16.x': '2024-06-12',
    'nodejs18.x': '2025-09-01',
    'nodejs20.x': '2026-04-30',
    'nodejs22.x': '2027-04-30',
    'nodejs24.x': '2028-04-30',
  },
  python: {
    'python2.7': '2021-07-15',
    'python3.6': '2022-07-18',
    'python3.7': '2023-12-04',
    'python3.8': '2024-10-14',
    'python3.9': '2025-12-15',
    'python3.10': '2026-06-30',
    'python3.11': '2026-06-30',
    'python3.12': '2028-10-31',
    'python3.13': '2029-06-30',
    'python3.14': '2029-06-30',
  },
  provided: { provided: '2024-01-08', 'provided.al2': '2026-06-30', 'provided.al2023': '2029-06-30' },
  go: { 'go1.x': '2024-01-08' },
  java: { java8: '2024-01-08', 'java8.al2': '2026-06-30', java11: '2026-06-30', java17: '2026-06-30', java21: '2029-06-30', java25: '2029-06-30' },
  dotnet: {
    'dotnetcore1.0': '2019-07-30',
    'dotnetcore2.0': '2019-05-30',
    'dotnetcore2.1': '2022-01-05',
    'dotnetcore3.1': '2023-04-03',
    'dotnet5.0': '2022-05-10',
    dotnet6: '2024-12-20',
    dotnet7: '2024-05-14',
    dotnet8: '2026-11-10',
    dotnet10: '2028-11-14',
  },
  ruby: { 'ruby2.5': '2021-07-30', 'ruby2.7': '2023-12-07', 'ruby3.2': '2026-03-31', 'ruby3.3': '2027-03-31', 'ruby3.4': '2028-03-31' },
};

/** Every runtime identifier Lambda has had. */
export const LAMBDA_RUNTIMES: ReadonlyMap<string, LambdaRuntime> = new Map(
  Object.entries(T).flatMap(([family, ids]) => Object.entries(ids).map(([id, deprecation]): [string, LambdaRuntime] => [id, { id, family: family as LanguageFamily, deprecation }])),
);

/** What a deprecated runtime's functions should move to (the family's newest runtime). */
const SUCCESSOR: Record<LanguageFamily, string> = { nodejs: 'nodejs24.x', python: 'python3.14', provided: 'provided.al2023', go: 'provided.al2023', java: 'java25', dotnet: 'dotnet10', ruby: 'ruby3.4' };

/**
 * Families a local process can serve. Python 2 cannot run on our Python 3 bootstrap; go1.x functions are
 * executables (the Handler file) that speak the Runtime API, so they run as a custom runtime does.
 */
const RUNNABLE: Record<string, RuntimeFamily> = { nodejs: 'nodejs', python: 'python', provided: 'provided', go: 'provided' };

/** The day the table above was last brought up to date with the Lambda runtimes page. */
const TABLE_DATE = Date.parse('2026-12-01T00:00:00Z');

/**
 * The runtimes to suggest: the runnable ones not deprecated when the table was last updated (a fixed list, so
 * that messages do not change from one day to the next).
 */
export function supportedRuntimes(): string[] {
  return [...LAMBDA_RUNTIMES.values()].filter((r) => runtimeFamily(r.id) && !isDeprecated(r, TABLE_DATE)).map((r) => r.id);
}

function isDeprecated(r: LambdaRuntime, now: number): boolean {
  return Date.parse(`${r.deprecation}T00:00:00Z`) <= now;
}

/** The family that runs `runtime`, or undefined when the engine cannot run it (unknown, Java, .NET, Ruby, python2.7). */
export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  const r = LAMBDA_RUNTIMES.get(runtime);
  if (!r || runtime === 'python2.7') return undefined;
  return RUNNABLE[r.family];
}

export interface Deprecation {
  /** YYYY-MM-DD. */
  date: string;
  successor: string;
}

/** When `runtime` is deprecated today: its date and the runtime to move to. */
export function deprecationOf(runtime: string, now = Date.now()): Deprecation | undefined {
  const r = LAMBDA_RUNTIMES.get(runtime);
  if (!r || !isDeprecated(r, now)) return undefined;
  return { date: r.deprecation, successor: SUCCESSOR[r.family] };
}

/** "nodejs16.x was deprecated by Lambda on 2024-06-12; move to nodejs24.x" (go1.x also says how). */
export function deprecationText(runtime: string, d: Deprecation): string {
  const how = runtime === 'go1.x' ? ' (build the binary as "bootstrap" with -tags lambda.norpc and set Handler: bootstrap)' : '';
  return `${runtime} was deprecated by Lambda on ${d.date}; move to ${d.successor}${how}`;
}

/** Lambda's runtime ids closest to `runtime`: those it begins, else those within an edit distance of 3. */
export function similarRuntimes(runtime: string): string[] {
  const lower = runtime.toLowerCase();
  const ids = [...LAMBDA_RUNTIMES.keys()];
  const extended = ids.filter((id) => id.startsWith(lower) && id !== lower);
  if (extended.length) return extended;
  const scored = ids.map((id) => ({ id, d: editDistance(lower, id) })).filter((x) => x.d <= 3);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.id);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
