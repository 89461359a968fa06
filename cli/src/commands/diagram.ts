import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../../language/src/index.js';
import { renderDiagram, svgRules, type Theme, UnknownViewError, viewToDrawio, viewToMermaid } from '../../../language/src/render.js';
import { warnModelErrors } from '../format-diagnostics.js';
import { compileAt } from '../revision.js';
import { svgToPng } from '../export/png.js';

import { DIAGRAM_FORMATS } from '../formats.js';
type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface DiagramCommandOptions {
    /** SVG (the default), PNG, a Mermaid flowchart or a draw.io file. */
    format?: DiagramFormat;
    /** PNG only: pixels per SVG unit. */
    scale?: number;
    output?: string;
    theme: Theme;
    limit?: number;
    timeout?: number;
    /** Draw the view as the model was at this git revision. */
    rev?: string;
}

/** `pom diagram <view> [dir]`: one view's SVG, to a file or to stdout. */
export async function diagramCommand(viewId: string, dir: string, options: DiagramCommandOptions): Promise<number> {
    const result = await compileAt(dir, options.rev);
    warnModelErrors(result.diagnostics.filter(d => d.severity === 'error').length, 'the diagram shows what compiled');
    let diagram;
    try {
        diagram = await renderDiagram(result.graph, viewId, {
            theme: options.theme,
            maxNodes: options.limit,
            timeoutMs: options.timeout !== undefined ? options.timeout * 1000 : undefined,
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
    const format = options.format ?? 'svg';
    // Exports other than SVG take one theme: light unless dark is asked for.
    const theme = options.theme === 'dark' ? 'dark' : 'light';
    let content: string | Buffer = diagram.svg;
    let size = `${diagram.view.nodes.length} objects, ${diagram.view.edges.length} links`;
    if (format === 'png') {
        if (!options.output) {
            process.stderr.write('pom: error: a PNG is not written to a terminal: give -o <file>.png\n');
            return 2;
        }
        const png = await svgToPng(diagram.svg, { theme, scale: options.scale });
        content = png.png;
        size = `${png.width}×${png.height} pixels`;
    } else if (format === 'mermaid') {
        content = viewToMermaid(result.graph, diagram.view, svgRules(diagram.svg, theme));
    } else if (format === 'drawio') {
        content = viewToDrawio(diagram.view, diagram.layout!, svgRules(diagram.svg, theme));
    }
    if (options.output) {
        await fs.mkdir(dirname(options.output), { recursive: true });
        writeFileAtomic(options.output, content);
        process.stderr.write(`pom: wrote ${options.output} (${size})\n`);
    } else {
        process.stdout.write(content);
    }
    return 0;
}
