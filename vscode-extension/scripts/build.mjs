// Bundles the extension with esbuild: the client (CommonJS, as VS Code loads extensions), the language server
// and the pom CLI (ES modules, run by VS Code's Node 22), and copies in the TextMate grammar and the files the
// CLI reads at run time. Run from the repository root after `npm run build` (the grammar is generated there).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(extension, '..');
const dist = join(extension, 'dist');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(extension, 'syntaxes'), { recursive: true });
cpSync(join(root, 'language/src/generated/syntaxes/pom.tmLanguage.json'), join(extension, 'syntaxes/pom.tmLanguage.json'));
// What `pom build` and `pom init` read from the package: the graph schema and the starter workspace.
cpSync(join(root, 'language/schema/graph.schema.json'), join(dist, 'assets/language/schema/graph.schema.json'));
cpSync(join(root, 'examples/starter'), join(dist, 'assets/examples/starter'), { recursive: true });
// What diagrams and the site read at run time: the font, the site's stylesheet and scripts, and elkjs, which the
// layout workers load from a file (a worker cannot share the bundle).
cpSync(join(root, 'language/assets'), join(dist, 'language/assets'), { recursive: true });
for (const file of ['package.json', 'lib/elk.bundled.js', 'LICENSE.md']) {
    const from = join(root, 'node_modules/elkjs', file);
    if (existsSync(from)) cpSync(from, join(dist, 'vendor/elkjs', file));
}

/** In a bundle the package root is the assets folder beside it, and the version is fixed at build time. */
const packageInfo = {
    name: 'pom-package-info',
    setup(builder) {
        builder.onLoad({ filter: /cli[\\/]src[\\/]package-info\.ts$/ }, () => ({
            loader: 'ts',
            contents: `import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
export function packageRoot(): string { return join(dirname(fileURLToPath(import.meta.url)), 'assets'); }
export function packageVersion(): string { return ${JSON.stringify(version)}; }`,
        }));
    },
};

const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
};
// Dependencies written as CommonJS call require(); an ES module bundle has to provide it.
const esmBanner = { js: "import { createRequire as __pomCreateRequire } from 'node:module'; const require = __pomCreateRequire(import.meta.url);" };

// PNG export's rasteriser is a native module (and its font decompressor comes with it): the bundled CLI leaves both
// out and says so when asked for a PNG; every other command works.
const nativeOnly = ['@resvg/resvg-js', 'wawoff2'];

const started = Date.now();
await Promise.all([
    build({ ...common, entryPoints: [join(extension, 'src/extension.ts')], outfile: join(dist, 'extension.cjs'), format: 'cjs', external: ['vscode'] }),
    build({ ...common, entryPoints: [join(root, 'language/src/lsp/main.ts')], outfile: join(dist, 'server.mjs'), format: 'esm', banner: esmBanner }),
    build({
        ...common,
        entryPoints: [join(extension, 'src/pom-cli.mts')],
        outfile: join(dist, 'pom.mjs'),
        format: 'esm',
        banner: esmBanner,
        plugins: [packageInfo],
        external: nativeOnly,
    }),
]);
console.log(`pom extension bundled in ${Date.now() - started} ms: ${dist}`);
