import { type AstNode, type AstNodeDescription, type LangiumDocuments, type IndexManager } from 'langium';
import type { PomServices } from '../pom-module.js';
import { EnumDecl, isTypeDecl, LinkDecl, LinkInverse, PomObject, QueryDecl, RuleDecl, TypeDecl, ViewDecl, type PomFile } from '../generated/langium/ast.js';
import { normalizeReference } from './names.js';
import { compareIds } from '../util/compare.js';
import { PomIndexManager } from '../workspace/pom-index-manager.js';

/** Which id space a reference looks in. Objects and declarations never clash: `bet` can be both. */
export type Namespace = 'object' | 'type' | 'enum' | 'link' | 'view' | 'rule' | 'query';

const namespaceOfType: Record<string, Namespace> = {
    [PomObject.$type]: 'object',
    [TypeDecl.$type]: 'type',
    [EnumDecl.$type]: 'enum',
    [LinkDecl.$type]: 'link',
    [LinkInverse.$type]: 'link',
    [ViewDecl.$type]: 'view',
    [RuleDecl.$type]: 'rule',
    [QueryDecl.$type]: 'query',
};

/** The id space a declaration or object is defined in (undefined for a node that defines no id). */
export function namespaceOfNode(node: AstNode): Namespace | undefined {
    return namespaceOfType[node.$type];
}

type IdMaps = Record<Namespace, Map<string, AstNodeDescription[]>>;

const NAMESPACES: readonly Namespace[] = ['object', 'type', 'enum', 'link', 'view', 'rule', 'query'];

/** Each document's exported symbols, by URI, in the order they are indexed. */
export type ExportsByDocument = ReadonlyMap<string, readonly AstNodeDescription[]>;

/**
 * Hash maps from fully qualified ids to their definitions, made once per workspace change.
 * Several definitions under one id are duplicates: the first (by file, then position) wins, and the
 * duplicate-id check reports the others.
 */
export class PomIndex {
    readonly ids: IdMaps;
    /** Every declared package, and every prefix of one (`acme` for `acme.strategy`). */
    readonly packages = new Set<string>();
    /** Each id defined more than once, with its definitions in the order above: what the editor re-checks after a build. */
    readonly duplicates: Array<{ namespace: Namespace; id: string; definitions: AstNodeDescription[] }> = [];
    /** The namespaces with an id defined more than once: in the others every id is unique, without a look-up. */
    protected readonly namespacesWithDuplicates = new Set<Namespace>();

    /** `ids`, when given, is made by `patched` (definitions of an id already sorted). */
    constructor(descriptions: Iterable<AstNodeDescription>, files: Iterable<PomFile>, ids?: IdMaps) {
        if (ids) {
            this.ids = ids;
        } else {
            this.ids = { object: new Map(), type: new Map(), enum: new Map(), link: new Map(), view: new Map(), rule: new Map(), query: new Map() };
            for (const description of descriptions) {
                const namespace = namespaceOfType[description.type];
                if (!namespace) continue;
                const map = this.ids[namespace];
                const existing = map.get(description.name);
                if (existing) existing.push(description);
                else map.set(description.name, [description]);
            }
        }
        for (const namespace of NAMESPACES) {
            this.ids[namespace].forEach((list, id) => {
                if (list.length < 2) return;
                if (!ids) list.sort(compareDescriptions);
                this.duplicates.push({ namespace, id, definitions: list });
                this.namespacesWithDuplicates.add(namespace);
            });
        }
        for (const file of files) {
            const pkg = normalizeReference(file.package ?? '');
            const parts = pkg.split('.');
            for (let i = 1; i <= parts.length; i++) this.packages.add(parts.slice(0, i).join('.'));
        }
    }

    /**
     * The index of `after` made from `previous`, the index of `before`, by withdrawing the symbols of the documents
     * whose exports changed or went and adding those of the documents whose exports changed or came. It equals
     * `new PomIndex(<after's symbols in order>)`, the order of each map's ids included; where patching could not
     * keep that order (an id a changed document shares with an unchanged one, documents reordered, many changed)
     * it answers undefined, and the index is made from scratch.
     */
    static patched(previous: PomIndex, before: ExportsByDocument, after: ExportsByDocument, files: Iterable<PomFile>): PomIndex | undefined {
        // A full rebuild visits the documents in `after`'s order: the unchanged ones must come first, in their old order.
        const changed: Array<readonly AstNodeDescription[]> = [];
        const unchanged: string[] = [];
        for (const [uri, exports] of after) {
            if (before.get(uri) === exports) {
                if (changed.length > 0) return undefined;
                unchanged.push(uri);
            } else {
                changed.push(exports);
            }
        }
        let position = 0;
        const withdrawn = new Set<AstNodeDescription>();
        for (const [uri, exports] of before) {
            if (after.get(uri) === exports) {
                if (unchanged[position++] !== uri) return undefined;
            } else {
                for (const description of exports) withdrawn.add(description);
            }
        }
        if (changed.length > MAX_PATCHED_DOCUMENTS) return undefined;

        // Everything that can refuse is checked before the maps change: they are taken over from `previous`, whose
        // look-ups then answer as the new index's do. Its `duplicates` (what the editor's refresher compares an
        // older index by) and the definition lists in it are not changed: lists that change are replaced.
        for (const description of withdrawn) {
            const namespace = namespaceOfType[description.type];
            // An id another document still defines keeps its place in the map where a rebuild would move it.
            if (namespace && previous.ids[namespace].get(description.name)?.some(other => !withdrawn.has(other))) return undefined;
        }
        const ids = previous.ids;
        for (const description of withdrawn) {
            const namespace = namespaceOfType[description.type];
            if (namespace) ids[namespace].delete(description.name);
        }
        /** The lists made here, which may be added to in place (the previous index's lists are not changed). */
        const fresh = new Set<AstNodeDescription[]>();
        const grown = new Set<AstNodeDescription[]>();
        for (const exports of changed) {
            for (const description of exports) {
                const namespace = namespaceOfType[description.type];
                if (!namespace) continue;
                const map = ids[namespace];
                const existing = map.get(description.name);
                if (!existing) {
                    const list = [description];
                    map.set(description.name, list);
                    fresh.add(list);
                } else if (fresh.has(existing)) {
                    existing.push(description);
                    grown.add(existing);
                } else {
                    const list = [...existing, description];
                    map.set(description.name, list);
                    fresh.add(list);
                    grown.add(list);
                }
            }
        }
        for (const list of grown) list.sort(compareDescriptions);
        return new PomIndex([], files, ids);
    }

    private typeList?: TypeDecl[];

    /** Every declared type (the winning definition of each id), for what asks about all of them. */
    get types(): readonly TypeDecl[] {
        return (this.typeList ??= [...this.ids.type.values()].map(list => list[0].node).filter((n): n is TypeDecl => !!n && isTypeDecl(n)));
    }

    private linkNameSet?: Set<string>;

    /** The short names of the declared link kinds (`owner` for std.owner), for what names them without a package. */
    get linkNames(): ReadonlySet<string> {
        return (this.linkNameSet ??= new Set([...this.ids.link.keys()].map(id => id.slice(id.lastIndexOf('.') + 1))));
    }

    /** Every object id (and package) that some object id continues with a dot: those with children. Made when first asked. */
    protected objectParents?: Set<string>;

    /** Whether some object's id is `id` followed by a dot and more: only then can a child of `id` be looked up. */
    hasChildObjects(id: string): boolean {
        if (!this.objectParents) {
            const parents = new Set<string>();
            for (const child of this.ids.object.keys()) {
                // Each prefix up to a dot, stopping at one already added (its own prefixes are then in too).
                for (let dot = child.lastIndexOf('.'); dot > 0; dot = child.lastIndexOf('.', dot - 1)) {
                    const parent = child.slice(0, dot);
                    if (parents.has(parent)) break;
                    parents.add(parent);
                }
            }
            this.objectParents = parents;
        }
        return this.objectParents.has(id);
    }

    /** Whether some id of the namespace is defined more than once. */
    hasDuplicates(namespace: Namespace): boolean {
        return this.namespacesWithDuplicates.has(namespace);
    }

    get(namespace: Namespace, id: string): AstNodeDescription | undefined {
        return this.ids[namespace].get(id)?.[0];
    }

    all(namespace: Namespace, id: string): AstNodeDescription[] {
        return this.ids[namespace].get(id) ?? [];
    }
}

/** Beyond this many documents changed at once, making the index from scratch is as quick. */
const MAX_PATCHED_DOCUMENTS = 16;

function* flatten(exports: ExportsByDocument): Iterable<AstNodeDescription> {
    for (const list of exports.values()) yield* list;
}

function compareDescriptions(a: AstNodeDescription, b: AstNodeDescription): number {
    const byUri = compareIds(a.documentUri.toString(), b.documentUri.toString());
    if (byUri !== 0) return byUri;
    return (a.nameSegment?.offset ?? 0) - (b.nameSegment?.offset ?? 0);
}

export class PomIndexProvider {
    /**
     * The index of the current workspace, dropped when a document is added, changed or deleted (when Langium's
     * WorkspaceCache would evict it). A field rather than a WorkspaceCache: linking asks for the index at every
     * reference, and the cache's look-up allocated a new provider closure each time (10 MB at 10k objects).
     */
    protected current?: PomIndex;
    protected readonly indexManager: IndexManager;
    protected readonly documents: LangiumDocuments;

    constructor(services: PomServices) {
        services.shared.workspace.DocumentBuilder.onUpdate(() => {
            this.current = undefined;
        });
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /** The exports the last index was made from, and that index: the next one patches it. */
    protected previous?: { exports: ExportsByDocument; index: PomIndex };

    get index(): PomIndex {
        return (this.current ??= this.make());
    }

    protected make(): PomIndex {
        const files = this.documents.all.map(document => document.parseResult.value as PomFile);
        if (!(this.indexManager instanceof PomIndexManager)) return new PomIndex(this.indexManager.allElements(), files);
        const exports = this.indexManager.exportsByDocument;
        const index = (this.previous && PomIndex.patched(this.previous.index, this.previous.exports, exports, files)) ?? new PomIndex(flatten(exports), files);
        // A copy: Langium's map changes in place.
        this.previous = { exports: new Map(exports), index };
        return index;
    }
}
