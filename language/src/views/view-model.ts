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
    /** What the edge is labelled with: the link kind's name; a team interaction's mode (collaboration, x-as-a-service, facilitating). */
    label: string;
    /**
     * Laid out against its direction: the target comes first along the view's flow, the arrow still points at it.
     * A lineage view reads from insight to north star, so a bet chosen from an option sits after the option.
     */
    reversed?: true;
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
    /** Set when the view is too large to draw object by object: the diagram draws these groups instead. */
    rollup?: RollUp;
}

/** What a roll-up groups objects by. */
export type RollUpDimension = 'driver' | 'owner' | 'scope' | 'package' | 'type';

/** One group of a roll-up: a box on the diagram standing for these objects, linking to its drill-down view. */
export interface ViewGroup {
    /** The group's node id on the diagram: `group:<key>`. */
    id: string;
    /** The driver, owner or scope id, package name or type id the objects share; `(none)` for the rest. */
    key: string;
    title: string;
    /** The object the group is named after (a driver, team or scope), when there is one. */
    subject?: string;
    /** Sorted by id. */
    objects: string[];
    /** The id of the view of just this group's objects. */
    drillDown: string;
}

/** A large view drawn as groups: each group's objects counted, the strongest links between groups. */
export interface RollUp {
    by: RollUpDimension;
    /** Sorted by key. */
    groups: ViewGroup[];
    /** Links between groups: how many view links run from one to the other, and the most common kind among them. */
    links: Array<{ source: string; target: string; count: number; kind: string }>;
    /** Group-to-group links left out (beyond each group's strongest few). */
    hiddenLinks: number;
}
