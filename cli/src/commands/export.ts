import { writeFileAtomic } from '../../../language/src/index.js';
import { graphml, linksCsv, objectsCsv } from '../../../language/src/render.js';
import { compileAt } from '../revision.js';

import { EXPORT_FORMATS } from '../formats.js';
export { EXPORT_FORMATS };

export interface ExportOptions {
    format: typeof EXPORT_FORMATS[number];
    /** CSV only: the objects (default) or the links table. */
    table: 'objects' | 'links';
    output?: string;
    rev?: string;
}

/** `pom export [dir] --format csv|graphml`: the whole graph for spreadsheets and graph tools. */
export async function exportCommand(dir: string, options: ExportOptions): Promise<number> {
    const result = await compileAt(dir, options.rev);
    const errors = result.diagnostics.filter(d => d.severity === 'error').length;
    if (errors > 0) process.stderr.write(`pom: warning: the model has ${errors} error${errors === 1 ? '' : 's'} (run pom check); the export holds what compiled\n`);
    const content = options.format === 'graphml' ? graphml(result.graph) : options.table === 'links' ? linksCsv(result.graph) : objectsCsv(result.graph);
    if (options.output) {
        await writeFileAtomic(options.output, content);
        process.stderr.write(`pom: wrote ${options.output} (${result.graph.objects.length} objects)\n`);
    } else {
        process.stdout.write(content);
    }
    return 0;
}
