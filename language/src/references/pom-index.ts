import { WorkspaceCache, type AstNode, type AstNodeDescription, type LangiumDocuments, type IndexManager } from 'langium';
import type { PomServices } from '../pom-module.js';
import { EnumDecl, isTypeDecl, LinkDecl, LinkInverse, PomObject, QueryDecl, RuleDecl, TypeDecl, ViewDecl, type PomFile } from '../generated/langium/ast.js';
import { normalizeReference } from './names.js';
import { compareIds } from '../util/compare.js';

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

/**
 * Hash maps from fully qualified ids to their definitions, rebuilt once per workspace change.
 * Several definitions under one id are duplicates: the first (by file, then position) wins, and the
 * duplicate-id check reports the others.
 */
export class PomIndex {
    readonly ids: Record<Namespace, Map<string, AstNodeDescription[]>> = {
        object: new Map(), type: new Map(), enum: new Map(), link: new Map(), view: new Map(), rule: new Map(), query: new Map()
    };
    /** Every declared package, and every prefix of one (`acme` for `acme.strategy`). */
    readonly packages = new Set<string>();
    /** Each id defined more than once, with its definitions in the order above: what the editor re-checks after a build. */
    readonly duplicates: Array<{ namespace: Namespace; id: string; definitions: AstNodeDescription[] }> = [];

    constructor(descriptions: Iterable<AstNodeDescription>, files: Iterable<PomFile>) {
        for (const description of descriptions) {
            const namespace = namespaceOfType[description.type];
            if (!namespace) continue;
            const map = this.ids[namespace];
            const existing = map.get(description.name);
            if (existing) existing.push(description); else map.set(description.name, [description]);
        }
        for (const [namespace, map] of Object.entries(this.ids) as Array<[Namespace, Map<string, AstNodeDescription[]>]>) {
            for (const [id, list] of map) {
                if (list.length < 2) continue;
                list.sort(compareDescriptions);
                this.duplicates.push({ namespace, id, definitions: list });
            }
        }
        for (const file of files) {
            const pkg = normalizeReference(file.package ?? '');
            const parts = pkg.split('.');
            for (let i = 1; i <= parts.length; i++) this.packages.add(parts.slice(0, i).join('.'));
        }
    }

    private typeList?: TypeDecl[];

    /** Every declared type (the winning definition of each id), for what asks about all of them. */
    get types(): readonly TypeDecl[] {
        return this.typeList ??= [...this.ids.type.values()].map(list => list[0].node).filter((n): n is TypeDecl => !!n && isTypeDecl(n));
    }

    private linkNameSet?: Set<string>;

    /** The short names of the declared link kinds (`owner` for std.owner), for what names them without a package. */
    get linkNames(): ReadonlySet<string> {
        return this.linkNameSet ??= new Set([...this.ids.link.keys()].map(id => id.slice(id.lastIndexOf('.') + 1)));
    }

    get(namespace: Namespace, id: string): AstNodeDescription | undefined {
        return this.ids[namespace].get(id)?.[0];
    }

    all(namespace: Namespace, id: string): AstNodeDescription[] {
        return this.ids[namespace].get(id) ?? [];
    }
}

function compareDescriptions(a: AstNodeDescription, b: AstNodeDescription): number {
    const byUri = compareIds(a.documentUri.toString(), b.documentUri.toString());
    if (byUri !== 0) return byUri;
    return (a.nameSegment?.offset ?? 0) - (b.nameSegment?.offset ?? 0);
}

export class PomIndexProvider {
    protected readonly cache: WorkspaceCache<'index', PomIndex>;
    protected readonly indexManager: IndexManager;
    protected readonly documents: LangiumDocuments;

    constructor(services: PomServices) {
        this.cache = new WorkspaceCache(services.shared);
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    get index(): PomIndex {
        return this.cache.get('index', () => new PomIndex(
            this.indexManager.allElements(),
            this.documents.all.map(document => document.parseResult.value as PomFile)
        ));
    }
}
