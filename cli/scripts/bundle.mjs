// Bundles the pom CLI with esbuild into out/bundle/ (run by `npm run build`, after tsc): Node then loads a dozen
// files instead of about 420 modules (lodash-es alone is 147), which took a third of a second of every command.
// Commands stay in chunks of their own, loaded when run. Native modules stay in node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'out', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
    entryPoints: [join(root, 'cli', 'src', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Dependencies written as CommonJS call require(); an ES module bundle has to provide it.
    banner: { js: "import { createRequire as __pomCreateRequire } from 'node:module'; const require = __pomCreateRequire(import.meta.url);" },
    external: ['@resvg/resvg-js', 'wawoff2'],
    legalComments: 'none',
    logLevel: 'warning',
});
