import { type CompileResult, IssueCodes } from '../../../language/src/index.js';
import { compileAt } from '../revision.js';
import { formatDiagnostics, summary, type DiagnosticFormat } from '../format-diagnostics.js';

export interface CheckOptions {
    format: DiagnosticFormat;
    strict: boolean;
    /** Metrics: read data as of this date (YYYY-MM-DD). */
    asOf?: string;
    /** Read the model as it was at this git revision. */
    rev?: string;
}

export async function checkCommand(dir: string, options: CheckOptions): Promise<number> {
    return report(await compileAt(dir, options.rev, { asOf: options.asOf }), options);
}

/** Prints the diagnostics and returns the exit code they call for. */
export function report(result: CompileResult, options: CheckOptions): number {
    process.stdout.write(formatDiagnostics(result.diagnostics, options.format, result.root, result.graph.rules));
    if (result.files.length === 0) process.stderr.write(`pom: warning: no .pom files under ${result.root}\n`);
    if (options.format === 'text') process.stderr.write(`pom: ${summary(result.diagnostics, result.files.length)}\n`);
    // A check that failed inside pom is a bug, not a problem in the model: never a silent pass, never exit 1.
    const internal = result.diagnostics.find(d => d.code === IssueCodes.InternalError);
    if (internal) {
        process.stderr.write(`pom: internal error: ${internal.message}\nSet POM_DEBUG=1 to see where it happened.\n`);
        return 2;
    }
    const failing = result.diagnostics.some(d => d.severity === 'error' || (options.strict && d.severity === 'warning'));
    return failing ? 1 : 0;
}
