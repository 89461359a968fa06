// What changed in the model between two graphs: objects added, removed, renamed and moved; fields and links
// changed; health and status transitions; diagnostics new and fixed. Plain data in and out, deterministic.
import type { FieldValue, GraphDiagnostic, GraphObject, PomGraph } from '../graph/model.js';
import { compareIds } from '../util/compare.js';

export const DIFF_FORMAT = 'pom-diff';
export const DIFF_VERSION = 1;

export interface ObjectSummary {
    id: string;
    type: string;
    title?: string;
    file: string;
}

/** How a removed and an added object were recognised as one renamed object. */
export type RenameHeuristic = 'same-file-and-title' | 'same-content';

export interface FieldChange {
    field: string;
    /** Absent when the field was not set before. */
    before?: FieldValue;
    /** Absent when the field is not set any more. */
    after?: FieldValue;
}

export interface LinkChange {
    /** The link kind's id. */
    kind: string;
    target: string;
    change: 'added' | 'removed' | 'changed';
    before?: Record<string, FieldValue>;
    after?: Record<string, FieldValue>;
}

export interface ObjectChange extends ObjectSummary {
    renamedFrom?: { id: string; heuristic: RenameHeuristic };
    /** The file the object was defined in before, when it moved to another file. */
    movedFrom?: string;
    fields: FieldChange[];
    links: LinkChange[];
}

/** A change of a declared `health` or `status`, or of the status the object's metric data says. */
export interface Transition {
    id: string;
    /** `health`, `status`, or `data` (the status derived from a metric's data; see docs/metrics.md). */
    field: 'health' | 'status' | 'data';
    metric?: string;
    before?: string;
    after?: string;
}

export interface GraphDiff {
    format: typeof DIFF_FORMAT;
    version: typeof DIFF_VERSION;
    /** What the two sides are, such as a git revision, a folder or "working tree". */
    from: string;
    to: string;
    added: ObjectSummary[];
    removed: ObjectSummary[];
    /** Objects present on both sides (renamed ones included) that differ, in id order. */
    changed: ObjectChange[];
    transitions: Transition[];
    diagnostics: { new: GraphDiagnostic[]; fixed: GraphDiagnostic[] };
}

const TRANSITION_FIELDS = ['health', 'status'] as const;

const json = (value: unknown) => JSON.stringify(value);
const byId = <T extends { id: string }>(a: T, b: T) => compareIds(a.id, b.id);

function summary(object: GraphObject): ObjectSummary {
    const result: ObjectSummary = { id: object.id, type: object.type, file: object.location.file };
    if (object.title !== undefined) result.title = object.title;
    return result;
}

/** Fields set on the object itself or defaulted: inherited values are reported at the container they come from. */
function ownFields(object: GraphObject): Record<string, FieldValue> {
    const inherited = new Set(object.inherited.map(value => value.field).filter(Boolean));
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(object.fields)) if (!inherited.has(name)) fields[name] = value;
    return fields;
}

/** Out-links keyed by kind and target, with targets renamed to their new ids. */
function linkMap(object: GraphObject, renames: Map<string, string>): Map<string, { kind: string; target: string; meta: Record<string, FieldValue> }> {
    const links = new Map<string, { kind: string; target: string; meta: Record<string, FieldValue> }>();
    for (const link of object.links) {
        const target = renames.get(link.target) ?? link.target;
        links.set(`${link.kind}\u0000${target}`, { kind: link.kind, target, meta: link.meta });
    }
    return links;
}

function contentKey(object: GraphObject, renames: Map<string, string>): string {
    const links = [...linkMap(object, renames).entries()].sort(([a], [b]) => compareIds(a, b)).map(([, link]) => link);
    const fields = Object.entries(ownFields(object)).sort(([a], [b]) => compareIds(a, b));
    return json([object.type, fields, links]);
}

/** Pairs removed and added objects that are one object under a new id; see RenameHeuristic. */
function findRenames(removed: GraphObject[], added: GraphObject[]): Map<string, { to: GraphObject; heuristic: RenameHeuristic }> {
    const renames = new Map<string, { to: GraphObject; heuristic: RenameHeuristic }>();
    const taken = new Set<string>();
    const pair = (key: (object: GraphObject) => string | undefined, heuristic: RenameHeuristic) => {
        const candidates = new Map<string, GraphObject[]>();
        for (const object of added) {
            const k = taken.has(object.id) ? undefined : key(object);
            if (k !== undefined) candidates.set(k, [...(candidates.get(k) ?? []), object]);
        }
        const sources = new Map<string, GraphObject[]>();
        for (const object of removed) {
            const k = renames.has(object.id) ? undefined : key(object);
            if (k !== undefined) sources.set(k, [...(sources.get(k) ?? []), object]);
        }
        // Only unambiguous pairs: one removed and one added object share the key.
        for (const [k, [from, ...others]] of sources) {
            const targets = candidates.get(k);
            if (others.length > 0 || !targets || targets.length !== 1) continue;
            renames.set(from.id, { to: targets[0], heuristic });
            taken.add(targets[0].id);
        }
    };
    pair(object => (object.title ? json([object.type, object.location.file, object.title]) : undefined), 'same-file-and-title');
    const none = new Map<string, string>();
    pair(object => (Object.keys(ownFields(object)).length + object.links.length > 0 ? contentKey(object, none) : undefined), 'same-content');
    return renames;
}

function fieldChanges(before: GraphObject, after: GraphObject): FieldChange[] {
    const a = ownFields(before),
        b = ownFields(after);
    const changes: FieldChange[] = [];
    for (const field of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        if (json(a[field]) === json(b[field])) continue;
        const change: FieldChange = { field };
        if (a[field] !== undefined) change.before = a[field];
        if (b[field] !== undefined) change.after = b[field];
        changes.push(change);
    }
    return changes;
}

function linkChanges(before: GraphObject, after: GraphObject, renames: Map<string, string>): LinkChange[] {
    const a = linkMap(before, renames),
        b = linkMap(after, renames);
    const changes: LinkChange[] = [];
    for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
        const x = a.get(key),
            y = b.get(key);
        if (x && y) {
            if (json(sortedMeta(x.meta)) !== json(sortedMeta(y.meta)))
                changes.push({ kind: x.kind, target: x.target, change: 'changed', before: x.meta, after: y.meta });
        } else if (y) {
            changes.push({ kind: y.kind, target: y.target, change: 'added', after: y.meta });
        } else if (x) {
            changes.push({ kind: x.kind, target: x.target, change: 'removed', before: x.meta });
        }
    }
    return changes;
}

function sortedMeta(meta: Record<string, FieldValue>): Array<[string, FieldValue]> {
    return Object.entries(meta).sort(([a], [b]) => compareIds(a, b));
}

function dataStatuses(object: GraphObject | undefined): Map<string, string | undefined> {
    return new Map((object?.metrics ?? []).map(reading => [reading.metric, reading.status]));
}

function transitions(id: string, before: GraphObject | undefined, after: GraphObject | undefined): Transition[] {
    const result: Transition[] = [];
    for (const field of TRANSITION_FIELDS) {
        const x = before?.fields[field],
            y = after?.fields[field];
        if (x === y || (typeof x !== 'string' && x !== undefined) || (typeof y !== 'string' && y !== undefined)) continue;
        const transition: Transition = { id, field };
        if (x !== undefined) transition.before = x;
        if (y !== undefined) transition.after = y;
        result.push(transition);
    }
    const x = dataStatuses(before),
        y = dataStatuses(after);
    for (const metric of [...new Set([...x.keys(), ...y.keys()])].sort()) {
        if (x.get(metric) === y.get(metric)) continue;
        const transition: Transition = { id, field: 'data', metric };
        if (x.get(metric)) transition.before = x.get(metric);
        if (y.get(metric)) transition.after = y.get(metric);
        result.push(transition);
    }
    return result;
}

/**
 * Diagnostics compared without their line and column (an edit above a problem moves it without changing it),
 * and with a renamed object's old id read as its new one (its problems are not new because its name is).
 */
function diagnosticKey(d: GraphDiagnostic, renames: Map<string, string>): string {
    const renamed = d.object === undefined ? undefined : renames.get(d.object);
    const message = renamed ? d.message.split(`'${d.object}'`).join(`'${renamed}'`) : d.message;
    return json([d.severity, d.code, d.location.file, renamed ?? d.object ?? '', message]);
}

function diagnosticChanges(before: GraphDiagnostic[], after: GraphDiagnostic[], renames: Map<string, string>): GraphDiff['diagnostics'] {
    const count = (list: GraphDiagnostic[]) => {
        const counts = new Map<string, number>();
        for (const d of list) counts.set(diagnosticKey(d, renames), (counts.get(diagnosticKey(d, renames)) ?? 0) + 1);
        return counts;
    };
    const unmatched = (list: GraphDiagnostic[], other: Map<string, number>) =>
        list.filter(d => {
            const key = diagnosticKey(d, renames),
                left = other.get(key) ?? 0;
            if (left > 0) {
                other.set(key, left - 1);
                return false;
            }
            return true;
        });
    return { new: unmatched(after, count(before)), fixed: unmatched(before, count(after)) };
}

/** Compares graph `a` (before) with graph `b` (after). `from` and `to` name the two sides in the result. */
export function diffGraphs(a: PomGraph, b: PomGraph, labels: { from?: string; to?: string } = {}): GraphDiff {
    const before = new Map(a.objects.map(o => [o.id, o]));
    const after = new Map(b.objects.map(o => [o.id, o]));
    const removedObjects = a.objects.filter(o => !after.has(o.id)).sort(byId);
    const addedObjects = b.objects.filter(o => !before.has(o.id)).sort(byId);
    const renamePairs = findRenames(removedObjects, addedObjects);
    const renames = new Map([...renamePairs].map(([from, { to }]) => [from, to.id]));
    const renamedTo = new Map([...renamePairs].map(([from, { to, heuristic }]) => [to.id, { id: from, heuristic }]));

    const changed: ObjectChange[] = [];
    const allTransitions: Transition[] = [];
    for (const object of [...b.objects].sort(byId)) {
        const renamedFrom = renamedTo.get(object.id);
        const old = renamedFrom ? before.get(renamedFrom.id) : before.get(object.id);
        if (!old) continue;
        const change: ObjectChange = { ...summary(object), fields: fieldChanges(old, object), links: linkChanges(old, object, renames) };
        if (renamedFrom) change.renamedFrom = renamedFrom;
        if (old.location.file !== object.location.file) change.movedFrom = old.location.file;
        if (change.renamedFrom || change.movedFrom || change.fields.length > 0 || change.links.length > 0) changed.push(change);
        allTransitions.push(...transitions(object.id, old, object));
    }
    return {
        format: DIFF_FORMAT,
        version: DIFF_VERSION,
        from: labels.from ?? 'before',
        to: labels.to ?? 'after',
        added: addedObjects.filter(o => !renamedTo.has(o.id)).map(summary),
        removed: removedObjects.filter(o => !renames.has(o.id)).map(summary),
        changed,
        transitions: allTransitions,
        diagnostics: diagnosticChanges(a.diagnostics, b.diagnostics, renames),
    };
}

/** True when the two sides show no difference at all. */
export function isEmptyDiff(diff: GraphDiff): boolean {
    return (
        diff.added.length +
            diff.removed.length +
            diff.changed.length +
            diff.transitions.length +
            diff.diagnostics.new.length +
            diff.diagnostics.fixed.length ===
        0
    );
}
