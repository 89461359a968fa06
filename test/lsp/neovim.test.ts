import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { POM_BIN } from './stdio-client.js';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.status === 0;
// Locally a missing Neovim skips this client; in CI it must be there (.ci/run installs it), so it fails.
const run = hasNvim || process.env.CI === 'true' ? describe : describe.skip;

let root: string;
let cache: string;
beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pom-nvim-'));
    cache = mkdtempSync(join(tmpdir(), 'pom-nvim-cache-'));
    cpSync('examples/acme', root, { recursive: true });
});
afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
});

run('headless Neovim as a second client', () => {
    test('Neovim is installed', () => {
        expect(nvim.error?.message ?? nvim.stdout).toMatch(/NVIM v/);
    });

    test('diagnostics, hover, definition, formatting and completion on examples/acme; std.pom opens with its text', async () => {
        const file = 'bets/commerce.pom';
        const out = join(root, 'nvim-result.json');
        const child = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${resolve('test/lsp/neovim.lua')}`], {
            env: { ...process.env, POM_CACHE_DIR: join(cache, 'pom'), POM_ROOT: root, POM_FILE: file, POM_OUT: out, POM_NODE: process.execPath, POM_BIN },
            encoding: 'utf8',
            timeout: 90_000,
        });
        expect(child.error).toBeUndefined();
        const result = JSON.parse(readFileSync(out, 'utf8'));
        expect(result.error).toBeUndefined();
        expect(result.initialized).toBe(true);
        const check = await compileWorkspace(root, { exclude: [] });
        const expected = check.diagnostics.filter(d => d.location.file === file).map(d => ({ line: d.location.line, code: d.code, message: d.message }));
        expect(expected.length).toBeGreaterThan(0);
        expect(result.diagnostics).toEqual(expected);
        expect(result.hover).toContain('**bet** `acme.bets.express-wallets`');
        // `targets -> checkout-completion` leads to the file that declares it.
        expect(result.definition).toBe(pathToFileURL(join(root, 'strategy/strategy.pom')).toString());
        expect(result.messed).toBe(true);
        expect(result.formatted).toBe(true);
        // Completion where people type most, and the standard library opened with its text.
        expect(result.completion).toContain('active');
        expect(result.completion).not.toContain('true');
        expect(result.std_uri).toMatch(/^file:.*\/std\.pom$/);
        expect(result.std_name).toMatch(/std\.pom$/);
        expect(result.std_text).toContain('type bet extends intent');
    });
});
