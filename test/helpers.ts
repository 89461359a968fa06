import { resolve } from 'node:path';
import { compileSources, type CompileResult } from '../language/src/compiler.js';
import type { GraphDiagnostic, GraphObject } from '../language/src/graph/model.js';

export const WORKSPACE = resolve('/virtual/workspace');
/** The example organisation, the model most end-to-end tests run on. */
export const ACME = resolve('examples/acme');

/**
 * Compiles .pom snippets held in memory. `files` maps workspace-relative paths to sources; a bare string is
 * one file, `main.pom`.
 */
export async function compile(files: Record<string, string> | string): Promise<CompileResult> {
    const sources = new Map<string, string>();
    for (const [path, text] of Object.entries(typeof files === 'string' ? { 'main.pom': files } : files)) {
        sources.set(resolve(WORKSPACE, path), text);
    }
    return compileSources(WORKSPACE, sources);
}

/** `code@file:line:col`, compact enough to compare whole lists in an assertion. */
export function brief(diagnostic: GraphDiagnostic): string {
    return `${diagnostic.code}@${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}`;
}

export function codes(result: CompileResult, severity?: GraphDiagnostic['severity']): string[] {
    return result.diagnostics.filter(d => !severity || d.severity === severity).map(d => d.code);
}

export function withCode(result: CompileResult, code: string): GraphDiagnostic[] {
    return result.diagnostics.filter(d => d.code === code);
}

export function object(result: CompileResult, id: string): GraphObject {
    const found = result.graph.objects.find(o => o.id === id);
    if (!found) throw new Error(`no object ${id} in the graph; objects: ${result.graph.objects.map(o => o.id).join(', ')}`);
    return found;
}

/** The errors of a result, as readable lines, for assertions that expect none. */
export function errors(result: CompileResult): string[] {
    return result.diagnostics.filter(d => d.severity === 'error').map(d => `${brief(d)} ${d.message}`);
}

/** mulberry32: a small seeded generator, so every run of a randomised test makes the same choices (a failure can name its seed). */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
