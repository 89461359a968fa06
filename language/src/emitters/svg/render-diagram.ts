// The diagram API for the CLI, the site and the editor: a view id (or resolved views) in, SVG and ELK's laid-out
// graph out. Layouts run in a pool of worker threads (one per core but one) with a deadline per view.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { PomGraph } from '../../graph/model.js';
import { ElkPool } from '../../layout/elk-pool.js';
import { layoutView, type LaidOutView, type LayoutOptions, type TooLarge } from '../../layout/layout-view.js';
import { boundedDistance } from '../../util/suggest.js';
import { LINEAGE_VIEW_PREFIX, resolveView, viewIds } from '../../views/resolve-views.js';
import type { ResolvedView } from '../../views/view-model.js';
import { renderSvg, renderTooLargeSvg, type SvgOptions } from './svg-renderer.js';
import { compareIds } from '../../util/compare.js';

export interface DiagramOptions extends SvgOptions, LayoutOptions {
    /** Where a roll-up's group box links to: the page of its drill-down view (by view id). */
    viewLinkFor?: (viewId: string) => string | undefined;
    /** A pool to lay out in (shared across calls); by default each call makes one and closes it. */
    pool?: ElkPool;
}

export interface DiagramResult {
    /** The diagram; for a view too large to draw, a small SVG saying so. */
    svg: string;
    /** ELK's laid-out graph, undefined when the view was not laid out. */
    elk?: ElkNode;
    view: ResolvedView;
    /** Where each box and edge is drawn (absolute coordinates), undefined when the view was not laid out. */
    layout?: LaidOutView;
    /** Set when the view was not drawn: too many objects, or ELK failed (a layout past its deadline throws instead). */
    tooLarge?: TooLarge;
    /** The layout came from the cache (options.cacheDir) instead of ELK. */
    cached: boolean;
}

/** A view id that does not exist; the message names the closest ids. */
export class UnknownViewError extends Error {
    constructor(
        readonly viewId: string,
        readonly suggestions: string[],
    ) {
        super(
            `there is no view '${viewId}'.` +
                (suggestions.length > 0 ? ` Did you mean ${suggestions.map(s => `'${s}'`).join(', ')}?` : '') +
                ` Views are declared views, 'strategy', 'team:<team id>' and 'lineage:<object id>'.`,
        );
    }
}

/** The few view ids (lineage views included) closest to a misspelt one. */
function closeViewIds(graph: PomGraph, id: string): string[] {
    const candidates = [...viewIds(graph), ...graph.objects.map(object => LINEAGE_VIEW_PREFIX + object.id)];
    const bound = Math.max(2, Math.floor(id.length / 3));
    return candidates
        .map(candidate => ({ candidate, distance: candidate.includes(id) && id.length >= 3 ? 0 : boundedDistance(id, candidate, bound) }))
        .filter(entry => entry.distance <= bound)
        .sort((a, b) => a.distance - b.distance || compareIds(a.candidate, b.candidate))
        .slice(0, 5)
        .map(entry => entry.candidate);
}

export async function renderDiagram(graph: PomGraph, viewId: string, options: DiagramOptions = {}): Promise<DiagramResult> {
    const view = resolveView(graph, viewId);
    if (!view) throw new UnknownViewError(viewId, closeViewIds(graph, viewId));
    const [result] = await renderDiagrams(graph, [view], options);
    return result;
}

/** Diagrams of several views (resolved views, or ids), laid out in parallel; results in the order given. */
export async function renderDiagrams(graph: PomGraph, views: Array<ResolvedView | string>, options: DiagramOptions = {}): Promise<DiagramResult[]> {
    const resolved = views.map(view => {
        if (typeof view !== 'string') return view;
        const found = resolveView(graph, view);
        if (!found) throw new UnknownViewError(view, closeViewIds(graph, view));
        return found;
    });
    const pool = options.pool ?? new ElkPool();
    try {
        return await Promise.all(
            resolved.map(async (view): Promise<DiagramResult> => {
                const result = await layoutView(graph, view, pool, options);
                if (result.tooLarge || !result.layout) {
                    return { svg: renderTooLargeSvg(view, result.tooLarge!, options), view, tooLarge: result.tooLarge, cached: false };
                }
                let svg: string;
                if (result.drawn) {
                    // A roll-up: group boxes link to their drill-down views.
                    const drillDowns = new Map(view.rollup!.groups.map(group => [group.id, group.drillDown]));
                    const linkFor = (id: string): string | undefined => {
                        const drill = drillDowns.get(id);
                        return drill !== undefined ? options.viewLinkFor?.(drill) : undefined;
                    };
                    svg = renderSvg(result.drawn.graph, result.drawn.view, result.layout, { ...options, linkFor });
                } else {
                    svg = renderSvg(graph, view, result.layout, options);
                }
                return { svg, elk: result.elk, layout: result.layout, view, cached: result.cached };
            }),
        );
    } finally {
        if (!options.pool) await pool.close();
    }
}
