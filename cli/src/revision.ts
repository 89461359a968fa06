// The model as it was at a git revision: every command that reads a workspace can read it at `--rev`, and pom diff
// and pom history compare revisions. A revision is exported with `git archive` into a temporary folder, so the
// working tree and the index are never touched.

import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CompileOptions, type CompileResult, compileWorkspace, WorkspaceError as UsageError } from '../../language/src/index.js';

// node:child_process is loaded when a revision is read: with it, every command loaded about 45 of Node's internal
// modules at start-up that only --rev, pom diff and pom history use.
const childProcess = () => process.getBuiltinModule('node:child_process');

async function git(cwd: string, args: string[]): Promise<string> {
    return (await process.getBuiltinModule('node:util').promisify(childProcess().execFile)('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Where the workspace folder `dir` sits in its git repository. */
export interface RepositoryPlace {
    /** The repository's top folder. */
    top: string;
    /** The workspace folder relative to `top`, with a trailing slash ('' at the top). */
    prefix: string;
}

export async function repositoryOf(dir: string, revision: string): Promise<RepositoryPlace> {
    const folder = resolve(dir);
    try {
        const [top, prefix] = (await git(folder, ['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
        return { top, prefix };
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && !(await fs.stat(folder).catch(() => undefined))) throw new UsageError(`no such folder: ${dir}`);
        if (code === 'ENOENT') throw new UsageError('git is not installed: pom needs it to read revisions (or give folders or graph JSON files)');
        throw new UsageError(
            `${dir} is not in a git repository, so '${revision}' cannot be read as a revision: ` +
                'run pom inside a git repository (or give a folder or graph JSON file where pom accepts one)',
        );
    }
}

/** The full commit id a revision names, or a clear error. */
export async function resolveCommit(dir: string, revision: string, alternatives = ''): Promise<string> {
    try {
        return (await git(resolve(dir), ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim();
    } catch {
        throw new UsageError(`unknown revision '${revision}': give a commit, branch or tag (git log --oneline lists them)${alternatives}`);
    }
}

/**
 * Runs `read` on the workspace folder `dir` as it was at `revision`, exported into a temporary folder that is removed
 * afterwards. Without a revision, `read` gets `dir` itself (the working tree).
 */
export async function atRevision<T>(dir: string, revision: string | undefined, read: (folder: string) => Promise<T>, alternatives = ''): Promise<T> {
    if (revision === undefined) return read(dir);
    const place = await repositoryOf(dir, revision);
    const commit = await resolveCommit(dir, revision, alternatives);
    return atCommit(place, commit, read);
}

/**
 * The workspace `dir` compiled as it is, or as it was at `revision`. Its root is `dir` either way (not the temporary
 * folder a revision is read from), so that diagnostics name the user's files.
 */
export async function compileAt(dir: string, revision: string | undefined, options: CompileOptions = {}, alternatives = ''): Promise<CompileResult> {
    const result = await atRevision(dir, revision, folder => compileWorkspace(folder, options), alternatives);
    return { ...result, root: resolve(dir) };
}

/** As atRevision, for a commit already resolved in a known repository. */
export async function atCommit<T>(place: RepositoryPlace, commit: string, read: (folder: string) => Promise<T>): Promise<T> {
    const temporary = await fs.mkdtemp(join(tmpdir(), 'pom-rev-'));
    try {
        const workspace = join(temporary, ...place.prefix.split('/').filter(Boolean));
        await fs.mkdir(workspace, { recursive: true });
        // A revision before the workspace existed has no files under the prefix: it reads as an empty workspace.
        const listed = (await git(place.top, ['ls-tree', '--name-only', commit, '--', place.prefix || '.'])).trim();
        if (listed) await extract(place.top, commit, place.prefix, temporary);
        return await read(workspace);
    } finally {
        await fs.rm(temporary, { recursive: true, force: true });
    }
}

export interface CommitInfo {
    commit: string;
    short: string;
    /** The author date, YYYY-MM-DD. */
    date: string;
    subject: string;
    /** Tags pointing at the commit, sorted. */
    tags: string[];
}

/**
 * The commits that changed the workspace folder, oldest first: all of them, or those after `since` (exclusive).
 * The commit before the first one listed (or `since`) is returned as `base`, the state the first change starts from.
 */
export async function workspaceCommits(dir: string, since?: string): Promise<{ place: RepositoryPlace; base?: string; commits: CommitInfo[] }> {
    const place = await repositoryOf(dir, since ?? 'HEAD');
    const head = await resolveCommit(dir, 'HEAD');
    const from = since === undefined ? undefined : await resolveCommit(dir, since);
    const range = from ? `${from}..${head}` : head;
    const log = await git(place.top, [
        'log',
        '--reverse',
        '--format=%H%x09%h%x09%ad%x09%D%x09%s',
        '--date=short',
        '--decorate-refs=refs/tags/',
        range,
        '--',
        place.prefix || '.',
    ]);
    const commits = log
        .split('\n')
        .filter(Boolean)
        .map(line => {
            const [commit, short, date, refs, ...subject] = line.split('\t');
            const tags = refs
                .split(', ')
                .filter(ref => ref.startsWith('tag: '))
                .map(ref => ref.slice(5))
                .sort();
            return { commit, short, date, subject: subject.join('\t'), tags };
        });
    let base = from;
    if (!base && commits.length > 0) {
        base = (await git(place.top, ['rev-parse', '--verify', '--quiet', `${commits[0].commit}^`]).catch(() => '')).trim() || undefined;
    }
    return { place, base, commits };
}

/** `git archive <commit> <prefix> | tar -x`, without a shell. */
async function extract(cwd: string, commit: string, prefix: string, into: string): Promise<void> {
    const archive = childProcess().spawn('git', ['archive', '--format=tar', commit, ...(prefix ? ['--', prefix] : [])], {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tar = childProcess().spawn('tar', ['-x', '-f', '-', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
    });
    tar.stderr.on('data', (chunk: Buffer) => {
        errors += chunk.toString();
    });
    archive.stdout.pipe(tar.stdin);
    // Both must have exited, whichever closes first.
    const exited = (child: ChildProcess, name: string) =>
        new Promise<number | null>((resolveExit, reject) => {
            child.on('error', error =>
                reject(
                    (error as NodeJS.ErrnoException).code === 'ENOENT' ? new UsageError(`${name} is not installed: pom needs it to read git revisions`) : error,
                ),
            );
            child.on('close', code => resolveExit(code));
        });
    const [archiveCode, tarCode] = await Promise.all([exited(archive, 'git'), exited(tar, 'tar')]);
    if (archiveCode !== 0 || tarCode !== 0) {
        throw new UsageError(`cannot export revision ${commit.slice(0, 12)}: ${errors.trim() || `git archive exited ${archiveCode}, tar ${tarCode}`}`);
    }
}
