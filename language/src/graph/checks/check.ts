import type { GraphIndex } from '../graph-index.js';
import type { GraphDiagnostic, GraphObject, Severity, SourceLocation } from '../model.js';

export interface Reporter {
    (severity: Severity, code: string, message: string, at: GraphObject | SourceLocation, object?: GraphObject): void;
}

/** A whole-model check: reads the graph, reports through `report`. */
export type GraphCheck = (graph: GraphIndex, report: Reporter) => void;

export function locationOf(at: GraphObject | SourceLocation): SourceLocation {
    return 'id' in at ? at.location : at;
}

export function makeDiagnostic(severity: Severity, code: string, message: string, at: GraphObject | SourceLocation, object?: GraphObject): GraphDiagnostic {
    const diagnostic: GraphDiagnostic = { severity, code, message, location: locationOf(at) };
    const about = object ?? ('id' in at ? at : undefined);
    if (about) diagnostic.object = about.id;
    return diagnostic;
}
