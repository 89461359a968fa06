import { writeFileAtomic } from '../../../language/src/index.js';
import { graphml, linksCsv, objectsCsv } from '../../../language/src/render.js';
import { warnModelErrors } from '../format-diagnostics.js';
import { compileAt } from '../revision.js';

import { EXPORT_FORMATS } from '../formats.js';

export interface ExportOptions {
    format: (typeof EXPORT_FORMATS)[number];
    /** CSV only: the objects (default) or the links table. */
    table: 'objects' | 'links';
    output?: string;
    rev?: string;
}

/** `pom export [dir] --format csv|graphml`: the whole graph for spreadsheets and graph tools. */
export async function exportCommand(dir: string, options: ExportOptions): Promise<number> {
    const result = await compileAt(dir, options.rev);
    warnModelErrors(result.diagnostics.filter(d => d.severity === 'error').length, 'the export holds what compiled');
    const content = options.format === 'graphml' ? graphml(result.graph) : options.table === 'links' ? linksCsv(result.graph) : objectsCsv(result.graph);
    if (options.output) {
        writeFileAtomic(options.output, content);
        process.stderr.write(`pom: wrote ${options.output} (${result.graph.objects.length} objects)\n`);
    } else {
        process.stdout.write(content);
    }
    return 0;
}
