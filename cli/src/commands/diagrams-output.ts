import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
    boundedFileName,
    canonicalJson,
    diffViews,
    formatViewDiff,
    type PomGraph,
    type ResolvedView,
    resolveViews,
    writeFileAtomic,
} from '../../../language/src/index.js';
import { type DiagramResult, type ElkPool, objectLinkFromViewPage, renderDiagrams, viewLinkFromViewPage } from '../../../language/src/render.js';

export interface DiagramsOutputOptions {
    /** Views with more objects than this are not drawn (default 1,500). */
    diagramLimit?: number;
    /** Seconds one view's layout may take before the build fails (default 120): a guard, never a change to the output. */
    layoutTimeout?: number;
}

export interface WriteDiagramsOptions extends DiagramsOutputOptions {
    /** The layout pool to use (pom build shares one with the site's lineage diagrams); by default one of its own. */
    pool?: ElkPool;
    /**
     * Nodes link to their object's page in the site built beside the diagrams. <out>/diagrams is as deep as the
     * site's view pages (<out>/v), so the same relative href works from both: the site reuses these SVGs as they are.
     */
    linkToSite?: boolean;
}

/** A view's file name: its id with the characters file systems dislike (`:` in `team:…`) replaced. */
export function diagramFileName(viewId: string): string {
    return boundedFileName(viewId.replace(/:/g, '--').replace(/[^A-Za-z0-9._-]/g, '_'));
}

export interface DiagramsSummary {
    views: number;
    written: number;
    notDrawn: string[];
    /** The rendered diagrams, for the site to reuse. */
    results: DiagramResult[];
}

/**
 * `pom build`'s diagrams: for each view (declared, strategy, one per team) <out>/diagrams/<view>.svg, ELK's
 * laid-out graph (<view>.elk.json), what the view shows (<view>.view.json) and, when a previous build left a
 * view.json, what changed since (<view>.diff.txt). Layouts are cached under <out>/.pom-cache/layout.
 */
export async function writeDiagrams(graph: PomGraph, out: string, options: WriteDiagramsOptions = {}): Promise<DiagramsSummary> {
    const dir = join(out, 'diagrams');
    const views = resolveViews(graph);
    const results = await renderDiagrams(graph, views, {
        linkFor: options.linkToSite ? objectLinkFromViewPage : undefined,
        viewLinkFor: options.linkToSite ? viewLinkFromViewPage : undefined,
        cacheDir: join(out, '.pom-cache', 'layout'),
        maxNodes: options.diagramLimit,
        timeoutMs: options.layoutTimeout !== undefined ? options.layoutTimeout * 1000 : undefined,
        pool: options.pool,
    });
    let written = 0;
    const notDrawn: string[] = [];
    for (const result of results) {
        const base = join(dir, diagramFileName(result.view.id));
        const previousText = await fs.readFile(`${base}.view.json`, 'utf8').catch(() => undefined);
        const viewText = canonicalJson(result.view);
        // An unchanged view has no diff file (a rebuild of an unchanged model rewrites nothing); a changed one says how.
        if (previousText === viewText) {
            if (
                await fs.rm(`${base}.diff.txt`).then(
                    () => true,
                    () => false,
                )
            )
                written++;
        } else if (previousText !== undefined) {
            let previous: ResolvedView | undefined;
            try {
                previous = JSON.parse(previousText) as ResolvedView;
            } catch {
                previous = undefined;
            }
            if (previous?.nodes && previous.edges) {
                if (writeFileAtomic(`${base}.diff.txt`, formatViewDiff(result.view.id, diffViews(previous, result.view)))) written++;
            }
        }
        if (writeFileAtomic(`${base}.view.json`, viewText)) written++;
        if (writeFileAtomic(`${base}.svg`, result.svg)) written++;
        if (result.elk) {
            if (writeFileAtomic(`${base}.elk.json`, canonicalJson(result.elk))) written++;
        } else {
            await fs.rm(`${base}.elk.json`, { force: true });
        }
        if (result.tooLarge) {
            notDrawn.push(result.view.id);
            process.stderr.write(`pom: warning: diagram not drawn: ${result.tooLarge.message}\n`);
        }
    }
    process.stderr.write(
        `pom: wrote ${views.length} diagram${views.length === 1 ? '' : 's'} to ${join(out, 'diagrams')} (${written} file${written === 1 ? '' : 's'} changed)\n`,
    );
    return { views: views.length, written, notDrawn, results };
}
