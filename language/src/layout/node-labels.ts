// What a node's box says (its type, its title, a few key fields) broken into lines and measured, and so how big
// the box is. The layout sizes nodes from this and the SVG renderer draws exactly these lines at these offsets.

import type { FieldValue, GraphObject, PomGraph } from '../graph/model.js';
import { measureText, wrapText, type TextStyle } from './text-measure.js';
import { healthFacts } from '../graph/derived/health.js';

export const TYPE_STYLE: TextStyle = { size: 11, weight: 600 };
export const TITLE_STYLE: TextStyle = { size: 14, weight: 600 };
export const FIELD_STYLE: TextStyle = { size: 12, weight: 400 };
export const EDGE_LABEL_STYLE: TextStyle = { size: 11, weight: 400 };
export const HEALTH_STYLE: TextStyle = { size: 11, weight: 600 };

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;
/** Includes the coloured band (NODE_BAND wide) down the left side of every box. */
export const NODE_PADDING_X = 14;
export const NODE_BAND = 5;
/** The type's icon before the type line, and the gap after it. */
export const ICON_SIZE = 11;
export const ICON_GAP = 5;
/** Horizontal padding inside the health badge. */
export const BADGE_PADDING = 6;
export const NODE_PADDING_Y = 10;
/** The widest a box's text may run before it wraps. */
export const MAX_TEXT_WIDTH = 240;
const MIN_NODE_WIDTH = 120;
/** Padding inside a compound node around its children (the header comes on top of it). */
export const COMPOUND_PADDING = 14;

/** Fields worth showing on a box, most telling first; at most MAX_FIELDS of those present are shown. */
const KEY_FIELDS = ['contains', 'off-track', 'status', 'kind', 'topology', 'metric', 'horizon', 'confidence', 'delta', 'source', 'stage', 'severity'];
const MAX_FIELDS = 2;

export interface TextLine {
    /** What the line is; the renderer styles each differently (a badge behind `health`, an icon before `type`). */
    role: 'type' | 'title' | 'field' | 'health' | 'alert';
    text: string;
    style: TextStyle;
    /** Baseline offset from the top of the box. */
    baseline: number;
    /** Measured width of the text. */
    width: number;
    /** Where the text starts, right of the box's padding (after the type icon, inside the health badge). */
    indent: number;
    /** Top of the line box, from the top of the box (icons and badges are placed from it). */
    top: number;
    /** Room kept after the text (the health badge's right padding). */
    trailing: number;
}

/** What a box says about the object's state: also written on the node as data attributes. */
export interface NodeState {
    status?: string;
    /** Declared health, else what the metric data says. */
    health?: string;
    /** What the object's metric data says (the worst reading), when there is data with a target. */
    dataStatus?: string;
    /** The declared health says the opposite of the data. */
    contradicted: boolean;
    /** Killed, done, paused, rejected, retired or parked: drawn muted. */
    muted: boolean;
}

export interface NodeLabel {
    lines: TextLine[];
    /** The size the label needs: the whole box for a leaf, the header band for a compound node. */
    width: number;
    height: number;
    state: NodeState;
}

const MUTED_STATUSES = new Set(['killed', 'done', 'paused', 'rejected', 'retired', 'parked']);
const HEALTH_TEXT: Record<string, string> = { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', unknown: 'Health unknown' };

/** The object's state as a box shows it: declared status and health, and what its metric data says. */
export function nodeState(object: GraphObject): NodeState {
    const status = typeof object.fields.status === 'string' ? object.fields.status : undefined;
    const declared = typeof object.fields.health === 'string' ? object.fields.health : undefined;
    // The derived facts' reading of the data (the worst reading; contradicted as the health-contradicted warning says).
    const facts = healthFacts(object);
    const dataStatus = facts['data-status'];
    const contradicted = facts.contradicted === true;
    const state: NodeState = { contradicted, muted: status !== undefined && MUTED_STATUSES.has(status) };
    if (status !== undefined) state.status = status;
    const health = declared ?? dataStatus;
    if (health !== undefined) state.health = health;
    if (dataStatus !== undefined) state.dataStatus = dataStatus;
    return state;
}

/** How a health value reads in a badge. */
export function healthText(health: string): string {
    return HEALTH_TEXT[health] ?? health;
}

function fieldText(value: FieldValue): string {
    return Array.isArray(value) ? value.map(fieldText).join(', ') : String(value);
}

/** The type's title (Bet, Experiment), else its name. */
export function typeLabel(graph: PomGraph, typeId: string, typeTitles?: Map<string, string>): string {
    const titles = typeTitles ?? new Map(graph.types.map(type => [type.id, type.title ?? type.name]));
    return titles.get(typeId) ?? typeId.slice(typeId.lastIndexOf('.') + 1);
}

/** Lines of a node's label, measured, and the box it needs. */
export function nodeLabel(object: GraphObject, typeTitle: string): NodeLabel {
    const lines: TextLine[] = [];
    let y = NODE_PADDING_Y;
    const add = (text: string, style: TextStyle, role: TextLine['role'], indent = 0, trailing = 0): void => {
        for (const line of wrapText(text, MAX_TEXT_WIDTH - indent - trailing, style)) {
            const lineHeight = style.size * LINE_HEIGHT;
            // The baseline sits at the ascent of the line box; Plex's ascent is ~1.025 em, centred in the line height.
            lines.push({
                role,
                text: line,
                style,
                baseline: y + lineHeight / 2 + style.size * 0.36,
                width: measureText(line, style.size, style.weight),
                indent,
                top: y,
                trailing,
            });
            y += lineHeight;
        }
    };
    const state = nodeState(object);
    add(typeTitle.toUpperCase(), TYPE_STYLE, 'type', ICON_SIZE + ICON_GAP);
    add(object.title ?? object.name, TITLE_STYLE, 'title');
    if (state.health !== undefined) {
        y += 3;
        const fromData = object.fields.health === undefined;
        add(`${healthText(state.health)}${fromData ? ' (data)' : ''}`, HEALTH_STYLE, 'health', BADGE_PADDING, BADGE_PADDING);
        y += 3;
    }
    if (state.contradicted) add(`Data says ${healthText(state.dataStatus!).toLowerCase()}: contradicts health`, FIELD_STYLE, 'alert');
    else if (state.dataStatus !== undefined && object.fields.health !== undefined)
        add(`data: ${healthText(state.dataStatus).toLowerCase()}`, FIELD_STYLE, 'field');
    let shown = 0;
    for (const field of KEY_FIELDS) {
        if (shown >= MAX_FIELDS) break;
        const value = object.fields[field];
        if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
        add(`${field}: ${fieldText(value)}`, FIELD_STYLE, 'field');
        shown++;
    }
    const textWidth = Math.max(...lines.map(line => line.indent + line.width + line.trailing));
    return {
        lines,
        // One pixel of slack: rendering rounds glyph positions.
        width: Math.ceil(Math.max(MIN_NODE_WIDTH, textWidth + 2 * NODE_PADDING_X + 1)),
        height: Math.ceil(y + NODE_PADDING_Y),
        state,
    };
}
