// What a node's box says (its type, its title, a few key fields) broken into lines and measured, and so how big
// the box is. The layout sizes nodes from this and the SVG renderer draws exactly these lines at these offsets.

import type { FieldValue, GraphObject, PomGraph } from '../graph/model.js';
import { measureText, wrapText, type TextStyle } from './text-measure.js';

export const TYPE_STYLE: TextStyle = { size: 11, weight: 600 };
export const TITLE_STYLE: TextStyle = { size: 14, weight: 600 };
export const FIELD_STYLE: TextStyle = { size: 12, weight: 400 };
export const EDGE_LABEL_STYLE: TextStyle = { size: 11, weight: 400 };

/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.3;
export const NODE_PADDING_X = 12;
export const NODE_PADDING_Y = 10;
/** The widest a box's text may run before it wraps. */
export const MAX_TEXT_WIDTH = 240;
const MIN_NODE_WIDTH = 120;
/** Padding inside a compound node around its children (the header comes on top of it). */
export const COMPOUND_PADDING = 14;

/** Fields worth showing on a box, most telling first; at most MAX_FIELDS of those present are shown. */
const KEY_FIELDS = ['status', 'health', 'kind', 'topology', 'metric', 'horizon', 'confidence', 'delta', 'source', 'stage', 'severity'];
const MAX_FIELDS = 2;

export interface TextLine {
    /** What the line is: the type, the title, or a field; the renderer styles each differently. */
    role: 'type' | 'title' | 'field';
    text: string;
    style: TextStyle;
    /** Baseline offset from the top of the box. */
    baseline: number;
    /** Measured width. */
    width: number;
}

export interface NodeLabel {
    lines: TextLine[];
    /** The size the label needs: the whole box for a leaf, the header band for a compound node. */
    width: number;
    height: number;
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
    const add = (text: string, style: TextStyle, role: TextLine['role']): void => {
        for (const line of wrapText(text, MAX_TEXT_WIDTH, style)) {
            const lineHeight = style.size * LINE_HEIGHT;
            // The baseline sits at the ascent of the line box; Plex's ascent is ~1.025 em, centred in the line height.
            lines.push({ role, text: line, style, baseline: y + lineHeight / 2 + style.size * 0.36, width: measureText(line, style.size, style.weight) });
            y += lineHeight;
        }
    };
    add(typeTitle.toUpperCase(), TYPE_STYLE, 'type');
    add(object.title ?? object.name, TITLE_STYLE, 'title');
    let shown = 0;
    for (const field of KEY_FIELDS) {
        if (shown >= MAX_FIELDS) break;
        const value = object.fields[field];
        if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
        add(`${field}: ${fieldText(value)}`, FIELD_STYLE, 'field');
        shown++;
    }
    const textWidth = Math.max(...lines.map(line => line.width));
    return {
        lines,
        // One pixel of slack: rendering rounds glyph positions.
        width: Math.ceil(Math.max(MIN_NODE_WIDTH, textWidth + 2 * NODE_PADDING_X + 1)),
        height: Math.ceil(y + NODE_PADDING_Y),
    };
}
