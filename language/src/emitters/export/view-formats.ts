// A drawn view in other tools' formats: a Mermaid flowchart (for wikis and Markdown) and a draw.io file keeping the
// layout's positions and the SVG's colours and strokes. Colours are read from the SVG's own resolved stylesheet
// (resolve-styles.ts), so these exports follow the renderer's styles.
import type { PomGraph, ViewDirection } from '../../graph/model.js';
import type { LaidOutView } from '../../layout/layout-view.js';
import type { ResolvedView } from '../../views/view-model.js';
import { escapeXml, num } from '../svg/svg-renderer.js';
import { linkStyle, typeStyleKey } from '../svg/styles.js';
import { declared, type CssRule } from './resolve-styles.js';

const MERMAID_DIRECTION: Record<ViewDirection, string> = { right: 'LR', left: 'RL', down: 'TB', up: 'BT' };

/** A link kind's stroke as the SVG's stylesheet sets it, looked up once per style key (not once per edge). */
function linkStrokes(rules: CssRule[]): (kind: string) => { stroke?: string; dash?: string; width?: string } {
    const byKey = new Map<string, { stroke?: string; dash?: string; width?: string }>();
    return kind => {
        const key = linkStyle(kind).key;
        let stroke = byKey.get(key);
        if (!stroke) {
            const selector = `.pom-l-${key} path`;
            byKey.set(
                key,
                (stroke = {
                    stroke: declared(rules, selector, 'stroke'),
                    dash: declared(rules, selector, 'stroke-dasharray'),
                    width: declared(rules, selector, 'stroke-width'),
                }),
            );
        }
        return stroke;
    };
}

/** Text inside a quoted Mermaid label: quotes and markup characters as entity codes. */
function mermaidText(text: string): string {
    return text.replace(/[\r\n]+/g, ' ').replace(/[#"<>]/g, char => `#${char.codePointAt(0)};`);
}

/** A Mermaid flowchart of the view: one node per object (containers as subgraphs), one edge per link, coloured by type. */
export function viewToMermaid(graph: PomGraph, view: ResolvedView, rules: CssRule[] = []): string {
    const objects = new Map(graph.objects.map(o => [o.id, o]));
    const typeTitles = new Map(graph.types.map(t => [t.id, t.title ?? t.name]));
    const ids = new Map(view.nodes.map((node, i) => [node.id, `n${i}`]));
    const parents = new Set(view.nodes.map(node => node.parent).filter((p): p is string => p !== undefined));
    const children = new Map<string | undefined, string[]>();
    for (const node of view.nodes) children.set(node.parent, [...(children.get(node.parent) ?? []), node.id]);
    const lines = [`flowchart ${MERMAID_DIRECTION[view.direction] ?? 'LR'}`];
    const usedKeys = new Set<string>();
    const emit = (id: string, indent: string) => {
        const object = objects.get(id);
        const type = object ? (typeTitles.get(object.type) ?? object.type) : '';
        const label = `${mermaidText(type)}<br/>${mermaidText(object?.title ?? id)}`;
        const key = object ? typeStyleKey(object.types) : 'object';
        usedKeys.add(key);
        if (parents.has(id)) {
            lines.push(`${indent}subgraph ${ids.get(id)}["${label}"]`);
            for (const child of children.get(id) ?? []) emit(child, indent + '  ');
            lines.push(`${indent}end`);
        } else {
            lines.push(`${indent}${ids.get(id)}["${label}"]:::t-${key}`);
        }
    };
    for (const id of children.get(undefined) ?? []) emit(id, '  ');
    for (const edge of view.edges) {
        const [source, target] = [ids.get(edge.source), ids.get(edge.target)];
        if (source && target) lines.push(`  ${source} -->|"${mermaidText(edge.label)}"| ${target}`);
    }
    for (const key of [...usedKeys].sort()) {
        const stroke = declared(rules, `.pom-t-${key} rect.pom-box`, 'stroke');
        if (stroke) lines.push(`  classDef t-${key} stroke:${stroke},stroke-width:1.5px`);
    }
    const strokeOf = linkStrokes(rules);
    for (const [index, edge] of view.edges.entries()) {
        const { stroke, dash } = strokeOf(edge.kind);
        if (stroke && ids.has(edge.source) && ids.has(edge.target)) {
            lines.push(`  linkStyle ${index} stroke:${stroke}${dash ? `,stroke-dasharray:${dash.replace(/\s+/g, ' ')}` : ''}`);
        }
    }
    return lines.join('\n') + '\n';
}

function drawioStyle(entries: Record<string, string | number | undefined>): string {
    return (
        Object.entries(entries)
            .filter(([, v]) => v !== undefined && v !== '')
            .map(([k, v]) => `${k}=${v}`)
            .join(';') + ';'
    );
}

/** A draw.io (diagrams.net) file of the laid-out view: boxes where the SVG draws them, edges along the same routes. */
export function viewToDrawio(view: ResolvedView, layout: LaidOutView, rules: CssRule[] = []): string {
    const background = declared(rules, '.pom-bg', 'fill') ?? '#ffffff';
    const nodeFill = declared(rules, '.pom-node rect.pom-box', 'fill') ?? '#ffffff';
    const compoundFill = declared(rules, '.pom-node.pom-compound>rect.pom-box', 'fill') ?? nodeFill;
    const foreground = declared(rules, '.pom-node text', 'fill') ?? '#000000';
    const muted = declared(rules, '.pom-edge text', 'fill') ?? foreground;
    const ids = new Map(layout.nodes.map((node, i) => [node.id, `n${i}`]));
    const typeStrokes = new Map<string, string | undefined>();
    const cells: string[] = [];
    for (const node of layout.nodes) {
        const key = typeStyleKey(node.types);
        if (!typeStrokes.has(key)) typeStrokes.set(key, declared(rules, `.pom-t-${key} rect.pom-box`, 'stroke'));
        const label = node.label.lines.map(line => escapeXml(line.text)).join('<br>');
        const style = drawioStyle({
            rounded: 1,
            arcSize: 6,
            absoluteArcSize: 1,
            whiteSpace: 'wrap',
            html: 1,
            align: 'left',
            verticalAlign: 'top',
            spacingLeft: 8,
            spacingTop: 2,
            fillColor: node.compound ? compoundFill : nodeFill,
            strokeColor: typeStrokes.get(key),
            fontColor: foreground,
            fontFamily: 'IBM Plex Sans',
            container: node.compound ? 1 : undefined,
        });
        cells.push(
            `<UserObject id="${ids.get(node.id)}" label="${escapeXml(label)}" pomId="${escapeXml(node.id)}">` +
                `<mxCell style="${escapeXml(style)}" vertex="1" parent="1">` +
                `<mxGeometry x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" as="geometry"/></mxCell></UserObject>`,
        );
    }
    const strokeOf = linkStrokes(rules);
    for (const [index, edge] of layout.edges.entries()) {
        const { stroke, dash, width } = strokeOf(edge.kind);
        const style = drawioStyle({
            html: 1,
            rounded: 0,
            edgeStyle: 'none',
            endArrow: 'block',
            endFill: 1,
            strokeColor: stroke,
            strokeWidth: width,
            dashed: dash ? 1 : undefined,
            dashPattern: dash?.replace(/,/g, ' '),
            fontColor: muted,
            labelBackgroundColor: background,
        });
        const inner = edge.points
            .slice(1, -1)
            .map(p => `<mxPoint x="${num(p.x)}" y="${num(p.y)}"/>`)
            .join('');
        const [first, last] = [edge.points[0], edge.points[edge.points.length - 1]];
        cells.push(
            `<mxCell id="e${index}" value="${escapeXml(edge.label)}" style="${escapeXml(style)}" edge="1" parent="1" source="${ids.get(edge.source)}" target="${ids.get(edge.target)}">` +
                `<mxGeometry relative="1" as="geometry">${first ? `<mxPoint x="${num(first.x)}" y="${num(first.y)}" as="sourcePoint"/>` : ''}` +
                `${last ? `<mxPoint x="${num(last.x)}" y="${num(last.y)}" as="targetPoint"/>` : ''}${inner ? `<Array as="points">${inner}</Array>` : ''}</mxGeometry></mxCell>`,
        );
    }
    return (
        `<?xml version="1.0" encoding="UTF-8"?>\n<mxfile host="pom">\n<diagram id="${escapeXml(view.id)}" name="${escapeXml(view.title)}">\n` +
        `<mxGraphModel dx="0" dy="0" grid="1" gridSize="10" page="0" pageWidth="${num(layout.width)}" pageHeight="${num(layout.height)}" background="${escapeXml(background)}">\n<root>\n` +
        `<mxCell id="0"/>\n<mxCell id="1" parent="0"/>\n${cells.join('\n')}\n</root>\n</mxGraphModel>\n</diagram>\n</mxfile>\n`
    );
}
