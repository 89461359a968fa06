// vitest globalSetup: refuse to test a stale build or run on the wrong Node, with a message that says what to do.
// The end-to-end tests drive out/ (the built CLI and server), so testing an old out/ would test old code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REQUIRED_NODE_MAJOR = 22;

function* files(dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) yield* files(path);
        else yield path;
    }
}

function mtime(path: string): number | undefined {
    try {
        return statSync(path).mtimeMs;
    } catch {
        return undefined;
    }
}

/** The first source whose compiled output is missing or older than it, if any. */
export function staleSource(): { source: string; output: string } | undefined {
    const checks: { source: string; output: string }[] = [];
    for (const dir of ['language/src', 'cli/src']) {
        for (const path of files(join(root, dir))) {
            const rel = relative(root, path);
            if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) checks.push({ source: rel, output: join('out', rel.replace(/\.ts$/, '.js')) });
        }
    }
    // The grammar and the standard library reach out/ through generated code.
    checks.push({ source: 'language/src/syntax/pom.langium', output: 'out/language/src/generated/langium/grammar.js' });
    checks.push({ source: 'language/src/stdlib/std.pom', output: 'out/language/src/generated/stdlib.js' });
    // The CLI runs from its bundle (out/bundle, written after tsc): it must be newer than every source too.
    const bundle = 'out/bundle/main.js';
    const bundled = mtime(join(root, bundle));
    for (const check of checks) {
        const built = mtime(join(root, check.output));
        const source = mtime(join(root, check.source));
        if (built === undefined || (source !== undefined && source > built)) return check;
        if (bundled === undefined || (source !== undefined && source > bundled)) return { source: check.source, output: bundle };
    }
    return undefined;
}

/**
 * The grammar or standard library if the code generated from it (language/src/generated/, which the unit tier runs
 * from source) is older than it: the tests would check the previous grammar.
 */
export function staleGenerated(): { source: string; output: string } | undefined {
    // langium generate rewrites the grammar's module every time; the standard library's only when its text changed,
    // so that one is compared by content.
    const grammar = { source: 'language/src/syntax/pom.langium', output: 'language/src/generated/langium/grammar.ts' };
    if ((mtime(join(root, grammar.output)) ?? 0) < (mtime(join(root, grammar.source)) ?? 0)) return grammar;
    const stdlib = { source: 'language/src/stdlib/std.pom', output: 'language/src/generated/stdlib.ts' };
    const embedded = readFileSync(join(root, stdlib.output), 'utf8');
    return embedded.includes(JSON.stringify(readFileSync(join(root, stdlib.source), 'utf8'))) ? undefined : stdlib;
}

export function checkNode(): void {
    const major = Number(process.versions.node.split('.')[0]);
    if (major !== REQUIRED_NODE_MAJOR) {
        throw new Error(
            `The tests need Node ${REQUIRED_NODE_MAJOR} (the project's \`node\` devDependency), not ${process.version}: ` +
                'run them through npm (`npm test`, `npm run test:unit`) or `npx vitest`, which put it on the PATH.',
        );
    }
}

export default function preflight(): void {
    checkNode();
    const stale = staleSource();
    if (stale) {
        throw new Error(
            `out/ is stale: ${stale.output} is missing or older than ${stale.source}. Run \`npm run build\` first ` + '(`npm test` does it for you).',
        );
    }
}
