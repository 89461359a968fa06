import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { compileWorkspace, WorkspaceError as UsageError } from '../../../language/src/compiler.js';
import { diffGraphs, type GraphDiff } from '../../../language/src/diff/diff.js';
import { formatDiffMarkdown, formatDiffText } from '../../../language/src/diff/format.js';
import { canonicalJson } from '../../../language/src/graph/json.js';
import { GRAPH_FORMAT, type PomGraph } from '../../../language/src/graph/model.js';

const run = promisify(execFile);

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
export type DiffFormat = typeof DIFF_FORMATS[number];

export interface DiffOptions {
    /** The workspace folder: what is compiled at each git revision, and the working tree. */
    dir: string;
    format: DiffFormat;
    json?: boolean;
    asOf?: string;
}

export async function diffCommand(from: string, to: string | undefined, options: DiffOptions): Promise<number> {
    const diff = await diffSides(from, to, options.dir, options.asOf);
    const format = options.json ? 'json' : options.format;
    process.stdout.write(format === 'json' ? canonicalJson(diff) : format === 'markdown' ? formatDiffMarkdown(diff) : formatDiffText(diff));
    return 0;
}

/** Compares two sides, each a folder, a graph JSON file or a git revision of `dir`; no `to` is the working tree. */
export async function diffSides(from: string, to: string | undefined, dir: string, asOf?: string): Promise<GraphDiff> {
    const before = await loadModel(from, dir, asOf);
    const after = to === undefined ? await compileFolder(dir, asOf) : await loadModel(to, dir, asOf);
    return diffGraphs(before, after, { from, to: to ?? 'working tree' });
}

/**
 * The graph a side names: an existing folder is compiled, an existing .json file is read as a graph, and
 * anything else is a git revision of the repository holding `dir`.
 */
export async function loadModel(spec: string, dir: string, asOf?: string): Promise<PomGraph> {
    const stat = await fs.stat(spec).catch(() => undefined);
    if (stat?.isDirectory()) return compileFolder(spec, asOf);
    if (stat?.isFile()) {
        if (!spec.endsWith('.json')) throw new UsageError(`${spec} is a file, but not a graph JSON file: give a folder, a graph.json written by pom build, or a git revision`);
        return readGraph(spec);
    }
    return compileRevision(spec, dir, asOf);
}

async function compileFolder(folder: string, asOf?: string): Promise<PomGraph> {
    return (await compileWorkspace(folder, { asOf })).graph;
}

async function readGraph(path: string): Promise<PomGraph> {
    let graph: PomGraph;
    try {
        graph = JSON.parse(await fs.readFile(path, 'utf8')) as PomGraph;
    } catch (error) {
        throw new UsageError(`${path} is not valid JSON (${(error as Error).message}): give a graph.json written by pom build`);
    }
    if (graph?.format !== GRAPH_FORMAT || !Array.isArray(graph.objects) || !Array.isArray(graph.diagnostics)) {
        throw new UsageError(`${path} is not a pom graph (its "format" is not "${GRAPH_FORMAT}"): give a graph.json written by pom build`);
    }
    return graph;
}

async function git(cwd: string, args: string[]): Promise<string> {
    return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Compiles the workspace folder `dir` as it was at `revision`, from a temporary export of that commit. */
async function compileRevision(revision: string, dir: string, asOf?: string): Promise<PomGraph> {
    const folder = resolve(dir);
    let prefix: string, top: string;
    try {
        [top, prefix] = (await git(folder, ['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && !(await fs.stat(folder).catch(() => undefined))) throw new UsageError(`no such folder: ${dir}`);
        if (code === 'ENOENT') throw new UsageError('git is not installed: pom diff needs it to read revisions (or give two folders or graph JSON files)');
        throw new UsageError(`'${revision}' is not a folder or file, and ${dir} is not in a git repository, so it cannot be a revision either: ` +
            'give a folder, a graph JSON file, or run pom diff inside a git repository');
    }
    let commit: string;
    try {
        commit = (await git(folder, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])).trim();
    } catch {
        throw new UsageError(`unknown revision '${revision}': give a commit, branch or tag (git log --oneline lists them), a folder, or a graph JSON file`);
    }
    const temporary = await fs.mkdtemp(join(tmpdir(), 'pom-diff-'));
    try {
        const workspace = join(temporary, ...prefix.split('/').filter(Boolean));
        await fs.mkdir(workspace, { recursive: true });
        // A revision before the workspace existed has no files under the prefix: it compiles as empty.
        const listed = (await git(top, ['ls-tree', '--name-only', commit, '--', prefix || '.'])).trim();
        if (listed) await extract(top, commit, prefix, temporary);
        return await compileFolder(workspace, asOf);
    } finally {
        await fs.rm(temporary, { recursive: true, force: true });
    }
}

/** `git archive <commit> <prefix> | tar -x`, without a shell. */
async function extract(cwd: string, commit: string, prefix: string, into: string): Promise<void> {
    const archive = spawn('git', ['archive', '--format=tar', commit, ...(prefix ? ['--', prefix] : [])], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', into], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', chunk => { errors += chunk; });
    tar.stderr.on('data', chunk => { errors += chunk; });
    archive.stdout.pipe(tar.stdin);
    // Both must have exited, whichever closes first.
    const exited = (child: ReturnType<typeof spawn>, name: string) => new Promise<number | null>((resolveExit, reject) => {
        child.on('error', error => reject((error as NodeJS.ErrnoException).code === 'ENOENT'
            ? new UsageError(`${name} is not installed: pom diff needs it to read git revisions`) : error));
        child.on('close', code => resolveExit(code));
    });
    const [archiveCode, tarCode] = await Promise.all([exited(archive, 'git'), exited(tar, 'tar')]);
    if (archiveCode !== 0 || tarCode !== 0) {
        throw new UsageError(`cannot export revision ${commit.slice(0, 12)}: ${errors.trim() || `git archive exited ${archiveCode}, tar ${tarCode}`}`);
    }
}
