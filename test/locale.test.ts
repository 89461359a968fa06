import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'pom-locale-'));
afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
});

function tree(dir: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (at: string) => {
        for (const entry of readdirSync(at, { withFileTypes: true })) {
            const path = join(at, entry.name);
            if (entry.isDirectory()) walk(path);
            else files.set(relative(dir, path), readFileSync(path));
        }
    };
    walk(dir);
    return files;
}

/** Builds acme with the machine's locale set to `lang` (Node's ICU reads it from the environment, installed or not). */
async function buildUnder(lang: string): Promise<Map<string, Buffer>> {
    const out = join(scratch, lang);
    const env = { ...process.env, LANG: lang, LC_ALL: lang, POM_DEBUG: '' };
    await run(process.execPath, [resolve('cli/bin/pom.js'), 'build', 'examples/acme', '--out', out, '--as-of', '2026-11-30'], { env });
    return tree(out);
}

test('pom build of acme is byte-identical under LANG=C and LANG=da_DK.UTF-8', async () => {
    // Danish collation sorts "aa" after "å" and after "z": any localeCompare in the output would show.
    const { stdout } = await run(process.execPath, ['-e', "process.stdout.write(['aa', 'z'].sort((a, b) => a.localeCompare(b)).join())"], {
        env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' },
    });
    expect(stdout).toBe('z,aa');
    const c = await buildUnder('C');
    const danish = await buildUnder('da_DK.UTF-8');
    expect([...danish.keys()].sort()).toEqual([...c.keys()].sort());
    expect(c.size).toBeGreaterThan(20);
    const differing = [...c].filter(([path, bytes]) => !bytes.equals(danish.get(path)!)).map(([path]) => path);
    expect(differing).toEqual([]);
}, 300_000);
