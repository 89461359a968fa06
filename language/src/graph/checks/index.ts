import { graphChanges, type GraphChanges } from '../changes.js';
import { GraphIndex } from '../graph-index.js';
import type { GraphDiagnostic, PomGraph } from '../model.js';
import { IssueCodes } from '../../diagnostics/codes.js';
import { makeDiagnostic, type GraphCheck } from './check.js';
import { domainChecks } from './domain.js';
import { checkRules } from './rules.js';
import { structureChecks } from './structure.js';

export const graphChecks: Record<string, GraphCheck> = { ...structureChecks, ...domainChecks, rules: checkRules };

/** Per graph checked with runGraphChecksAfter: each check's findings (undefined if it failed), for the next edit to reuse. */
const findingsOf = new WeakMap<PomGraph, Map<GraphCheck, GraphDiagnostic[] | undefined>>();

/**
 * Runs every whole-model check. A check that throws becomes one internal-error diagnostic; the others
 * still run, so one bug never hides the rest of the model's problems.
 */
export function runGraphChecks(graph: PomGraph, checks: Record<string, GraphCheck> = graphChecks): GraphDiagnostic[] {
    return run(graph, checks, undefined, undefined);
}

/**
 * The same findings as runGraphChecks, for an editor's graph after an edit: a check that declares what it reads
 * (GraphCheck.reads) and read nothing the edit changed since `previous` (the graph this was last called with)
 * keeps its findings, pointed at where their objects and links are written now.
 */
export function runGraphChecksAfter(graph: PomGraph, previous: PomGraph | undefined, checks: Record<string, GraphCheck> = graphChecks): GraphDiagnostic[] {
    const earlier = previous && findingsOf.get(previous);
    const changes = earlier && graphChanges(previous, graph);
    const findings = new Map<GraphCheck, GraphDiagnostic[] | undefined>();
    findingsOf.set(graph, findings);
    return run(graph, checks, changes && earlier, changes, findings);
}

function run(
    graph: PomGraph,
    checks: Record<string, GraphCheck>,
    earlier: Map<GraphCheck, GraphDiagnostic[] | undefined> | undefined,
    changes: GraphChanges | undefined,
    findings?: Map<GraphCheck, GraphDiagnostic[] | undefined>,
): GraphDiagnostic[] {
    const index = GraphIndex.of(graph);
    const diagnostics: GraphDiagnostic[] = [];
    for (const [name, check] of Object.entries(checks)) {
        const kept = earlier && changes && check.reads ? earlier.get(check) : undefined;
        if (kept && check.reads!(index).every(aspect => !changes!.aspects.has(aspect))) {
            const { moved } = changes!;
            const reused = moved.size === 0 ? kept : kept.map(d => (moved.has(d.location) ? { ...d, location: moved.get(d.location)! } : d));
            findings?.set(check, reused);
            for (const diagnostic of reused) diagnostics.push(diagnostic);
            continue;
        }
        const own: GraphDiagnostic[] = [];
        try {
            check(index, (severity, code, message, at, object) => own.push(makeDiagnostic(severity, code, message, at, object)));
            findings?.set(check, own);
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            own.push({
                severity: 'error',
                code: IssueCodes.InternalError,
                message: `The '${name}' check failed (${reason}). This is a bug in pom; the rest of the model was still checked.`,
                location: { file: graph.files[0] ?? '<workspace>', line: 1, column: 1, endLine: 1, endColumn: 1 },
            });
            findings?.set(check, undefined);
        }
        for (const diagnostic of own) diagnostics.push(diagnostic);
    }
    return diagnostics;
}
