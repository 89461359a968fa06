import type { GraphIndex } from '../graph-index.js';
import type { Aspect } from '../changes.js';
import type { GraphDiagnostic, GraphObject, Severity, SourceLocation } from '../model.js';

export interface Reporter {
    (severity: Severity, code: string, message: string, at: GraphObject | SourceLocation, object?: GraphObject): void;
}

/** A whole-model check: reads the graph, reports through `report`. */
export interface GraphCheck {
    (graph: GraphIndex, report: Reporter): void;
    /**
     * Every aspect of any object the check reads (graph/changes.ts), besides ids, types and the declarations, and
     * where it reports: at objects, or at links of kinds it reads. An editor reuses its findings after an edit that
     * changed none of them. Without it, the check runs again after every edit.
     */
    reads?: (graph: GraphIndex) => readonly Aspect[];
}

export function locationOf(at: GraphObject | SourceLocation): SourceLocation {
    return 'id' in at ? at.location : at;
}

export function makeDiagnostic(severity: Severity, code: string, message: string, at: GraphObject | SourceLocation, object?: GraphObject): GraphDiagnostic {
    const diagnostic: GraphDiagnostic = { severity, code, message, location: locationOf(at) };
    const about = object ?? ('id' in at ? at : undefined);
    if (about) diagnostic.object = about.id;
    return diagnostic;
}
