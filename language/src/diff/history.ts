// What happened to one object, revision by revision: the GraphDiffs between consecutive revisions, narrowed to
// the object (its fields, links, health and status, what links to it, its diagnostics) and followed through renames.
import type { GraphDiagnostic } from '../graph/model.js';
import type { FieldChange, GraphDiff, LinkChange, Transition } from './diff.js';

/** A revision as git describes it. */
export interface RevisionInfo {
    commit: string;
    short: string;
    /** YYYY-MM-DD. */
    date: string;
    subject: string;
    tags: string[];
}

/** A link from another object to this one that was added, removed or changed. */
export interface BacklinkChange extends LinkChange {
    source: string;
}

export interface HistoryEntry {
    revision: RevisionInfo;
    /** The object's id at this revision. */
    id: string;
    event: 'added' | 'removed' | 'changed';
    renamedFrom?: string;
    movedFrom?: string;
    fields: FieldChange[];
    links: LinkChange[];
    backlinks: BacklinkChange[];
    transitions: Transition[];
    diagnostics: { new: GraphDiagnostic[]; fixed: GraphDiagnostic[] };
}

export interface ObjectHistory {
    /** The id asked about (its id at the newest revision where it exists). */
    id: string;
    /** Newest first. */
    entries: HistoryEntry[];
}

/**
 * The history of object `id`, from diffs between consecutive revisions given oldest first (each diff compares the
 * revision before with `revision`). Walks newest to oldest so that a rename switches to the object's older id.
 */
export function objectHistory(id: string, steps: Array<{ revision: RevisionInfo; diff: GraphDiff }>): ObjectHistory {
    const entries: HistoryEntry[] = [];
    let current = id;
    for (const { revision, diff } of [...steps].reverse()) {
        const about = (d: GraphDiagnostic) => d.object === current;
        const entry: HistoryEntry = {
            revision,
            id: current,
            event: 'changed',
            fields: [],
            links: [],
            backlinks: [],
            transitions: [],
            diagnostics: { new: diff.diagnostics.new.filter(about), fixed: diff.diagnostics.fixed.filter(about) },
        };
        let older = current;
        if (diff.added.some(o => o.id === current)) entry.event = 'added';
        else if (diff.removed.some(o => o.id === current)) entry.event = 'removed';
        const change = diff.changed.find(c => c.id === current);
        if (change) {
            entry.fields = change.fields;
            entry.links = change.links;
            if (change.movedFrom) entry.movedFrom = change.movedFrom;
            if (change.renamedFrom) older = entry.renamedFrom = change.renamedFrom.id;
        }
        entry.transitions = diff.transitions.filter(t => t.id === current);
        for (const other of diff.changed) {
            if (other.id === current) continue;
            for (const link of other.links) if (link.target === current) entry.backlinks.push({ ...link, source: other.id });
        }
        const touched =
            entry.event !== 'changed' ||
            entry.renamedFrom ||
            entry.movedFrom ||
            entry.fields.length +
                entry.links.length +
                entry.backlinks.length +
                entry.transitions.length +
                entry.diagnostics.new.length +
                entry.diagnostics.fixed.length >
                0;
        if (touched) entries.push(entry);
        // Before it was added, the object did not exist under any id: nothing older is about it.
        if (entry.event === 'added') break;
        current = older;
    }
    return { id, entries };
}
