// What the workspace's `settings` and objects' `allow … because` exceptions make of a finding: one decision for
// the findings of .pom documents (validation/severity-settings.ts) and for those located elsewhere (data files).
import type { GraphDiagnostic, GraphSettings, PomGraph, Severity } from '../graph/model.js';
import { isConfigurable } from './codes.js';

/**
 * The severity a finding is reported with: its own, unless settings change it; undefined when settings turn it
 * off or its object is `excused` from it. Codes that cannot be configured (errors of the model) keep theirs.
 */
export function settledSeverity(code: string, severity: Severity, settings: GraphSettings, excused: boolean): Severity | undefined {
    if (!isConfigurable(code)) return severity;
    if (excused) return undefined;
    const level = settings.severities[code];
    if (level === 'off') return undefined;
    return level ?? severity;
}

/** Whether `object` (an id) has an `allow <code>` exception. */
export function isExcused(graph: PomGraph, object: string | undefined, code: string): boolean {
    if (object === undefined) return false;
    return graph.objects.find(o => o.id === object)?.allow?.some(a => a.code === code) ?? false;
}

/**
 * Settings and exceptions applied to diagnostics that no .pom document's validation sees: those located in metric
 * data files (.csv, .json) and files that were not read. The order is kept.
 */
export function applySettingsToDiagnostics(diagnostics: readonly GraphDiagnostic[], graph: PomGraph): GraphDiagnostic[] {
    const result: GraphDiagnostic[] = [];
    for (const diagnostic of diagnostics) {
        const severity = settledSeverity(diagnostic.code, diagnostic.severity, graph.settings, isExcused(graph, diagnostic.object, diagnostic.code));
        if (severity === undefined) continue;
        result.push(severity === diagnostic.severity ? diagnostic : { ...diagnostic, severity });
    }
    return result;
}
