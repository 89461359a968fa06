// A short semantic diff of a view between two builds: which objects and links it gained or lost. Written next to
// each diagram so a pull request shows what changed in a picture without comparing pixels.

import type { ResolvedView } from './view-model.js';

export interface ViewDiff {
    addedNodes: string[];
    removedNodes: string[];
    addedEdges: string[];
    removedEdges: string[];
}

function difference(a: string[], b: Set<string>): string[] {
    return a.filter(item => !b.has(item)).sort();
}

export function diffViews(previous: ResolvedView, current: ResolvedView): ViewDiff {
    const nodes = (view: ResolvedView): string[] => view.nodes.map(node => node.id);
    const edges = (view: ResolvedView): string[] => view.edges.map(edge => edge.id);
    return {
        addedNodes: difference(nodes(current), new Set(nodes(previous))),
        removedNodes: difference(nodes(previous), new Set(nodes(current))),
        addedEdges: difference(edges(current), new Set(edges(previous))),
        removedEdges: difference(edges(previous), new Set(edges(current))),
    };
}

export function isEmptyDiff(diff: ViewDiff): boolean {
    return diff.addedNodes.length + diff.removedNodes.length + diff.addedEdges.length + diff.removedEdges.length === 0;
}

/** `a|std.targets|b` as `a -targets-> b`. */
function edgeText(id: string): string {
    const [source, kind, target] = id.split('|');
    return `${source} -${kind.replace(/^std\./, '')}-> ${target}`;
}

/** The diff as text: a summary line, then one line per change (+ added, - removed). */
export function formatViewDiff(viewId: string, diff: ViewDiff): string {
    if (isEmptyDiff(diff)) return `${viewId}: no changes\n`;
    const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    const lines = [
        `${viewId}: ${count(diff.addedNodes.length, 'object')} added, ${diff.removedNodes.length} removed; ` +
            `${count(diff.addedEdges.length, 'link')} added, ${diff.removedEdges.length} removed`,
        ...diff.addedNodes.map(id => `+ ${id}`),
        ...diff.removedNodes.map(id => `- ${id}`),
        ...diff.addedEdges.map(id => `+ ${edgeText(id)}`),
        ...diff.removedEdges.map(id => `- ${edgeText(id)}`),
    ];
    return lines.join('\n') + '\n';
}
