import { promises as fs } from 'node:fs';
import {
    canonicalJson,
    diffGraphs,
    formatDiffMarkdown,
    formatDiffText,
    GRAPH_FORMAT,
    type GraphDiff,
    type PomGraph,
    WorkspaceError as UsageError,
} from '../../../language/src/index.js';
import { compileAt } from '../revision.js';

import { DIFF_FORMATS } from '../formats.js';
type DiffFormat = (typeof DIFF_FORMATS)[number];

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
    const after = to === undefined ? (await compileAt(dir, undefined, { asOf })).graph : await loadModel(to, dir, asOf);
    return diffGraphs(before, after, { from, to: to ?? 'working tree' });
}

/**
 * The graph a side names: an existing folder is compiled, an existing .json file is read as a graph, and
 * anything else is a git revision of the repository holding `dir`.
 */
export async function loadModel(spec: string, dir: string, asOf?: string): Promise<PomGraph> {
    const stat = await fs.stat(spec).catch(() => undefined);
    if (stat?.isDirectory()) return (await compileAt(spec, undefined, { asOf })).graph;
    if (stat?.isFile()) {
        if (!spec.endsWith('.json'))
            throw new UsageError(`${spec} is a file, but not a graph JSON file: give a folder, a graph.json written by pom build, or a git revision`);
        return readGraph(spec);
    }
    return (await compileAt(dir, spec, { asOf }, ', a folder, or a graph JSON file')).graph;
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
