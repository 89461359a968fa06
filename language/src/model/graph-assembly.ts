import type { PomObject } from '../generated/langium/ast.js';
import type { GraphDiagnostic, GraphObject, PomGraph } from '../graph/model.js';
import { GraphIndex } from '../graph/graph-index.js';
import type { PomIndex } from '../references/pom-index.js';
import { attachLink, linkHolds, sortObjectLinks, type BuiltGraph, type DocumentFragment, type FragmentLink, type GraphBuilder } from './graph-builder.js';
import { compareIds } from '../util/compare.js';

interface ObjectEntry {
    object: GraphObject;
    node: PomObject;
    fragment: DocumentFragment;
}
interface LinkEntry {
    link: FragmentLink;
    fragment: DocumentFragment;
    index: number;
}
interface DuplicateLink {
    fragment: DocumentFragment;
    index: number;
    diagnostic: GraphDiagnostic;
}

/**
 * The assembled graph of an editor session, kept between builds and patched for the documents whose
 * fragments changed, instead of joined again from every fragment (GraphBuilder.assemble). The result equals
 * what assemble gives for the same fragments (test/model/graph-assembly.test.ts). Graphs handed out earlier are
 * never modified: an object that changes is copied first.
 */
export class GraphAssembly {
    protected fragments: readonly DocumentFragment[] = [];
    /** The graph's objects (canonical definitions only), with links, backlinks, children and inherited context. */
    protected readonly objects = new Map<string, GraphObject>();
    protected readonly nodes = new Map<string, PomObject>();
    /** The fragment's object each graph object was copied from (its own, not inherited, context). */
    protected readonly bases = new Map<string, GraphObject>();
    /** Every definition of each id, in every fragment (duplicates included). */
    protected readonly definitions = new Map<string, ObjectEntry[]>();
    protected readonly linksBySource = new Map<string, LinkEntry[]>();
    protected readonly linksByTarget = new Map<string, LinkEntry[]>();
    /** The objects holding a backlink from each source. */
    protected readonly backlinked = new Map<string, string[]>();
    protected readonly duplicates = new Map<string, DuplicateLink[]>();
    protected readonly childIds = new Map<string, Set<string>>();
    protected ordered: GraphObject[] = [];
    /** Each object's place in `ordered`. */
    protected positions = new Map<string, number>();
    /** The graph the last update made. */
    protected graph?: PomGraph;
    /** Which link kinds are inherited: when that changes, every object's context may change, so all is rebuilt. */
    protected inheritedKinds: string | undefined;

    constructor(protected readonly builder: GraphBuilder) {}

    update(fragments: readonly DocumentFragment[], index: PomIndex): BuiltGraph {
        const declarations = this.builder.declarations(fragments, index);
        const inheritedKinds = declarations.linkKinds
            .filter(kind => kind.inherited)
            .map(kind => kind.id)
            .join(' ');
        if (inheritedKinds !== this.inheritedKinds) this.reset();
        this.inheritedKinds = inheritedKinds;

        const current = new Set(fragments);
        const previous = new Set(this.fragments);
        const removed = new Set(this.fragments.filter(fragment => !current.has(fragment)));
        const added = fragments.filter(fragment => !previous.has(fragment));
        const rank = new Map(fragments.map((fragment, i) => [fragment, i]));
        this.fragments = fragments;

        // 1. The definitions and links the changed documents withdraw and add.
        const ids = new Set<string>();
        const sources = new Set<string>();
        const withdraw = <T extends { fragment: DocumentFragment }>(map: Map<string, T[]>, key: string) => {
            const left = map.get(key)?.filter(entry => !removed.has(entry.fragment)) ?? [];
            if (left.length > 0) map.set(key, left);
            else map.delete(key);
        };
        for (const fragment of removed) {
            for (const { object } of fragment.objects) {
                ids.add(object.id);
                withdraw(this.definitions, object.id);
            }
            for (const link of fragment.links) {
                sources.add(link.source);
                withdraw(this.linksBySource, link.source);
                withdraw(this.linksByTarget, link.target);
            }
        }
        for (const fragment of added) {
            for (const { object, node } of fragment.objects) {
                ids.add(object.id);
                push(this.definitions, object.id, { object, node, fragment });
            }
            fragment.links.forEach((link, i) => {
                sources.add(link.source);
                push(this.linksBySource, link.source, { link, fragment, index: i });
                push(this.linksByTarget, link.target, { link, fragment, index: i });
            });
        }

        // 2. The canonical object of each id those documents define (the index decides, as in assemble).
        const touched = new Set<string>();
        const mutable = (id: string): GraphObject => {
            let object = this.objects.get(id)!;
            if (!touched.has(id)) {
                object = {
                    ...object,
                    links: [...object.links],
                    backlinks: [...object.backlinks],
                    children: [...object.children],
                    inherited: [...object.inherited],
                };
                this.objects.set(id, object);
                touched.add(id);
            }
            return object;
        };
        const replaced = new Set<string>();
        const parents = new Set<string>();
        /** Whether an id came or went: then the objects are sorted again (step 5). */
        let idsChanged = this.ordered.length !== this.objects.size;
        for (const id of ids) {
            const node = index.get('object', id)?.node;
            const winner = this.definitions.get(id)?.find(entry => entry.node === node);
            const base = this.bases.get(id);
            if (base === winner?.object) continue;
            replaced.add(id);
            if ((base === undefined) !== (winner === undefined)) idsChanged = true;
            if (base) {
                this.objects.delete(id);
                this.nodes.delete(id);
                this.bases.delete(id);
                if (base.parent) {
                    this.childIds.get(base.parent)?.delete(id);
                    parents.add(base.parent);
                }
            }
            if (winner) {
                const { object } = winner;
                this.objects.set(id, { ...object, inherited: [...object.inherited], links: [], backlinks: [], children: [] });
                touched.add(id);
                this.nodes.set(id, winner.node);
                this.bases.set(id, object);
                if (object.parent) {
                    let children = this.childIds.get(object.parent);
                    if (!children) this.childIds.set(object.parent, (children = new Set()));
                    children.add(id);
                    parents.add(object.parent);
                }
            }
        }
        for (const id of [...parents, ...replaced]) {
            if (this.objects.has(id)) mutable(id).children = [...(this.childIds.get(id) ?? [])];
        }

        // 3. Links again from every source whose links, or whose links' other ends, changed.
        for (const id of replaced) {
            sources.add(id);
            for (const entry of this.linksByTarget.get(id) ?? []) sources.add(entry.link.source);
        }
        for (const id of sources) {
            for (const target of this.backlinked.get(id) ?? []) {
                if (this.objects.has(target)) {
                    const object = mutable(target);
                    object.backlinks = object.backlinks.filter(link => link.source !== id);
                }
            }
            this.backlinked.delete(id);
            this.duplicates.delete(id);
            if (!this.objects.has(id)) continue;
            const source = mutable(id);
            source.links = [];
            const entries = [...(this.linksBySource.get(id) ?? [])].sort((a, b) => rank.get(a.fragment)! - rank.get(b.fragment)! || a.index - b.index);
            const targets: string[] = [];
            const duplicates: DuplicateLink[] = [];
            for (const entry of entries) {
                const { link } = entry;
                if (!this.objects.has(link.target) || !linkHolds(link, this.objects, this.nodes)) continue;
                const duplicate = attachLink(link, source, mutable(link.target));
                if (duplicate) duplicates.push({ fragment: entry.fragment, index: entry.index, diagnostic: duplicate });
                else targets.push(link.target);
            }
            if (targets.length > 0) this.backlinked.set(id, targets);
            if (duplicates.length > 0) this.duplicates.set(id, duplicates);
        }

        // 4. Inherited context flows down from every object whose links changed, to all its descendants.
        const inheriting = new Set<string>();
        const descend = (id: string) => {
            if (inheriting.has(id) || !this.objects.has(id)) return;
            inheriting.add(id);
            for (const child of this.childIds.get(id) ?? []) descend(child);
        };
        for (const id of sources) descend(id);
        for (const id of [...inheriting].sort(compareIds)) {
            const object = mutable(id);
            object.inherited = [...this.bases.get(id)!.inherited];
            this.builder.inherit(object, this.objects, declarations.linkKinds);
        }
        for (const id of touched) if (this.objects.has(id)) sortObjectLinks(this.objects.get(id)!);

        // 5. The objects in id order: the old order with the changed objects replaced, unless objects came or went.
        if (idsChanged) {
            this.ordered = [...this.objects.values()].sort((a, b) => compareIds(a.id, b.id));
            this.positions = new Map(this.ordered.map((object, i) => [object.id, i]));
        } else {
            this.ordered = this.ordered.slice();
            for (const id of touched) this.ordered[this.positions.get(id)!] = this.objects.get(id)!;
        }
        const duplicates = [...this.duplicates.values()]
            .flat()
            .sort((a, b) => rank.get(a.fragment)! - rank.get(b.fragment)! || a.index - b.index)
            .map(entry => entry.diagnostic);
        const built = this.builder.finish(fragments, declarations, this.ordered, [...declarations.diagnostics, ...duplicates]);
        // Most edits add or remove no object: the new graph's index then shares the previous graph's look-up maps.
        if (this.graph) GraphIndex.succeed(built.graph, this.graph);
        this.graph = built.graph;
        return built;
    }

    protected reset(): void {
        this.fragments = [];
        for (const map of [
            this.objects,
            this.nodes,
            this.bases,
            this.definitions,
            this.linksBySource,
            this.linksByTarget,
            this.backlinked,
            this.duplicates,
            this.childIds,
        ]) {
            map.clear();
        }
        this.ordered = [];
        this.positions.clear();
        this.graph = undefined;
    }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}
