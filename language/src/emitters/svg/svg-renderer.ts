// Our SVG for a laid-out view: boxes styled by type, edges by link kind (colour, dash, marker), a legend of what
// is shown, the view's title on top. Every text is escaped; numbers are printed with fixed precision; elements come
// in the view's order; so the same model gives the same bytes.

import { readFileSync } from 'node:fs';
import type { PomGraph } from '../../graph/model.js';
import type { LaidOutEdge, LaidOutView, TooLarge } from '../../layout/layout-view.js';
import { EDGE_LABEL_STYLE, healthText, ICON_SIZE, LINE_HEIGHT, NODE_BAND, NODE_PADDING_X, typeLabel, type NodeState } from '../../layout/node-labels.js';
import { DIAGRAM_FONT_FAMILY, diagramFontFiles, measureText, wrapText, type TextStyle } from '../../layout/text-measure.js';
import type { ResolvedView } from '../../views/view-model.js';
import { HEALTH_KEYS, linkStyle, stylesheet, TYPE_ICONS, typeStyleKey, type Theme } from './styles.js';

export type FontSource = 'embed' | 'none' | { regular: string; semibold: string };

export interface SvgOptions {
    /** Where a node links to (its page on the site, say); nodes are not links when absent or when it returns undefined. */
    linkFor?: (id: string) => string | undefined;
    /** The font: embedded as base64 woff2 (the default; standalone files), not at all, or served at these URLs. */
    font?: FontSource;
    /** Light, dark, or following the reader's preference (the default). */
    theme?: Theme;
    /** Draw a legend of the types and link kinds shown (default true). */
    legend?: boolean;
}

const TITLE_STYLE: TextStyle = { size: 16, weight: 600 };
const LEGEND_STYLE: TextStyle = { size: 12, weight: 400 };
const MARGIN = 16;

/** Characters XML 1.0 does not allow (C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
    return text
        .replace(INVALID_XML, '\uFFFD')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

/** Two decimals at most, no negative zero: stable across runs and platforms. */
export function num(value: number): string {
    const rounded = Math.round(value * 100) / 100;
    return Object.is(rounded, -0) ? '0' : String(rounded);
}

let embeddedFaces: string | undefined;

/**
 * The diagram's font as CSS @font-face rules with the woff2 files inlined (what `font: 'embed'` writes into an
 * SVG): for the site's fonts.js, which registers them once per page and puts them into exported diagrams.
 */
export function embeddedFontFaces(): string {
    return fontFaces('embed');
}

/** An SVG drawn with `font: 'embed'`, without its @font-face rules: for a page that provides the font itself. */
export function withoutEmbeddedFont(svg: string): string {
    const faces = embeddedFontFaces();
    return svg.includes(faces) ? svg.replace(faces, '') : svg;
}

function fontFaces(font: FontSource): string {
    if (font === 'none') return '';
    const face = (weight: number, src: string): string => `@font-face{font-family:'${DIAGRAM_FONT_FAMILY}';font-style:normal;font-weight:${weight};src:${src}}`;
    if (font === 'embed') {
        if (!embeddedFaces) {
            const files = diagramFontFiles();
            const data = (path: string): string => `url(data:font/woff2;base64,${readFileSync(path).toString('base64')}) format('woff2')`;
            embeddedFaces = `${face(400, data(files.regular))}\n${face(600, data(files.semibold))}`;
        }
        return embeddedFaces;
    }
    const url = (href: string): string => `url("${href.replace(/["\\\n]/g, encodeURIComponent)}") format('woff2')`;
    return `${face(400, url(font.regular))}\n${face(600, url(font.semibold))}`;
}

function textElement(x: number, y: number, text: string, style: TextStyle, className: string): string {
    return `<text class="${className}" x="${num(x)}" y="${num(y)}" font-size="${style.size}" font-weight="${style.weight}">${escapeXml(text)}</text>`;
}

const MARKER_SHAPES: Record<string, string> = {
    arrow: '<path d="M0,0L10,5L0,10z"/>',
    open: '<path class="pom-open" d="M1,1L10,5L1,9z"/>',
    diamond: '<path d="M0,5L5,1L10,5L5,9z"/>',
    circle: '<circle cx="5" cy="5" r="3.5"/>',
};

function marker(kind: string): string {
    const style = linkStyle(kind);
    const shape = MARKER_SHAPES[style.marker].replace(
        /^<(\w+)( class="pom-open")?/,
        (_, tag: string, open?: string) => `<${tag} class="pom-m-${style.key}${open ? ' pom-open' : ''}"`,
    );
    return `<marker id="pom-m-${style.key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">${shape}</marker>`;
}

interface LegendEntry {
    kind: 'type' | 'link';
    key: string;
    text: string;
    width: number;
}

/** Legend entries flowed into rows no wider than the diagram. */
function legend(entries: LegendEntry[], maxWidth: number, top: number): { svg: string; height: number } {
    const rowHeight = 22;
    const sample = 28;
    const gap = 18;
    const parts: string[] = [];
    let x = MARGIN;
    let y = top;
    for (const entry of entries) {
        const width = sample + 6 + entry.width;
        if (x > MARGIN && x + width > maxWidth - MARGIN) {
            x = MARGIN;
            y += rowHeight;
        }
        const middle = y + rowHeight / 2;
        if (entry.kind === 'type') {
            parts.push(
                `<g class="pom-t-${entry.key}"><rect class="pom-swatch" x="${num(x)}" y="${num(middle - 7)}" width="${sample}" height="14" rx="3" fill="var(--pom-node)" stroke-width="1.5"/>` +
                    `<path class="pom-icon" transform="translate(${num(x + sample / 2 - 5)},${num(middle - 5)}) scale(${num(10 / 12)})" fill-rule="evenodd" d="${TYPE_ICONS[entry.key]}"/>` +
                    `${textElement(x + sample + 6, middle + 4, entry.text, LEGEND_STYLE, 'pom-legend-label')}</g>`,
            );
        } else {
            const style = linkStyle(entry.key);
            parts.push(
                `<g class="pom-l-${style.key}"><line x1="${num(x)}" y1="${num(middle)}" x2="${num(x + sample - 2)}" y2="${num(middle)}" marker-end="url(#pom-m-${style.key})"/>` +
                    `${textElement(x + sample + 6, middle + 4, entry.text, LEGEND_STYLE, 'pom-legend-label')}</g>`,
            );
        }
        x += width + gap;
    }
    return { svg: `<g class="pom-legend">${parts.join('')}</g>`, height: entries.length === 0 ? 0 : y + rowHeight - top };
}

function header(title: string, width: number): { lines: string[]; height: number } {
    const lines = wrapText(title, Math.max(200, width - 2 * MARGIN), TITLE_STYLE);
    return { lines, height: lines.length * TITLE_STYLE.size * LINE_HEIGHT + 8 };
}

function svgDocument(width: number, height: number, title: string, description: string, body: string[], style: string, interactive = false): string {
    // An image's content is presentational to assistive technology: a diagram whose nodes are links is a group.
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" class="pom-diagram" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="${interactive ? 'group' : 'img'}" aria-labelledby="pom-title pom-desc">`,
        `<title id="pom-title">${escapeXml(title)}</title>`,
        `<desc id="pom-desc">${escapeXml(description)}</desc>`,
        `<style>\n${style}\n</style>`,
        ...body,
        '</svg>',
        '',
    ].join('\n');
}

/** An edge's tooltip: what links to what, and the edge's own label when it says more than its kind (an interaction's mode). */
function edgeTitle(edge: LaidOutEdge, kindName: string): string {
    return `${edge.source} ${kindName} ${edge.target}${edge.label !== kindName ? ` (${edge.label})` : ''}`;
}

/** A node's tooltip: its id and, in words, its state. */
function nodeTitle(id: string, state: NodeState): string {
    const facts = [
        state.status !== undefined ? `status ${state.status}` : '',
        state.health !== undefined ? healthText(state.health).toLowerCase() : '',
        state.contradicted ? `the data says ${healthText(state.dataStatus!).toLowerCase()}` : '',
    ].filter(Boolean);
    return facts.length > 0 ? `${id}: ${facts.join(', ')}` : id;
}

/** The SVG of a laid-out view. */
export function renderSvg(graph: PomGraph, view: ResolvedView, layout: LaidOutView, options: SvgOptions = {}): string {
    const typeTitles = new Map(graph.types.map(type => [type.id, type.title ?? type.name]));
    const typeKeys = new Map<string, string>();
    for (const node of layout.nodes) {
        const key = typeStyleKey(node.types);
        if (!typeKeys.has(key)) typeKeys.set(key, typeLabel(graph, node.types.find(type => typeStyleKey([type]) === key) ?? node.type, typeTitles));
    }
    // A kind is named as resolve-views names links; an edge's own label can be a roll-up's count ("3 links").
    const kindNames = new Map(graph.linkKinds.map(kind => [kind.id, kind.name]));
    const kinds = new Map<string, string>();
    for (const edge of layout.edges) if (!kinds.has(edge.kind)) kinds.set(edge.kind, kindNames.get(edge.kind) ?? edge.kind);
    const sortedTypeKeys = [...typeKeys.keys()].sort();
    const sortedKinds = [...kinds.keys()].sort();

    const minWidth = 480;
    const contentWidth = Math.max(minWidth, layout.width + 2 * MARGIN);
    const head = header(view.title, contentWidth);
    const top = MARGIN + head.height;
    const dx = MARGIN;
    const body: string[] = [];
    body.push(`<rect class="pom-bg" x="0" y="0" width="100%" height="100%"/>`);
    body.push(`<defs>${sortedKinds.map(marker).join('')}</defs>`);
    head.lines.forEach((line, i) => body.push(textElement(MARGIN, MARGIN + (i + 1) * TITLE_STYLE.size * LINE_HEIGHT - 4, line, TITLE_STYLE, 'pom-title')));

    body.push(`<g class="pom-nodes" transform="translate(${num(dx)},${num(top)})">`);
    let interactive = false;
    for (const node of layout.nodes) {
        const key = typeStyleKey(node.types);
        const href = options.linkFor?.(node.id);
        if (href !== undefined) interactive = true;
        const state = node.label.state;
        const left = node.x + NODE_PADDING_X;
        const parts: string[] = [];
        for (const line of node.label.lines) {
            const lineHeight = line.style.size * LINE_HEIGHT;
            const top = node.y + line.top;
            if (line.role === 'type') {
                const scale = ICON_SIZE / 12;
                parts.push(
                    `<path class="pom-icon" transform="translate(${num(left)},${num(top + (lineHeight - ICON_SIZE) / 2)}) scale(${num(scale)})" fill-rule="evenodd" d="${TYPE_ICONS[key]}"/>`,
                );
            }
            if (line.role === 'health') {
                const tone = HEALTH_KEYS.includes(state.health!) ? state.health! : 'unknown';
                parts.push(
                    `<rect class="pom-badge pom-badge-${tone}" x="${num(left)}" y="${num(top - 2)}" width="${num(line.indent + line.width + line.trailing)}" height="${num(lineHeight + 4)}" rx="${num((lineHeight + 4) / 2)}"/>`,
                );
            }
            parts.push(textElement(left + line.indent, node.y + line.baseline, line.text, line.style, `pom-${line.role}`));
        }
        // The band down the left side carries the type's colour beyond a thin border, inset to clear the rounded corners.
        const band = `<rect class="pom-band" x="${num(node.x + 0.75)}" y="${num(node.y + 4)}" width="${NODE_BAND}" height="${num(node.height - 8)}" rx="1"/>`;
        const inner = `<title>${escapeXml(nodeTitle(node.id, state))}</title><rect class="pom-box" x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" rx="6"/>${band}${parts.join('')}`;
        const classes = [
            'pom-node',
            `pom-t-${key}`,
            ...(node.compound ? ['pom-compound'] : []),
            ...(state.muted ? ['pom-muted'] : []),
            ...(state.contradicted ? ['pom-contradicted'] : []),
        ];
        const data = [
            `data-id="${escapeXml(node.id)}"`,
            `data-type="${escapeXml(node.type)}"`,
            `data-status="${escapeXml(state.status ?? '')}"`,
            `data-health="${escapeXml(state.health ?? '')}"`,
            ...(state.dataStatus ? [`data-data-health="${escapeXml(state.dataStatus)}"`] : []),
            ...(state.contradicted ? ['data-contradicted="true"'] : []),
        ];
        body.push(`<g class="${classes.join(' ')}" ${data.join(' ')}>` + (href !== undefined ? `<a href="${escapeXml(href)}">${inner}</a>` : inner) + '</g>');
    }
    body.push('</g>');

    body.push(`<g class="pom-edges" transform="translate(${num(dx)},${num(top)})">`);
    for (const edge of layout.edges) {
        const style = linkStyle(edge.kind);
        const data = `data-id="${escapeXml(edge.id)}" data-kind="${escapeXml(edge.kind)}" data-source="${escapeXml(edge.source)}" data-target="${escapeXml(edge.target)}"`;
        if (edge.nested) {
            // Shown by the nesting (the object sits inside the box it links to): no line, but the link is still named.
            body.push(
                `<g class="pom-edge pom-nested pom-l-${style.key}" ${data}><title>${escapeXml(`${edgeTitle(edge, kinds.get(edge.kind)!)} (drawn inside it)`)}</title></g>`,
            );
            continue;
        }
        if (edge.points.length < 2) continue;
        const d = edge.points.map((point, i) => `${i === 0 ? 'M' : 'L'}${num(point.x)},${num(point.y)}`).join('');
        let label = '';
        if (edge.labelBox) {
            const box = edge.labelBox;
            label =
                `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="2"/>` +
                textElement(box.x + 3, box.y + box.height / 2 + EDGE_LABEL_STYLE.size * 0.36, edge.label, EDGE_LABEL_STYLE, 'pom-edge-label');
        }
        body.push(
            `<g class="pom-edge pom-l-${style.key}" ${data}>` +
                `<title>${escapeXml(edgeTitle(edge, kinds.get(edge.kind)!))}</title><path d="${d}" marker-end="url(#pom-m-${style.key})"/>${label}</g>`,
        );
    }
    body.push('</g>');

    let height = top + layout.height + MARGIN;
    if (options.legend ?? true) {
        const entries: LegendEntry[] = [
            ...sortedTypeKeys.map(key => ({
                kind: 'type' as const,
                key,
                text: typeKeys.get(key)!,
                width: measureText(typeKeys.get(key)!, LEGEND_STYLE.size, LEGEND_STYLE.weight),
            })),
            ...sortedKinds.map(kind => ({
                kind: 'link' as const,
                key: kind,
                text: kinds.get(kind)!,
                width: measureText(kinds.get(kind)!, LEGEND_STYLE.size, LEGEND_STYLE.weight),
            })),
        ];
        const drawn = legend(entries, contentWidth, height);
        body.push(drawn.svg);
        height += drawn.height + MARGIN;
    }
    const description = `${view.kind === 'declared' ? 'View' : `Built-in ${view.kind} view`} '${view.id}': ${layout.nodes.length} object${layout.nodes.length === 1 ? '' : 's'} and ${layout.edges.length} link${layout.edges.length === 1 ? '' : 's'}.`;
    const style = stylesheet(sortedTypeKeys, sortedKinds, options.theme ?? 'auto', fontFaces(options.font ?? 'embed')) + `\npath.pom-open{fill:var(--pom-bg)}`;
    return svgDocument(contentWidth, height, view.title, description, body, style, interactive);
}

/** In place of a diagram that was not drawn: why, and what to do. */
export function renderTooLargeSvg(view: ResolvedView, tooLarge: TooLarge, options: SvgOptions = {}): string {
    const width = 640;
    const head = header(view.title, width);
    const lines = wrapText(`Not drawn: ${tooLarge.message}.`, width - 2 * MARGIN, LEGEND_STYLE);
    const top = MARGIN + head.height;
    const body = [
        `<rect class="pom-bg" x="0" y="0" width="100%" height="100%"/>`,
        ...head.lines.map((line, i) => textElement(MARGIN, MARGIN + (i + 1) * TITLE_STYLE.size * LINE_HEIGHT - 4, line, TITLE_STYLE, 'pom-title')),
        `<g class="pom-too-large" data-reason="${tooLarge.reason}">`,
        ...lines.map((line, i) => textElement(MARGIN, top + (i + 1) * LEGEND_STYLE.size * LINE_HEIGHT, line, LEGEND_STYLE, 'pom-title')),
        '</g>',
    ];
    const height = top + lines.length * LEGEND_STYLE.size * LINE_HEIGHT + 2 * MARGIN;
    return svgDocument(
        width,
        height,
        view.title,
        `View '${view.id}' was not drawn: ${tooLarge.message}.`,
        body,
        stylesheet([], [], options.theme ?? 'auto', fontFaces(options.font ?? 'embed')),
    );
}
