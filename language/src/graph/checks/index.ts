import { GraphIndex } from '../graph-index.js';
import type { GraphDiagnostic, PomGraph } from '../model.js';
import { IssueCodes } from '../../diagnostics/codes.js';
import { makeDiagnostic, type GraphCheck } from './check.js';
import { domainChecks } from './domain.js';
import { checkRules } from './rules.js';
import { structureChecks } from './structure.js';

export const graphChecks: Record<string, GraphCheck> = { ...structureChecks, ...domainChecks, rules: checkRules };

/**
 * Runs every whole-model check. A check that throws becomes one internal-error diagnostic; the others
 * still run, so one bug never hides the rest of the model's problems.
 */
export function runGraphChecks(graph: PomGraph, checks: Record<string, GraphCheck> = graphChecks): GraphDiagnostic[] {
    const index = GraphIndex.of(graph);
    const diagnostics: GraphDiagnostic[] = [];
    for (const [name, check] of Object.entries(checks)) {
        try {
            check(index, (severity, code, message, at, object) => diagnostics.push(makeDiagnostic(severity, code, message, at, object)));
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            diagnostics.push({
                severity: 'error',
                code: IssueCodes.InternalError,
                message: `The '${name}' check failed (${reason}). This is a bug in pom; the rest of the model was still checked.`,
                location: { file: graph.files[0] ?? '<workspace>', line: 1, column: 1, endLine: 1, endColumn: 1 },
            });
        }
    }
    return diagnostics;
}
