// The one build script (esbuild): bundles the extension, the CLI and each runtime bootstrap as separate
// entries into dist/, and transpiles tests (with the sources they import) into out/ for node:test.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { writeSamTemplateSchema } from './samSchema.mjs';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function walk(dir, filter) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') continue;
    if (statSync(p).isDirectory()) out.push(...walk(p, filter));
    else if (filter(p)) out.push(p);
  }
  return out;
}

const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: true, minify: production, logLevel: 'warning' };

// The CLI loads what only some commands use on first use: these packages are bundled on their own
// (dist/vendor/<name>.js) and these builtins required late, behind stubs with one getter per export.
// (croner: schedules; the event-stream codec: InvokeWithResponseStream answers of the Lambda API; the SDK's
// shared-config credential provider and smol-toml: --profile and samconfig.toml only.)
const LAZY_PACKAGES = ['archiver', 'yauzl', 'croner', '@smithy/eventstream-codec', '@aws-sdk/credential-provider-ini', '@smithy/core/config', 'smol-toml'];
// (the S3, CloudFormation, STS and Lambda clients and the SDK's credential chain: `deploy` and `sync` only.)
LAZY_PACKAGES.push('@aws-sdk/client-s3', '@aws-sdk/client-cloudformation', '@aws-sdk/credential-providers', '@aws-sdk/client-sts', '@aws-sdk/client-lambda');
// (readline/promises: only the --install-runtimes ask prompt reads a terminal.)
// (yaml: a template whose parse is cached, the usual one-shot run, is not parsed again; the JSON Schema
// validator checks API Gateway request models only; dotenv reads --env-file; readline, the pipeline's logs.)
LAZY_PACKAGES.push('yaml', '@cfworker/json-schema', 'dotenv');
const LAZY_BUILTINS = ['zlib', 'readline/promises', 'readline'];
const vendorFile = (name) => join(root, 'dist', 'vendor', `${name}.js`);

/** Imports of the lazy modules from our sources resolve to a stub whose getters require the module. */
function lazyModules() {
  const names = [...LAZY_PACKAGES, ...LAZY_BUILTINS.flatMap((b) => [b, `node:${b}`])];
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  const load = createRequire(import.meta.url);
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        // A stub's own require() of the builtin stays a require of the builtin.
        if (args.namespace === 'lazy') return { path: args.path, external: true };
        return args.importer.includes('/node_modules/') ? undefined : { path: args.path, namespace: 'lazy' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
        const builtin = !LAZY_PACKAGES.includes(args.path);
        const target = builtin ? args.path : `./vendor/${args.path}.js`;
        const real = load(builtin ? args.path : vendorFile(args.path));
        const getters = Object.keys(real).map((k) => `  get ${JSON.stringify(k)}() { return load()[${JSON.stringify(k)}]; },`);
        // The getters sit on the stub's prototype, not on the stub: esbuild's __toESM copies a module's own
        // properties at every import site, and the AWS SDK clients export thousands of names (the S3 and
        // CloudFormation stubs cost each CLI run ~8 ms that way); the copy inherits them from the prototype.
        const contents = [
          `let m;`,
          `const load = () => (m ??= require(${JSON.stringify(target)}));`,
          `module.exports = Object.create({`,
          ...(real.__esModule ? ['  __esModule: true,'] : []),
          ...getters,
          `});`,
        ].join('\n');
        return { contents, loader: 'js', resolveDir: root };
      });
      // The stubs' own require() of the vendor bundle stays a require at run time, next to the output.
      build.onResolve({ filter: /^\.\/vendor\// }, (args) => (args.namespace === 'lazy' ? { path: args.path, external: true } : undefined));
    },
  };
}

/**
 * esbuild escapes non-ASCII in code but copies comments as they are: escaped too, a bundle is pure ASCII,
 * which the CLI's loader reads as a one-byte string (src/cli/codeCache.ts).
 */
const asciiOutput = {
  name: 'ascii-output',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      const file = build.initialOptions.outfile;
      const text = readFileSync(file, 'utf8');
      const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (ascii !== text) writeFileSync(file, ascii);
    });
  },
};

const bundles = [
  // The extension host entry: 'vscode' is provided by the host.
  // jsonc-parser's "main" is a UMD build whose require()s esbuild cannot follow: its ES module build is bundled.
  { ...common, entryPoints: [join(root, 'src/extension.ts')], outfile: join(root, 'dist/extension.js'), format: 'cjs', external: ['vscode'], alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } },
  // The CLI front door: a tiny entry (dist/cli.js) that loads the CLI itself (dist/cli-main.js) through V8's code cache.
  { ...common, entryPoints: [join(root, 'src/cli/entry.ts')], outfile: join(root, 'dist/cli.js'), format: 'cjs' },
  // Whitespace and syntax minified (names kept, for stack traces): a one-shot command reads, hashes and
  // deserializes less (2.1 -> 1.5 MB; issue 10).
  { ...common, minifyWhitespace: true, minifySyntax: true, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(root, 'dist/cli-main.js'), format: 'cjs', plugins: [lazyModules(), asciiOutput] },
  // Runtime bootstraps run inside execution environments; they import nothing from the host.
  { ...common, entryPoints: [join(root, 'src/core/runtimes/nodejs/bootstrap/index.ts')], outfile: join(root, 'dist/runtimes/nodejs/bootstrap.js'), format: 'cjs', sourcemap: false },
  // The bootstrap's module.register hooks (Node 20.6+ loads them as an ES module, off the main thread).
  { ...common, entryPoints: [join(root, 'src/core/runtimes/nodejs/bootstrap/esmResolveHooks.ts')], outfile: join(root, 'dist/runtimes/nodejs/esmResolveHooks.mjs'), format: 'esm', sourcemap: false },
];

// Tests and the sources they import, file by file, so node:test can run them.
const testSources = [
  // Transpiled one by one and never run unless a test imports them: vscode-importing files are fine here.
  ...walk(join(root, 'src'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')),
  ...walk(join(root, 'test'), (p) => p.endsWith('.ts') && !p.includes('/test/vscode/')),
];
const transpile = { entryPoints: testSources, outdir: join(root, 'out'), outbase: root, bundle: false, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning' };

// The CLI's vendor bundles first: the stubs in dist/cli-main.js list their exports.
const vendor = LAZY_PACKAGES.map((name) => ({
  ...common,
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
  outfile: vendorFile(name),
  format: 'cjs',
  plugins: [asciiOutput],
}));
await Promise.all(vendor.map((o) => esbuild.build(o)));

rmSync(join(root, 'out'), { recursive: true, force: true });
if (watch) {
  for (const o of [...bundles, transpile]) await (await esbuild.context(o)).watch();
} else {
  await Promise.all([...bundles, transpile].map((o) => esbuild.build(o)));
}
// Python and other non-TS runtime files ship as they are (the Python runtime: bootstrap.py + its package).
for (const [from, to] of [
  ['src/core/runtimes/python/bootstrap.py', 'dist/runtimes/python/bootstrap.py'],
  ['src/core/runtimes/python/lambda_workbench_runtime', 'dist/runtimes/python/lambda_workbench_runtime'],
]) {
  if (existsSync(join(root, from))) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    rmSync(join(root, to), { recursive: true, force: true });
    cpSync(join(root, from), join(root, to), { recursive: true, filter: (p) => !p.includes('__pycache__') });
  }
}
// The SAM template JSON Schema of contributes.jsonValidation / yamlValidation, from @aws-cdk/cfnspec.
const schemaBytes = writeSamTemplateSchema(join(root, 'dist', 'schemas', 'sam-template.schema.json'));
console.log(`dist/schemas/sam-template.schema.json: ${(schemaBytes / 1024).toFixed(0)} KB`);
console.log(`built ${bundles.length + vendor.length} bundles and ${testSources.length} test/source files -> ${relative(process.cwd(), join(root, 'dist'))}, out`);
