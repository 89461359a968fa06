// The whole graph for spreadsheets (CSV: one table of objects, one of links) and graph tools (GraphML).
import type { FieldValue, PomGraph } from '../../graph/model.js';
import { escapeXml } from '../svg/svg-renderer.js';
import { compareIds } from '../../util/compare.js';

function cellText(value: FieldValue | undefined): string {
    if (value === undefined) return '';
    return Array.isArray(value) ? value.map(cellText).join('; ') : String(value);
}

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is quoted against formula injection. */
function csvCell(text: string): string {
    const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(guarded) || guarded !== text ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function csv(rows: string[][]): string {
    return rows.map(row => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const sorted = (values: Iterable<string>) => [...values].sort(compareIds);

/** Objects: id, type, title, parent, file, line, then every field any object has, in name order. */
export function objectsCsv(graph: PomGraph): string {
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const fields = sorted(new Set(graph.objects.flatMap(o => Object.keys(o.fields))));
    const rows = [['id', 'type', 'title', 'parent', 'file', 'line', ...fields]];
    for (const o of graph.objects) {
        rows.push([
            o.id,
            types.get(o.type) ?? o.type,
            o.title ?? '',
            o.parent ?? '',
            o.location.file,
            String(o.location.line),
            ...fields.map(f => cellText(o.fields[f])),
        ]);
    }
    return csv(rows);
}

/** Links: source, kind, target, then every metadata field any link has, in name order. */
export function linksCsv(graph: PomGraph): string {
    const kinds = new Map(graph.linkKinds.map(k => [k.id, k.name]));
    const links = graph.objects.flatMap(o => o.links.map(link => ({ source: o.id, ...link })));
    const meta = sorted(new Set(links.flatMap(l => Object.keys(l.meta))));
    const rows = [['source', 'kind', 'target', 'file', 'line', ...meta]];
    for (const l of links)
        rows.push([l.source, kinds.get(l.kind) ?? l.kind, l.target, l.location.file, String(l.location.line), ...meta.map(m => cellText(l.meta[m]))]);
    return csv(rows);
}

/** GraphML: objects as nodes and links as directed edges, each with its values as data keys (all strings). */
export function graphml(graph: PomGraph): string {
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const kinds = new Map(graph.linkKinds.map(k => [k.id, k.name]));
    const nodeKeys = ['type', 'title', 'parent', 'file', 'line', ...sorted(new Set(graph.objects.flatMap(o => Object.keys(o.fields))))];
    const links = graph.objects.flatMap(o => o.links.map(link => ({ source: o.id, ...link })));
    const edgeKeys = ['kind', ...sorted(new Set(links.flatMap(l => Object.keys(l.meta))))];
    const keyId = (scope: string, name: string) => `${scope}_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const data = (scope: string, values: Record<string, string>) =>
        Object.entries(values)
            .filter(([, v]) => v !== '')
            .map(([k, v]) => `<data key="${keyId(scope, k)}">${escapeXml(v)}</data>`)
            .join('');
    const out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
        ...nodeKeys.map(k => `<key id="${keyId('n', k)}" for="node" attr.name="${escapeXml(k)}" attr.type="string"/>`),
        ...edgeKeys.map(k => `<key id="${keyId('e', k)}" for="edge" attr.name="${escapeXml(k)}" attr.type="string"/>`),
        '<graph id="pom" edgedefault="directed">',
    ];
    for (const o of graph.objects) {
        const values: Record<string, string> = {
            type: types.get(o.type) ?? o.type,
            title: o.title ?? '',
            parent: o.parent ?? '',
            file: o.location.file,
            line: String(o.location.line),
        };
        for (const [k, v] of Object.entries(o.fields)) values[k] = cellText(v);
        out.push(`<node id="${escapeXml(o.id)}">${data('n', values)}</node>`);
    }
    for (const [i, l] of links.entries()) {
        const values: Record<string, string> = { kind: kinds.get(l.kind) ?? l.kind };
        for (const [k, v] of Object.entries(l.meta)) values[k] = cellText(v);
        out.push(`<edge id="e${i}" source="${escapeXml(l.source)}" target="${escapeXml(l.target)}">${data('e', values)}</edge>`);
    }
    out.push('</graph>', '</graphml>');
    return out.join('\n') + '\n';
}
