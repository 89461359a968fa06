import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { compileWorkspace } from '../../../language/src/compiler.js';
import { renderDiagram, UnknownViewError } from '../../../language/src/emitters/svg/render-diagram.js';
import type { Theme } from '../../../language/src/emitters/svg/styles.js';
import type { LayoutEngine } from '../../../language/src/layout/layout-view.js';
import { atRevision } from '../revision.js';
import { writeFileAtomic } from '../../../language/src/util/atomic-write.js';

export interface DiagramCommandOptions {
    output?: string;
    theme: Theme;
    limit?: number;
    timeout?: number;
    /** ELK, the quick layout, or auto (by the view's size). */
    layout?: LayoutEngine;
    /** Draw the view as the model was at this git revision. */
    rev?: string;
}

/** `pom diagram <view> [dir]`: one view's SVG, to a file or to stdout. */
export async function diagramCommand(viewId: string, dir: string, options: DiagramCommandOptions): Promise<number> {
    const result = await atRevision(dir, options.rev, folder => compileWorkspace(folder));
    const errors = result.diagnostics.filter(d => d.severity === 'error').length;
    if (errors > 0) {
        process.stderr.write(`pom: warning: the model has ${errors} error${errors === 1 ? '' : 's'} (run pom check); the diagram shows what compiled\n`);
    }
    let diagram;
    try {
        diagram = await renderDiagram(result.graph, viewId, {
            theme: options.theme,
            maxNodes: options.limit,
            timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined,
            engine: options.layout,
        });
    } catch (error) {
        if (error instanceof UnknownViewError) {
            process.stderr.write(`pom: error: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    if (diagram.tooLarge) {
        process.stderr.write(`pom: error: diagram not drawn: ${diagram.tooLarge.message}\n`);
        return 1;
    }
    if (options.output) {
        await fs.mkdir(dirname(options.output), { recursive: true });
        await writeFileAtomic(options.output, diagram.svg);
        process.stderr.write(`pom: wrote ${options.output} (${diagram.view.nodes.length} objects, ${diagram.view.edges.length} links)\n`);
    } else {
        process.stdout.write(diagram.svg);
    }
    return 0;
}
