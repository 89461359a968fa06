import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POM = resolve('cli/bin/pom.js');

export interface Outcome { code: number; stdout: string; stderr: string }

/** Runs the real pom command (the built CLI) as a user would, with the Node that runs the tests. */
export async function pom(args: string[], cwd = process.cwd()): Promise<Outcome> {
    try {
        const { stdout, stderr } = await run(process.execPath, [POM, ...args], { cwd, env: { ...process.env, POM_DEBUG: '' } });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

/** Writes files (relative path → text) into `dir`, or into a new temporary folder. */
export function workspace(files: Record<string, string>, dir = mkdtempSync(join(tmpdir(), 'pom-test-'))): string {
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), text);
    }
    return dir;
}

/** Runs git in `dir` as a throwaway identity, for tests that script a history. */
export function git(dir: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@x', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, encoding: 'utf8' });
}
