import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import {
    isBooleanValue, isDateValue, isEnumDecl, isEnumValue, isField, isLinkDecl, isLinkInverse, isLinkStatement,
    isListValue, isNumberValue, isPomObject, isTextValue, isTypeDecl,
    type EnumDecl, type FieldDecl, type LinkDecl, type PomFile, type PomObject, type TypeDecl, type Value
} from '../generated/langium/ast.js';
import {
    GRAPH_FORMAT, GRAPH_VERSION, type EnumInfo, type FieldInfo, type InLink, type FieldValue, type GraphDiagnostic, type GraphObject,
    type LinkKindInfo, type PomGraph, type SourceLocation, type TypeInfo
} from '../graph/model.js';
import type { PomIndex } from '../references/pom-index.js';
import { packageOf, qualifiedName } from '../references/names.js';
import { isStdlibUri } from '../workspace/stdlib.js';
import type { PomPaths } from '../workspace/paths.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { isValidDate } from '../validation/values.js';
import { ROOT_TYPE, type PomTypeSystem } from './type-system.js';

export interface BuiltGraph {
    graph: PomGraph;
    /** Problems only visible once the whole model is assembled (links written twice, at both ends). */
    diagnostics: GraphDiagnostic[];
}

/** A link as one document writes it, its ends resolved. */
interface FragmentLink {
    kind: string;
    kindName: string;
    inverse?: string;
    source: string;
    target: string;
    meta: Record<string, FieldValue>;
    location: SourceLocation;
    /** The object whose body holds the link, and the node at the other end (to tell duplicates apart). */
    writtenIn: string;
    other: PomObject;
}

/**
 * What one document contributes to the graph. It depends only on that document's linked AST, so it is
 * cached per document and rebuilt only when the document is relinked.
 */
export interface DocumentFragment {
    file: string | undefined;
    objects: Array<{ object: GraphObject; node: PomObject }>;
    links: FragmentLink[];
    types: Array<{ info: TypeInfo; node: TypeDecl }>;
    enums: Array<{ info: EnumInfo; node: EnumDecl }>;
    linkKinds: Array<{ info: LinkKindInfo; node: LinkDecl }>;
}

/**
 * Builds the plain-data graph from linked documents. Tolerant: an object whose type or id cannot be
 * determined is left out with its subtree, a link whose ends cannot be resolved is left out, and
 * everything else still makes it into the graph.
 */
export class GraphBuilder {
    // Weak: the builder lives as long as the workspace, and replaced documents must not be kept alive.
    private readonly fileNames = new WeakMap<AstNode, string>();

    constructor(
        protected readonly types: PomTypeSystem,
        protected readonly paths: PomPaths
    ) { }

    fragment(document: LangiumDocument): DocumentFragment {
        const root = document.parseResult.value as PomFile;
        const fragment: DocumentFragment = {
            file: isStdlibUri(document.uri) ? undefined : this.fileName(root),
            objects: [], links: [], types: [], enums: [], linkKinds: [],
        };
        for (const element of root.elements) {
            if (isTypeDecl(element) && element.name) fragment.types.push({ info: this.typeInfo(element), node: element });
            else if (isEnumDecl(element) && element.name) fragment.enums.push({ info: this.enumInfo(element), node: element });
            else if (isLinkDecl(element) && element.name) fragment.linkKinds.push({ info: this.linkInfo(element), node: element });
            else if (isPomObject(element)) this.addObject(fragment, element, undefined);
        }
        for (const { object, node } of fragment.objects) this.addLinks(fragment, object, node);
        return fragment;
    }

    /** Joins the fragments: keeps the first definition of each id, attaches links at both ends, inherits context. */
    assemble(fragments: readonly DocumentFragment[], index: PomIndex): BuiltGraph {
        const diagnostics: GraphDiagnostic[] = [];
        const objects = new Map<string, GraphObject>();
        const nodes = new Map<string, PomObject>();
        const canonical = (namespace: 'type' | 'enum' | 'link' | 'object', id: string, node: AstNode) => index.get(namespace, id)?.node === node;
        const types: TypeInfo[] = [];
        const enums: EnumInfo[] = [];
        const linkKinds: LinkKindInfo[] = [];
        for (const fragment of fragments) {
            for (const { info, node } of fragment.types) if (canonical('type', info.id, node)) types.push(info);
            for (const { info, node } of fragment.enums) if (canonical('enum', info.id, node)) enums.push(info);
            for (const { info, node } of fragment.linkKinds) if (canonical('link', info.id, node)) linkKinds.push(info);
            for (const { object, node } of fragment.objects) {
                // Objects nested in a duplicate are duplicates too (their ids share its prefix).
                if (!canonical('object', object.id, node)) continue;
                objects.set(object.id, { ...object, inherited: [...object.inherited], links: [], backlinks: [], children: [] });
                nodes.set(object.id, node);
            }
        }
        for (const object of objects.values()) {
            if (object.parent) objects.get(object.parent)?.children.push(object.id);
        }
        for (const fragment of fragments) {
            for (const link of fragment.links) {
                const source = objects.get(link.source);
                const dest = objects.get(link.target);
                const otherId = link.source === link.writtenIn ? link.target : link.source;
                if (!source || !dest || nodes.get(otherId) !== link.other || !objects.has(link.writtenIn)) continue;
                if (source.links.some(l => l.kind === link.kind && l.target === dest.id)) {
                    diagnostics.push({
                        severity: 'warning', code: IssueCodes.DuplicateLink, location: link.location, object: link.writtenIn,
                        message: `The '${link.kindName}' link from '${source.id}' to '${dest.id}' is written twice; keep one.`
                    });
                    continue;
                }
                source.links.push({ kind: link.kind, target: dest.id, meta: link.meta, location: link.location });
                const backlink: InLink = { kind: link.kind, source: source.id, meta: link.meta, location: link.location };
                if (link.inverse !== undefined) backlink.inverse = link.inverse;
                dest.backlinks.push(backlink);
            }
        }
        const ordered = [...objects.values()].sort((a, b) => compare(a.id, b.id));
        // Parents sort before their children (a.b < a.b.c), so inheritance flows top-down in one pass.
        for (const object of ordered) this.inherit(object, objects, linkKinds);
        for (const object of ordered) {
            object.links.sort((a, b) => compare(a.kind, b.kind) || compare(a.target, b.target));
            object.backlinks.sort((a, b) => compare(a.kind, b.kind) || compare(a.source, b.source));
            object.children.sort(compare);
        }
        const files = fragments.map(f => f.file).filter((f): f is string => f !== undefined).sort(compare);
        return {
            graph: {
                format: GRAPH_FORMAT,
                version: GRAPH_VERSION,
                files,
                objects: ordered,
                types: types.sort((a, b) => compare(a.id, b.id)),
                enums: enums.sort((a, b) => compare(a.id, b.id)),
                linkKinds: linkKinds.sort((a, b) => compare(a.id, b.id)),
                views: [],
                diagnostics: [],
            },
            diagnostics,
        };
    }

    protected addObject(fragment: DocumentFragment, node: PomObject, parent: GraphObject | undefined): void {
        const type = node.type?.ref;
        const id = qualifiedName(node);
        if (!type || !id) return;
        const object: GraphObject = {
            id,
            name: node.name,
            package: parent ? parent.package : packageOf(node),
            type: qualifiedName(type) ?? type.name,
            types: this.types.typeIds(type),
            fields: {},
            defaults: [],
            inherited: [],
            links: [],
            backlinks: [],
            children: [],
            location: this.location(node, 'name'),
        };
        if (node.title !== undefined) object.title = node.title;
        if (parent) object.parent = parent.id;
        for (const member of node.members) {
            if (!isField(member)) continue;
            const decl = member.field?.ref;
            const value = decl && typedValue(member.value, decl);
            if (decl && value !== undefined && !(decl.name in object.fields)) object.fields[decl.name] = value;
        }
        for (const [name, decl] of this.types.fields(type)) {
            if (name in object.fields) continue;
            const inherited = decl.inherited && parent ? inheritedField(parent, name) : undefined;
            if (inherited) {
                object.fields[name] = inherited.value!;
                object.inherited.push(inherited);
            } else if (decl.default) {
                const value = toValue(decl.default);
                if (value !== undefined) {
                    object.fields[name] = value;
                    object.defaults.push(name);
                }
            }
        }
        object.defaults.sort(compare);
        fragment.objects.push({ object, node });
        for (const member of node.members) {
            if (isPomObject(member)) this.addObject(fragment, member, object);
        }
    }

    protected addLinks(fragment: DocumentFragment, object: GraphObject, node: PomObject): void {
        for (const member of node.members) {
            if (!isLinkStatement(member)) continue;
            const kind = member.kind?.ref;
            const decl = this.types.linkDecl(kind);
            const kindId = decl && qualifiedName(decl);
            if (!kind || !decl || !kindId) continue;
            const inverse = isLinkInverse(kind);
            for (const target of member.targets) {
                const other = target.target?.ref;
                const otherId = other && qualifiedName(other);
                if (!other || otherId === undefined) continue;
                const [source, dest] = inverse ? [otherId, object.id] : [object.id, otherId];
                fragment.links.push({
                    kind: kindId, kindName: decl.name, inverse: decl.inverses[0]?.name, source, target: dest,
                    meta: this.metadata(target.entries, decl), location: this.location(target, 'target'),
                    writtenIn: object.id, other,
                });
            }
        }
    }

    protected metadata(entries: ReadonlyArray<{ key: { ref?: FieldDecl }; value: Value }>, decl: LinkDecl): Record<string, FieldValue> {
        const meta: Record<string, FieldValue> = {};
        for (const entry of entries) {
            const key = entry.key?.ref;
            const value = key && typedValue(entry.value, key);
            if (key && value !== undefined && !(key.name in meta)) meta[key.name] = value;
        }
        for (const field of decl.metadata) {
            if (!(field.name in meta) && field.default) {
                const value = toValue(field.default);
                if (value !== undefined) meta[field.name] = value;
            }
        }
        return meta;
    }

    /** Owner and scope (links declared `inherited`) flow from a container to objects that set none. */
    protected inherit(object: GraphObject, objects: Map<string, GraphObject>, linkKinds: LinkKindInfo[]): void {
        const parent = object.parent ? objects.get(object.parent) : undefined;
        if (!parent) return;
        for (const kind of linkKinds) {
            if (!kind.inherited || object.links.some(l => l.kind === kind.id)) continue;
            // A container never hands an object a link to itself (a team that owns its nested lead).
            const own = parent.links.filter(l => l.kind === kind.id && l.target !== object.id).map(l => l.target);
            if (own.length > 0) {
                object.inherited.push({ link: kind.id, targets: own.sort(compare), from: parent.id });
                continue;
            }
            const further = parent.inherited.find(i => i.link === kind.id);
            const targets = further?.targets?.filter(target => target !== object.id);
            if (further && targets && targets.length > 0) object.inherited.push({ ...further, targets });
        }
    }

    protected typeInfo(type: TypeDecl): TypeInfo {
        const id = qualifiedName(type)!;
        const parent = type.superType?.ref ? qualifiedName(type.superType.ref) : (id === ROOT_TYPE ? undefined : ROOT_TYPE);
        return clean({
            id, name: type.name, title: type.title, extends: parent,
            fields: type.fields.filter(f => f.name).map(f => this.fieldInfo(f)),
            location: this.location(type, 'name'),
        });
    }

    protected fieldInfo(field: FieldDecl): FieldInfo {
        const enumDecl: EnumDecl | undefined = field.type?.enumType?.ref;
        return clean({
            name: field.name,
            type: field.type?.primitive ?? (enumDecl ? qualifiedName(enumDecl) : undefined) ?? field.type?.enumType?.$refText ?? 'text',
            list: field.type?.list ?? false,
            required: !field.optional && !field.default,
            inherited: field.inherited ?? false,
            default: field.default ? toValue(field.default) : undefined,
            title: field.title,
        });
    }

    protected enumInfo(enumDecl: EnumDecl): EnumInfo {
        return clean({
            id: qualifiedName(enumDecl)!, name: enumDecl.name, title: enumDecl.title, ordered: enumDecl.ordered,
            members: enumDecl.members.filter(m => m.name).map(m => clean({ name: m.name, title: m.title })),
            location: this.location(enumDecl, 'name'),
        });
    }

    protected linkInfo(link: LinkDecl): LinkKindInfo {
        const ids = (refs: LinkDecl['sources']) => refs.map(r => (r.ref && qualifiedName(r.ref)) ?? r.$refText);
        return clean({
            id: qualifiedName(link)!, name: link.name, title: link.title, inverse: link.inverses[0]?.name,
            from: ids(link.sources), to: ids(link.targets),
            single: link.flags.includes('single'), exclusive: link.flags.includes('exclusive'),
            acyclic: link.flags.includes('acyclic'), inherited: link.flags.includes('inherited'),
            metadata: link.metadata.filter(f => f.name).map(f => this.fieldInfo(f)),
            location: this.location(link, 'name'),
        });
    }

    protected fileName(root: AstNode): string {
        let name = this.fileNames.get(root);
        if (name === undefined) this.fileNames.set(root, name = this.paths.display(root.$document!.uri));
        return name;
    }

    protected location(node: AstNode, property?: string): SourceLocation {
        const cst = (property && GrammarUtils.findNodeForProperty(node.$cstNode, property)) || node.$cstNode;
        const range = cst?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        let root: AstNode = node;
        while (root.$container) root = root.$container;
        return {
            file: this.fileName(root),
            line: range.start.line + 1,
            column: range.start.character + 1,
            endLine: range.end.line + 1,
            endColumn: range.end.character + 1,
        };
    }
}

function inheritedField(parent: GraphObject, name: string): { field: string; value: FieldValue; from: string } | undefined {
    if (!(name in parent.fields) || parent.defaults.includes(name)) return undefined;
    const further = parent.inherited.find(i => i.field === name);
    return { field: name, value: parent.fields[name], from: further?.from ?? parent.id };
}

/** The value, if it has the declared type (a wrong one is reported by validation and left out of the graph). */
function typedValue(value: Value | undefined, decl: FieldDecl): FieldValue | undefined {
    if (!value || !decl.type) return undefined;
    if (decl.type.list !== isListValue(value)) return undefined;
    const items = isListValue(value) ? value.items : [value];
    const fits = (item: Value) => {
        switch (decl.type.primitive) {
            case 'text': return isTextValue(item);
            case 'number': return isNumberValue(item);
            case 'boolean': return isBooleanValue(item);
            case 'date': return isDateValue(item) && isValidDate(item.value);
            default: return isEnumValue(item) && item.member?.ref?.$container === decl.type.enumType?.ref;
        }
    };
    return items.every(fits) ? toValue(value) : undefined;
}

export function toValue(value: Value | undefined): FieldValue | undefined {
    if (!value) return undefined;
    if (isTextValue(value)) return value.value;
    if (isNumberValue(value)) return value.value;
    if (isDateValue(value)) return value.value;
    if (isBooleanValue(value)) return value.value === 'true';
    if (isEnumValue(value)) return value.member?.ref?.name;
    if (isListValue(value)) {
        const items = value.items.map(toValue);
        return items.every(item => item !== undefined) ? items as FieldValue[] : undefined;
    }
    return undefined;
}

function compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops undefined properties so the JSON holds only what is there. */
function clean<T extends object>(value: T): T {
    for (const key of Object.keys(value) as Array<keyof T>) {
        if (value[key] === undefined) delete value[key];
    }
    return value;
}
