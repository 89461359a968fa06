import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The built CLI's entry point. */
export const POM = resolve('cli/bin/pom.js');

export interface Outcome {
    code: number;
    stdout: string;
    stderr: string;
}

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

/** One commit of a scripted history: a folder copied in and/or files (relative path → text) written, then all of it committed. */
export interface HistoryStep {
    copy?: string;
    files?: Record<string, string>;
    message: string;
    tag?: string;
}

/** A new git repository in a temporary folder named from `prefix`, holding one commit per step, in order. */
export function gitRepository(prefix: string, steps: HistoryStep[]): string {
    const repo = mkdtempSync(join(tmpdir(), prefix));
    git(repo, 'init', '-q');
    for (const step of steps) {
        if (step.copy) cpSync(step.copy, repo, { recursive: true });
        workspace(step.files ?? {}, repo);
        git(repo, 'add', '-A');
        git(repo, 'commit', '-q', '-m', step.message);
        if (step.tag) git(repo, 'tag', step.tag);
    }
    return repo;
}

/** What `pom serve` prints once it listens; its capture is the URL. */
export const SERVING_AT = /serving .* at (http:\/\/\S+)/;

/**
 * Starts a long-running pom command (`serve`, `mcp --http`) and resolves with the first capture of `ready` in its
 * stderr, such as the URL it listens at; rejects if it exits before that. The caller stops `child`.
 */
export function startPom(args: string[], ready: RegExp, whileStarting?: () => void): { child: ChildProcess; ready: Promise<string> } {
    const child = spawn(process.execPath, [POM, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const found = new Promise<string>((resolveReady, reject) => {
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
            const match = ready.exec(stderr)?.[1];
            if (match) resolveReady(match);
        });
        child.on('exit', code => reject(new Error(`pom ${args[0]} exited (${code}): ${stderr}`)));
        // Node and the compiler take well over a second to start; by then the first build has read the sources.
        if (whileStarting) setTimeout(whileStarting, 1500);
    });
    return { child, ready: found };
}
