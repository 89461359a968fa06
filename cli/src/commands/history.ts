import {
    canonicalJson,
    compileWorkspace,
    diffGraphs,
    didYouMean,
    effectiveHealth,
    formatHistoryText,
    type GraphDiff,
    type ObjectHistory,
    objectHistory,
    type PomGraph,
    type RevisionInfo,
    WorkspaceError,
} from '../../../language/src/index.js';
import type { ModelHistory } from '../../../language/src/render.js';
import { atCommit, workspaceCommits } from '../revision.js';

export interface HistoryOptions {
    since?: string;
    json?: boolean;
}

/** The graph at each commit that changed the workspace (oldest first), with the graph before the first of them. */
export async function graphsOverHistory(
    dir: string,
    since?: string,
): Promise<{ base: PomGraph; revisions: Array<{ revision: RevisionInfo; graph: PomGraph }> }> {
    const { place, base, commits } = await workspaceCommits(dir, since);
    const compileAt = (commit: string) => atCommit(place, commit, async folder => (await compileWorkspace(folder)).graph);
    const empty = base ? await compileAt(base) : undefined;
    const revisions: Array<{ revision: RevisionInfo; graph: PomGraph }> = [];
    // One at a time: each compile already uses the machine, and temporary folders stay few.
    for (const revision of commits) revisions.push({ revision, graph: await compileAt(revision.commit) });
    return { base: empty ?? emptyGraph(revisions[0]?.graph), revisions };
}

function emptyGraph(like: PomGraph | undefined): PomGraph {
    return { ...(like ?? ({} as PomGraph)), objects: [], diagnostics: [] };
}

/** Each revision with its diff from the one before (the first from the base): what objectHistory reads. */
function historySteps(base: PomGraph, revisions: Array<{ revision: RevisionInfo; graph: PomGraph }>): Array<{ revision: RevisionInfo; diff: GraphDiff }> {
    return revisions.map(({ revision, graph }, i) => ({
        revision,
        diff: diffGraphs(i === 0 ? base : revisions[i - 1].graph, graph, { from: i === 0 ? 'base' : revisions[i - 1].revision.short, to: revision.short }),
    }));
}

/** What changed in one object, commit by commit, from the graphs of consecutive revisions. */
export async function historyOf(id: string, dir: string, since?: string): Promise<ObjectHistory> {
    const { base, revisions } = await graphsOverHistory(dir, since);
    const known = new Set([...revisions.flatMap(r => r.graph.objects.map(o => o.id)), ...base.objects.map(o => o.id)]);
    if (!known.has(id)) {
        throw new WorkspaceError(
            `no object '${id}' in any revision read${since ? ` since ${since}` : ''}.${didYouMean(id, [...known])} ` +
                `Give the full id, as pom query --ids prints it.`,
        );
    }
    return objectHistory(id, historySteps(base, revisions));
}

/** `pom history <id> [dir] [--since <rev>]`. */
export async function historyCommand(id: string, dir: string, options: HistoryOptions): Promise<number> {
    const history = await historyOf(id, dir, options.since);
    process.stdout.write(options.json ? canonicalJson(history) : formatHistoryText(history));
    return 0;
}

/** The model over time since `since`: its health at each commit and each object's changes (pom build --history). */
export async function modelHistory(dir: string, since: string): Promise<ModelHistory> {
    const { base, revisions } = await graphsOverHistory(dir, since);
    const steps = historySteps(base, revisions);
    const points = revisions.map(({ revision, graph }) => ({
        revision,
        errors: graph.diagnostics.filter(d => d.severity === 'error').length,
        warnings: graph.diagnostics.filter(d => d.severity === 'warning').length,
        offTrack: graph.objects.filter(o => (effectiveHealth(o) ?? o.fields.health) === 'off-track').length,
    }));
    const objects: ModelHistory['objects'] = {};
    for (const object of revisions.at(-1)?.graph.objects ?? []) {
        const entries = objectHistory(object.id, steps).entries;
        if (entries.length > 0) objects[object.id] = entries;
    }
    return { since, points, objects };
}
