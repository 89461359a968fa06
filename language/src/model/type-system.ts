import { WorkspaceCache } from 'langium';
import { isLinkDecl, type EnumDecl, type EnumMember, type FieldDecl, type LinkDecl, type LinkName, type TypeDecl } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomIndexProvider } from '../references/pom-index.js';
import { STD_PACKAGE, qualifiedName } from '../references/names.js';

export const ROOT_TYPE = `${STD_PACKAGE}.object`;
export const HORIZON_ENUM = `${STD_PACKAGE}.horizon`;

/** Type hierarchy and field tables, computed once per workspace state. */
export class PomTypeSystem {
    protected readonly indexProvider: PomIndexProvider;
    protected readonly ancestorCache: WorkspaceCache<TypeDecl, TypeDecl[]>;
    protected readonly fieldCache: WorkspaceCache<TypeDecl, Map<string, FieldDecl>>;
    protected readonly typeIdCache: WorkspaceCache<TypeDecl, string[]>;
    protected readonly fieldListCache: WorkspaceCache<TypeDecl, FieldDecl[]>;
    protected readonly horizonFieldCache: WorkspaceCache<TypeDecl, FieldDecl[]>;

    constructor(services: PomServices) {
        this.indexProvider = services.references.PomIndex;
        this.ancestorCache = new WorkspaceCache(services.shared);
        this.fieldCache = new WorkspaceCache(services.shared);
        this.typeIdCache = new WorkspaceCache(services.shared);
        this.fieldListCache = new WorkspaceCache(services.shared);
        this.horizonFieldCache = new WorkspaceCache(services.shared);
    }

    rootType(): TypeDecl | undefined {
        return this.indexProvider.index.get('type', ROOT_TYPE)?.node as TypeDecl | undefined;
    }

    /** The declared supertype; types that extend nothing extend `std.object`. */
    superType(type: TypeDecl): TypeDecl | undefined {
        if (type.superType) return type.superType.ref;
        const root = this.rootType();
        return root === type ? undefined : root;
    }

    /** The type itself, then its supertypes up to the root. Stops at a cycle. */
    ancestors(type: TypeDecl): TypeDecl[] {
        // Looked up without a provider: a closure per call was most of what type tests allocated (every object and link).
        let chain = this.ancestorCache.get(type);
        if (chain === undefined) {
            chain = [];
            for (let current: TypeDecl | undefined = type; current && !chain.includes(current); current = this.superType(current)) {
                chain.push(current);
            }
            this.ancestorCache.set(type, chain);
        }
        return chain;
    }

    isSubtype(type: TypeDecl, ancestor: TypeDecl): boolean {
        return this.ancestors(type).includes(ancestor);
    }

    /** The ids of the type and its supertypes. One array per type, shared by its objects' graph entries: never modify it. */
    typeIds(type: TypeDecl): string[] {
        let ids = this.typeIdCache.get(type);
        if (ids === undefined) this.typeIdCache.set(type, (ids = this.ancestors(type).map(t => qualifiedName(t) ?? t.name)));
        return ids;
    }

    /** Every field an object of this type may set: inherited ones first, redeclarations override. */
    fields(type: TypeDecl): Map<string, FieldDecl> {
        let fields = this.fieldCache.get(type);
        if (fields === undefined) {
            fields = new Map<string, FieldDecl>();
            for (const declaring of [...this.ancestors(type)].reverse()) {
                for (const field of declaring.fields) {
                    if (field.name) fields.set(field.name, field);
                }
            }
            this.fieldCache.set(type, fields);
        }
        return fields;
    }

    /**
     * The declarations of `fields`, in its order, as an array: walked for every object built and validated, where the
     * map's iterator made objects per field.
     */
    fieldList(type: TypeDecl): readonly FieldDecl[] {
        let list = this.fieldListCache.get(type);
        if (list === undefined) this.fieldListCache.set(type, (list = [...this.fields(type).values()]));
        return list;
    }

    /** The type's fields that hold a horizon (isHorizonField), in the order of `fields`: asked for every object validated. */
    horizonFields(type: TypeDecl): readonly FieldDecl[] {
        let horizons = this.horizonFieldCache.get(type);
        if (horizons === undefined) {
            horizons = this.fieldList(type).filter(decl => this.isHorizonField(decl));
            this.horizonFieldCache.set(type, horizons);
        }
        return horizons;
    }

    linkDecl(kind: LinkName | undefined): LinkDecl | undefined {
        if (!kind) return undefined;
        return isLinkDecl(kind) ? kind : kind.$container;
    }

    enumOf(field: FieldDecl | undefined): EnumDecl | undefined {
        return field?.type?.enumType?.ref;
    }

    isHorizonField(field: FieldDecl | undefined): boolean {
        const enumDecl = this.enumOf(field);
        return enumDecl !== undefined && qualifiedName(enumDecl) === HORIZON_ENUM && !field?.type.list;
    }

    /** The rank of a member in an ordered enum (e.g. a horizon), or undefined for unordered enums. */
    rank(member: EnumMember | undefined): number | undefined {
        if (!member || !member.$container.ordered) return undefined;
        return member.$container.members.indexOf(member);
    }

    /** How a field's type reads in messages: `text`, `date[]`, `one of low, medium, high`. */
    describeType(field: FieldDecl): string {
        const enumDecl = this.enumOf(field);
        const base = field.type?.primitive ?? enumDecl?.name ?? field.type?.enumType?.$refText ?? 'unknown';
        return field.type?.list ? `${base}[]` : base;
    }
}
