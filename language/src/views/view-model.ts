// What a diagram shows, as plain data: the contract between view selection (declared and built-in views),
// layout, the SVG renderer, the site and the editor's diagram preview. No Langium here.

import type { ViewDirection } from '../graph/model.js';

export type ViewKind = 'declared' | 'strategy' | 'team' | 'lineage';

export interface ViewNode {
    /** The object's id; SVG nodes carry it so pages and the editor can link to the object. */
    id: string;
    /** The containing node in this view, when the object's container is also shown (a compound node). */
    parent?: string;
}

export interface ViewEdge {
    /** Unique within the view and stable: `${source}|${kind}|${target}`. */
    id: string;
    source: string;
    target: string;
    /** The link kind's id, such as std.targets. */
    kind: string;
    /** What the edge is labelled with: the link kind's name. */
    label: string;
}

export interface ResolvedView {
    /** Declared views use their id; built-in ones are `strategy`, `team:<team id>`, `lineage:<object id>`. */
    id: string;
    title: string;
    kind: ViewKind;
    audience?: string;
    direction: ViewDirection;
    /** The object a team or lineage view is about. */
    subject?: string;
    /** In model order (sorted by id), parents before their children. */
    nodes: ViewNode[];
    /** Sorted by id. */
    edges: ViewEdge[];
}
