// Bundles the pom CLI with esbuild into out/bundle/ (run by `npm run build`, after tsc): Node then loads a dozen
// files instead of about 420 modules (lodash-es alone is 147), which took a third of a second of every command.
// Commands stay in chunks of their own, loaded when run. Native modules stay in node_modules.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'out', 'bundle');
rmSync(outdir, { recursive: true, force: true });
// commander requires node:child_process when it is loaded, for subcommands that are separate executables (pom has
// none): with it every command loaded about 45 of Node's internal modules at start-up. Here it is required when used.
const lazyChildProcessInCommander = {
    name: 'lazy-child-process-in-commander',
    setup(build) {
        build.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async args => {
            const source = await readFile(args.path, 'utf8');
            const eager = "const childProcess = require('node:child_process');";
            if (!source.includes(eager)) throw new Error(`${args.path} no longer has "${eager}": update cli/scripts/bundle.mjs`);
            const lazy = "const childProcess = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
            return { contents: source.replace(eager, lazy), loader: 'js', resolveDir: dirname(args.path) };
        });
    },
};

// Work Chevrotain does in every process that a check without syntax errors never uses, done when first needed:
// - When it analyses a lexer, it fills a table of 65,536 entries (charCodeToOptimizedIndex, a character's bucket of
//   token types: the character itself below 256, 255 + code / 255 above), a loop that runs cold every time, about
//   3-5 ms of `pom check`. The function computes the same entry instead (undefined for what is no character code, as
//   the table gives), and the table is never filled.
// - When it analyses a parser, it computes the follow sets of every rule call for error recovery (about 5-10 ms).
//   They are computed, from the same recorded grammar, when recovery first asks for one.
const chevrotainPatches = [
    {
        file: /chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/,
        replacements: [
            [
                '        : charCodeToOptimizedIdxMap[charCode];',
                '        : Number.isInteger(charCode) && charCode < 65536 ? 255 + ~~(charCode / 255) : undefined;',
            ],
            ['        initCharCodeToOptimizedIndexMap();\n', ''],
        ],
    },
    {
        file: /chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]parser\.js$/,
        replacements: [
            [
                '                        const allFollows = computeAllProdsFollows(Object.values(this.gastProductionsCache));\n                        this.resyncFollows = allFollows;',
                '                        this.resyncFollows = undefined;',
            ],
        ],
    },
    {
        file: /chevrotain[\\/]lib[\\/]src[\\/]parse[\\/]parser[\\/]traits[\\/]recoverable\.js$/,
        replacements: [
            [
                'import { IN } from "../../constants.js";',
                'import { IN } from "../../constants.js";\nimport { computeAllProdsFollows } from "../../grammar/follow.js";',
            ],
            [
                '        return this.resyncFollows[followName];',
                '        return (this.resyncFollows ??= computeAllProdsFollows(Object.values(this.gastProductionsCache)))[followName];',
            ],
        ],
    },
];
const chevrotainWorkWhenNeeded = {
    name: 'chevrotain-work-when-needed',
    setup(build) {
        for (const { file, replacements } of chevrotainPatches) {
            build.onLoad({ filter: file }, async args => {
                let source = await readFile(args.path, 'utf8');
                for (const [from, to] of replacements) {
                    if (!source.includes(from)) throw new Error(`${args.path} no longer has "${from.trim()}": update cli/scripts/bundle.mjs`);
                    source = source.replace(from, to);
                }
                return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
            });
        }
    },
};

// Langium's core imports vscode-languageserver-protocol for a cancellation token and its source, an event emitter, a
// response error and two error codes, and evaluating that module (every request type of the protocol) was about 10 ms
// of every command. The first four are vscode-jsonrpc's, taken from it as the protocol's module takes them (the same
// objects); the error codes are the protocol's numbers. Language-server commands still load the protocol for
// themselves.
const LANGIUM_CORE_PROTOCOL_USERS = /langium[\\/]lib[\\/](utils[\\/]cancellation|utils[\\/]event|workspace[\\/]document-builder)\.js$/;
const langiumCoreWithoutProtocol = {
    name: 'langium-core-without-protocol',
    setup(build) {
        build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, args =>
            LANGIUM_CORE_PROTOCOL_USERS.test(args.importer) ? { path: 'langium-core-protocol', namespace: 'langium-core-protocol' } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'langium-core-protocol' }, () => ({
            contents:
                "export { CancellationToken, CancellationTokenSource, Emitter, ResponseError } from 'vscode-jsonrpc';\n" +
                'export const LSPErrorCodes = Object.freeze({ RequestFailed: -32803, ServerCancelled: -32802 });\n',
            loader: 'js',
            resolveDir: root,
        }));
    },
};

// An ES module import of a Node built-in makes a namespace of all its exports, reading every lazy one: importing
// node:fs loaded its streams, node:util its worker threads, and so on, about 40 of Node's internal modules that
// `pom check` never uses. Each `import ... from 'node:x'` of pom's sources is bundled as the built-in module object
// itself (process.getBuiltinModule), whose properties are read where they are used.
const builtinsReadWhereUsed = {
    name: 'builtins-read-where-used',
    setup(build) {
        build.onResolve({ filter: /^node:/ }, args => (args.kind === 'import-statement' ? { path: args.path, namespace: 'node-builtin' } : undefined));
        build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, args => ({
            contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
            loader: 'js',
        }));
    },
};

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
    plugins: [lazyChildProcessInCommander, chevrotainWorkWhenNeeded, langiumCoreWithoutProtocol, builtinsReadWhereUsed],
    legalComments: 'none',
    logLevel: 'warning',
});

// A module's text is decoded once as Latin-1 if it is all ASCII and as two-byte text otherwise, which takes longer
// and twice the memory: one '…' in a comment made the 1.3 MB chunk every command loads two-byte. esbuild escapes
// strings but keeps comments as written, so pom's own comments must be ASCII (dependencies' are left as they are).
const nonAscii = /[^\x00-\x7f]/;
const problems = [];
for (const file of readdirSync(outdir).filter(name => name.endsWith('.js'))) {
    let module = '';
    readFileSync(join(outdir, file), 'utf8')
        .split('\n')
        .forEach((line, index) => {
            const marker = /^\/\/ ((?:language|cli)\/src\/\S+|node_modules\/\S+)$/.exec(line);
            if (marker) module = marker[1];
            else if (/^\s*(\/\/|\/\*|\*)/.test(line) && nonAscii.test(line) && !module.startsWith('node_modules/')) {
                problems.push(`out/bundle/${file}:${index + 1} (from ${module || 'the bundle'}): ${line.trim().slice(0, 100)}`);
            }
        });
}
if (problems.length > 0) {
    console.error(
        `pom's bundle: comments with non-ASCII characters, which make Node decode a whole chunk as two-byte text; write them in ASCII:\n${problems.join('\n')}`,
    );
    process.exit(1);
}
