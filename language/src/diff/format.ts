// A GraphDiff as text for a terminal, and as Markdown to post as a pull-request comment.
import type { FieldValue, GraphDiagnostic } from '../graph/model.js';
import type { GraphDiff, LinkChange, ObjectChange, ObjectSummary, Transition } from './diff.js';
import { isEmptyDiff } from './diff.js';
import type { ObjectHistory } from './history.js';
import { compareIds } from '../util/compare.js';

const MAX_VALUE = 60;

/** A value as written in a .pom file, cut short when long (documentation, say). */
export function showValue(value: FieldValue | undefined): string {
    if (value === undefined) return '(unset)';
    const text = Array.isArray(value) ? `[${value.map(v => showValue(v)).join(', ')}]` : typeof value === 'string' ? JSON.stringify(value) : String(value);
    const oneLine = text.replace(/\\n/g, ' ');
    return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE - 1)}…${oneLine.startsWith('"') ? '"' : ''}` : oneLine;
}

/** Link kind ids without the std. prefix, as they are written in .pom files. */
const kindName = (kind: string) => (kind.startsWith('std.') ? kind.slice(4) : kind);
const typeName = kindName;

function meta(values: Record<string, FieldValue> | undefined): string {
    const entries = Object.entries(values ?? {}).sort(([a], [b]) => compareIds(a, b));
    return entries.length === 0 ? '' : ` { ${entries.map(([k, v]) => `${k}: ${showValue(v)}`).join(', ')} }`;
}

function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function diffSummary(diff: GraphDiff): string {
    if (isEmptyDiff(diff)) return 'no changes';
    const renamed = diff.changed.filter(c => c.renamedFrom).length;
    const parts = [`${diff.added.length} added`, `${diff.removed.length} removed`, `${renamed} renamed`, `${diff.changed.length - renamed} changed`];
    return (
        `${parts.join(', ')}; ${plural(diff.transitions.length, 'transition')}; ` +
        `${plural(diff.diagnostics.new.length, 'new diagnostic')}, ${diff.diagnostics.fixed.length} fixed`
    );
}

function titled(object: ObjectSummary): string {
    return `${typeName(object.type)} ${object.id}${object.title ? ` "${object.title}"` : ''}`;
}

function transitionText(t: Transition): string {
    const what = t.field === 'data' ? `data of ${t.metric}` : t.field;
    return `${what}: ${t.before ?? '(none)'} → ${t.after ?? '(none)'}`;
}

function linkText(link: LinkChange): string {
    if (link.change === 'changed') return `${kindName(link.kind)} -> ${link.target}:${meta(link.before)} →${meta(link.after)}`;
    return `${kindName(link.kind)} -> ${link.target}${meta(link.change === 'added' ? link.after : link.before)}`;
}

function changeLines(change: ObjectChange): string[] {
    const lines: string[] = [];
    if (change.renamedFrom) lines.push(`renamed from ${change.renamedFrom.id} (${change.renamedFrom.heuristic.replace(/-/g, ' ')})`);
    if (change.movedFrom) lines.push(`moved from ${change.movedFrom} to ${change.file}`);
    for (const field of change.fields) lines.push(`${field.field}: ${showValue(field.before)} → ${showValue(field.after)}`);
    for (const link of change.links) lines.push(`${link.change === 'added' ? '+' : link.change === 'removed' ? '-' : '~'} ${linkText(link)}`);
    return lines;
}

function diagnosticText(d: GraphDiagnostic): string {
    return `${d.location.file}:${d.location.line}:${d.location.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

export function formatDiffText(diff: GraphDiff): string {
    const out = [`pom diff ${diff.from} → ${diff.to}: ${diffSummary(diff)}`];
    for (const object of diff.added) out.push(`+ ${titled(object)} (${object.file})`);
    for (const object of diff.removed) out.push(`- ${titled(object)} (${object.file})`);
    for (const change of diff.changed) {
        out.push(`~ ${titled(change)}`);
        for (const line of changeLines(change)) out.push(`    ${line}`);
    }
    if (diff.transitions.length > 0) {
        out.push('Transitions:');
        for (const t of diff.transitions) out.push(`  ${t.id}: ${transitionText(t)}`);
    }
    if (diff.diagnostics.new.length + diff.diagnostics.fixed.length > 0) {
        out.push('Diagnostics:');
        for (const d of diff.diagnostics.new) out.push(`  new   ${diagnosticText(d)}`);
        for (const d of diff.diagnostics.fixed) out.push(`  fixed ${diagnosticText(d)}`);
    }
    return out.join('\n') + '\n';
}

/** Text inside Markdown: characters that would start markup or break a table are escaped. */
function md(text: string): string {
    return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function code(text: string): string {
    const fence = text.includes('`') ? '``' : '`';
    return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function mdObject(object: ObjectSummary): string {
    return `${code(object.id)}${object.title ? ` ${md(object.title)}` : ''} (${typeName(object.type)}, ${code(object.file)})`;
}

export function formatDiffMarkdown(diff: GraphDiff): string {
    const out = [`### pom: model changes from ${code(diff.from)} to ${code(diff.to)}`, '', `**${md(diffSummary(diff))}**`];
    if (diff.transitions.length > 0) {
        out.push('', '#### Health and status', '', '| object | what | before | after |', '| --- | --- | --- | --- |');
        for (const t of diff.transitions) {
            out.push(`| ${code(t.id)} | ${t.field === 'data' ? `data of ${code(t.metric!)}` : t.field} | ${t.before ?? '–'} | ${t.after ?? '–'} |`);
        }
    }
    if (diff.added.length > 0) {
        out.push('', `#### Added (${diff.added.length})`, '');
        for (const object of diff.added) out.push(`- ${mdObject(object)}`);
    }
    if (diff.removed.length > 0) {
        out.push('', `#### Removed (${diff.removed.length})`, '');
        for (const object of diff.removed) out.push(`- ${mdObject(object)}`);
    }
    if (diff.changed.length > 0) {
        out.push('', `#### Changed (${diff.changed.length})`, '');
        for (const change of diff.changed) {
            out.push(`- ${mdObject(change)}`);
            for (const line of changeLines(change)) out.push(`  - ${code(line)}`);
        }
    }
    const { new: added, fixed } = diff.diagnostics;
    if (added.length + fixed.length > 0) {
        out.push('', '#### Diagnostics', '');
        for (const d of added) out.push(`- :x: new ${d.severity} ${code(d.code)} at ${code(`${d.location.file}:${d.location.line}`)}: ${md(d.message)}`);
        for (const d of fixed) out.push(`- :white_check_mark: fixed ${d.severity} ${code(d.code)}: ${md(d.message)}`);
    }
    return out.join('\n') + '\n';
}

/** One object's history (newest first) as text: a heading per revision, then what changed in it. */
export function formatHistoryText(history: ObjectHistory): string {
    if (history.entries.length === 0) return `pom history ${history.id}: no changes in the revisions read\n`;
    const out = [`pom history ${history.id}: ${plural(history.entries.length, 'revision')} changed it`];
    for (const entry of history.entries) {
        const { short, date, subject, tags } = entry.revision;
        out.push('', `${short} ${date}${tags.length > 0 ? ` (${tags.join(', ')})` : ''} ${subject}`);
        if (entry.event !== 'changed') out.push(`    ${entry.event} as ${entry.id}`);
        if (entry.renamedFrom) out.push(`    renamed from ${entry.renamedFrom}`);
        if (entry.movedFrom) out.push(`    moved from ${entry.movedFrom}`);
        for (const field of entry.fields) out.push(`    ${field.field}: ${showValue(field.before)} → ${showValue(field.after)}`);
        for (const link of entry.links) out.push(`    ${link.change === 'added' ? '+' : link.change === 'removed' ? '-' : '~'} ${linkText(link)}`);
        for (const link of entry.backlinks) {
            const sign = link.change === 'added' ? '+' : link.change === 'removed' ? '-' : '~';
            const values = link.change === 'changed' ? `:${meta(link.before)} →${meta(link.after)}` : meta(link.change === 'added' ? link.after : link.before);
            out.push(`    ${sign} from ${link.source} ${kindName(link.kind)} -> ${entry.id}${values}`);
        }
        for (const t of entry.transitions) out.push(`    ${transitionText(t)}`);
        for (const d of entry.diagnostics.new) out.push(`    new   ${diagnosticText(d)}`);
        for (const d of entry.diagnostics.fixed) out.push(`    fixed ${diagnosticText(d)}`);
    }
    return out.join('\n') + '\n';
}
