// What changed between two graphs of one editor session, object by object: which parts of each object (its
// "aspects": a field, the links of one kind, its children…) and where its source moved. The whole-model checks
// rerun only when an edit changed something they read (checks/index.ts).

import type { FieldValue, GraphObject, InLink, OutLink, PomGraph, SourceLocation } from './model.js';
import { sameItems } from '../util/compare.js';

/**
 * A part of an object a change can touch: `title`, `field:<name>`, `link:<kind>` (its links of the kind, or the
 * targets it inherits for the kind), `backlink:<kind>`, `parent`, `children`, `facts:<name>`, `defaults`, `allow`,
 * `series`, `metrics`. Where the object is written (its location, its links') is no aspect: see `moved`.
 */
export type Aspect = string;

export interface GraphChanges {
    /** The aspects changed on any object. */
    readonly aspects: ReadonlySet<Aspect>;
    /** The new location of each location of the earlier graph whose object changed (what a reused diagnostic points at). */
    readonly moved: ReadonlyMap<SourceLocation, SourceLocation>;
}

/**
 * The changes from `before` to `after`, or undefined when they are not the same objects (an object came, went or
 * changed type) or not the same declarations (types, enums, link kinds): then everything is to be computed again.
 * Objects of an editor's graphs are shared while unchanged, so only the few that are not are compared.
 */
export function graphChanges(before: PomGraph, after: PomGraph): GraphChanges | undefined {
    if (!sameItems(before.types, after.types) || !sameItems(before.enums, after.enums) || !sameItems(before.linkKinds, after.linkKinds)) return undefined;
    const was = before.objects;
    const now = after.objects;
    if (was.length !== now.length) return undefined;
    const aspects = new Set<Aspect>();
    const moved = new Map<SourceLocation, SourceLocation>();
    for (let i = 0; i < now.length; i++) {
        const a = was[i],
            b = now[i];
        if (a === b) continue;
        if (!compareObjects(a, b, aspects, moved)) return undefined;
    }
    return { aspects, moved };
}

/** The keys that make an object the one it was: when one differs, the graphs are not compared object by object. */
const IDENTITY = new Set(['id', 'name', 'package', 'type']);

/** Adds what differs between two versions of an object to `aspects` and `moved`; false if they are not the same object. */
function compareObjects(a: GraphObject, b: GraphObject, aspects: Set<Aspect>, moved: Map<SourceLocation, SourceLocation>): boolean {
    for (const key of IDENTITY) if (a[key as keyof GraphObject] !== b[key as keyof GraphObject]) return false;
    if (!sameItems(a.types, b.types)) return false;
    for (const key of Object.keys(a)) if (!(key in b) && !KNOWN.has(key)) return false;
    for (const key of Object.keys(b)) {
        if (KNOWN.has(key) || IDENTITY.has(key) || key === 'types') continue;
        if (!equalValues((a as unknown as Record<string, unknown>)[key], (b as unknown as Record<string, unknown>)[key])) return false;
    }
    if (a.title !== b.title) aspects.add('title');
    if (a.parent !== b.parent) aspects.add('parent');
    if (!sameItems(a.children, b.children)) aspects.add('children');
    if (!sameItems(a.defaults, b.defaults)) aspects.add('defaults');
    if (!equalValues(a.allow, b.allow)) aspects.add('allow');
    if (!equalValues(a.series, b.series)) aspects.add('series');
    if (!equalValues(a.metrics, b.metrics)) aspects.add('metrics');
    recordDifferences('field:', a.fields, b.fields, aspects);
    recordDifferences('facts:', a.facts ?? {}, b.facts ?? {}, aspects);
    if (a.inherited !== b.inherited && !equalValues(a.inherited, b.inherited)) {
        for (const value of [...a.inherited, ...b.inherited]) {
            if (value.link !== undefined) aspects.add(`link:${value.link}`);
            if (value.field !== undefined) aspects.add(`field:${value.field}`);
        }
    }
    compareLinks('link:', a.links, b.links, sameTarget, aspects, moved);
    compareLinks('backlink:', a.backlinks, b.backlinks, sameSource, aspects, moved);
    if (a.location !== b.location) moved.set(a.location, b.location);
    if (a.allow && b.allow && a.allow.length === b.allow.length) {
        for (let i = 0; i < a.allow.length; i++) if (a.allow[i].location !== b.allow[i].location) moved.set(a.allow[i].location, b.allow[i].location);
    }
    return true;
}

/** The keys compared aspect by aspect (or, for location, remapped). */
const KNOWN = new Set([
    'title',
    'parent',
    'children',
    'defaults',
    'allow',
    'series',
    'metrics',
    'fields',
    'facts',
    'inherited',
    'links',
    'backlinks',
    'location',
]);

function recordDifferences(prefix: string, a: Record<string, FieldValue>, b: Record<string, FieldValue>, aspects: Set<Aspect>): void {
    if (a === b) return;
    for (const key of Object.keys(a)) if (!(key in b) || !equalValues(a[key], b[key])) aspects.add(prefix + key);
    for (const key of Object.keys(b)) if (!(key in a)) aspects.add(prefix + key);
}

/**
 * Compares two link lists kind by kind: a kind whose links (their other end, their metadata) differ is an aspect;
 * the links of each kind are paired in order, and those written elsewhere now are `moved`.
 */
function compareLinks<T extends { kind: string; meta: Record<string, FieldValue>; location: SourceLocation }>(
    prefix: string,
    a: readonly T[],
    b: readonly T[],
    sameEnd: (a: T, b: T) => boolean,
    aspects: Set<Aspect>,
    moved: Map<SourceLocation, SourceLocation>,
): void {
    if (a === b) return;
    if (a.length === b.length && sameKinds(a, b)) {
        // The same kinds in the same order (the usual case): each link is paired with the one at its place.
        for (let i = 0; i < a.length; i++) {
            const before = a[i],
                after = b[i];
            if (before === after) continue;
            if (!sameEnd(before, after) || !equalValues(before.meta, after.meta)) aspects.add(prefix + after.kind);
            if (before.location !== after.location) moved.set(before.location, after.location);
        }
        return;
    }
    const byKind = (links: readonly T[]) => {
        const map = new Map<string, T[]>();
        for (const link of links) {
            const list = map.get(link.kind);
            if (list) list.push(link);
            else map.set(link.kind, [link]);
        }
        return map;
    };
    const was = byKind(a);
    const now = byKind(b);
    for (const [kind, list] of now) {
        const before = was.get(kind) ?? [];
        let same = before.length === list.length;
        for (let i = 0; i < Math.min(before.length, list.length); i++) {
            if (same && (!sameEnd(before[i], list[i]) || !equalValues(before[i].meta, list[i].meta))) same = false;
            if (before[i].location !== list[i].location) moved.set(before[i].location, list[i].location);
        }
        if (!same) aspects.add(prefix + kind);
    }
    for (const kind of was.keys()) if (!now.has(kind)) aspects.add(prefix + kind);
}

const sameTarget = (a: OutLink, b: OutLink) => a.target === b.target;
const sameSource = (a: InLink, b: InLink) => a.source === b.source && a.inverse === b.inverse;

function sameKinds(a: ReadonlyArray<{ kind: string }>, b: ReadonlyArray<{ kind: string }>): boolean {
    for (let i = 0; i < a.length; i++) if (a[i].kind !== b[i].kind) return false;
    return true;
}

/** Deep equality of plain data (JSON values and undefined), key order aside. */
function equalValues(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!equalValues(a[i], b[i])) return false;
        return true;
    }
    if (Array.isArray(b)) return false;
    const ra = a as Record<string, unknown>,
        rb = b as Record<string, unknown>;
    const keys = Object.keys(ra);
    if (keys.length !== Object.keys(rb).length) return false;
    for (const key of keys) if (!(key in rb) || !equalValues(ra[key], rb[key])) return false;
    return true;
}
