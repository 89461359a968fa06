import { resolve } from 'node:path';
import { compileSources, type CompileResult } from '../../language/src/compiler.js';
import { WORKSPACE } from '../helpers.js';

/**
 * Compiles a workspace held in memory: .pom entries are sources, every other entry is a data file that
 * metrics may read (by workspace-relative path).
 */
export async function compileWithData(files: Record<string, string>, asOf?: string): Promise<CompileResult> {
    const sources = new Map<string, string>();
    const data = new Map<string, string>();
    for (const [path, text] of Object.entries(files)) {
        if (path.endsWith('.pom')) sources.set(resolve(WORKSPACE, path), text);
        else data.set(path, text);
    }
    return compileSources(WORKSPACE, sources, { readData: path => data.get(path), asOf });
}

const DATA_CODES = new Set([
    'metric-data-missing',
    'metric-data-syntax',
    'metric-data-empty',
    'metric-missing-column',
    'metric-bad-date',
    'metric-bad-number',
    'metric-duplicate-date',
    'health-contradicted',
]);

/** The diagnostics of the metrics step, leaving out the model's own (such as input-drives-nothing). */
export function dataDiagnostics(result: CompileResult): CompileResult['diagnostics'] {
    return result.diagnostics.filter(d => DATA_CODES.has(d.code));
}
