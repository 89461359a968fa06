// What an import produces, whatever it reads: teams, groups, people and scopes with their links, written as one
// formatted .pom package in a stable order, so that importing the same sources again writes the same bytes.
import { compareIds, formatDocument } from '../../../language/src/index.js';

export type ImportedType = 'team' | 'group' | 'person' | 'scope';

export interface ImportedLink {
    kind: 'member-of' | 'owns' | 'owner' | 'interacts' | 'nested-in';
    target: string;
    meta?: Record<string, string>;
}

export interface ImportedObject {
    type: ImportedType;
    name: string;
    title?: string;
    /** Field name → value as written in .pom (quoted text, enum member, list). */
    fields: Record<string, string>;
    links: ImportedLink[];
    /** Where it came from, as a comment above it. */
    source: string;
}

/** A name pom accepts, from any catalog name: lower case, runs of other characters as one dash. */
export function pomName(name: string): string {
    const cleaned = name
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '-')
        .replace(/^-+|-+$/g, '');
    return /^[a-z_]/.test(cleaned) ? cleaned : `n-${cleaned || 'unnamed'}`;
}

export function quote(text: string): string {
    return JSON.stringify(text.replace(/\r\n?/g, '\n'));
}

export function textList(values: string[]): string {
    return `[${values.map(quote).join(', ')}]`;
}

const TYPE_ORDER: ImportedType[] = ['group', 'team', 'person', 'scope'];

/** The package as formatted .pom source, with a header saying how it was made (and that it is rewritten). */
export function writePackage(packageName: string, header: string, objects: ImportedObject[]): string {
    const byName = new Map<string, ImportedObject>();
    for (const object of objects) {
        const existing = byName.get(object.name);
        if (!existing) {
            byName.set(object.name, object);
            continue;
        }
        // The same name twice (a team in two files, say): one object, its fields and links merged.
        Object.assign(existing.fields, object.fields);
        existing.links.push(...object.links);
    }
    const lines = [...header.split('\n').map(line => `// ${line}`.trimEnd()), `package ${packageName}`, ''];
    const sorted = [...byName.values()].sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || compareIds(a.name, b.name));
    for (const object of sorted) {
        const links = new Map<string, ImportedLink>();
        for (const link of object.links) {
            if (link.target === object.name || !byName.has(link.target)) continue;
            links.set(`${link.kind} ${link.target}`, link);
        }
        lines.push(`// from ${object.source}`);
        lines.push(`${object.type} ${object.name}${object.title ? ` ${quote(object.title)}` : ''} {`);
        for (const [field, value] of Object.entries(object.fields).sort(([a], [b]) => compareIds(a, b))) lines.push(`  ${field}: ${value}`);
        for (const link of [...links.values()].sort((a, b) => compareIds(a.kind, b.kind) || compareIds(a.target, b.target))) {
            const meta = Object.entries(link.meta ?? {})
                .sort(([a], [b]) => compareIds(a, b))
                .map(([k, v]) => `${k}: ${v}`);
            lines.push(`  ${link.kind} -> ${link.target}${meta.length > 0 ? ` { ${meta.join(', ')} }` : ''}`);
        }
        lines.push('}', '');
    }
    return formatDocument(lines.join('\n'));
}
