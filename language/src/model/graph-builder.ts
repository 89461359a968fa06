import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import {
    isBooleanValue, isDateValue, isEnumDecl, isEnumValue, isField, isLinkDecl, isLinkInverse, isLinkStatement,
    isListValue, isNumberValue, isPomObject, isTextValue, isTypeDecl,
    type EnumDecl, type FieldDecl, type LinkDecl, type PomFile, type PomObject, type TypeDecl, type Value
} from '../generated/ast.js';
import {
    GRAPH_FORMAT, GRAPH_VERSION, type EnumInfo, type FieldInfo, type InLink, type FieldValue, type GraphDiagnostic, type GraphObject,
    type LinkKindInfo, type PomGraph, type SourceLocation, type TypeInfo
} from '../graph/model.js';
import type { PomIndex } from '../references/pom-index.js';
import { packageOf, qualifiedName } from '../references/names.js';
import { isStdlibUri } from '../workspace/stdlib.js';
import type { PomPaths } from '../workspace/paths.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { ROOT_TYPE, type PomTypeSystem } from './type-system.js';

export interface BuiltGraph {
    graph: PomGraph;
    /** Problems only visible once the whole model is assembled (links written twice, at both ends). */
    diagnostics: GraphDiagnostic[];
}

/**
 * Assembles the plain-data graph from linked documents. Tolerant: an object whose type or id cannot be
 * determined is left out with its subtree, a link whose ends cannot be resolved is left out, and
 * everything else still makes it into the graph.
 */
export class GraphBuilder {
    protected readonly objects = new Map<string, GraphObject>();
    protected readonly nodes = new Map<string, PomObject>();
    protected readonly diagnostics: GraphDiagnostic[] = [];

    constructor(
        protected readonly documents: readonly LangiumDocument[],
        protected readonly types: PomTypeSystem,
        protected readonly index: PomIndex,
        protected readonly paths: PomPaths
    ) { }

    build(): BuiltGraph {
        const documents = [...this.documents].sort((a, b) => compare(a.uri.toString(), b.uri.toString()));
        const roots = documents.map(document => document.parseResult.value as PomFile);
        const graphTypes: TypeInfo[] = [];
        const enums: EnumInfo[] = [];
        const linkKinds: LinkKindInfo[] = [];
        for (const root of roots) {
            for (const element of root.elements) {
                if (isTypeDecl(element) && this.isCanonical('type', element)) graphTypes.push(this.typeInfo(element));
                else if (isEnumDecl(element) && this.isCanonical('enum', element)) enums.push(this.enumInfo(element));
                else if (isLinkDecl(element) && this.isCanonical('link', element)) linkKinds.push(this.linkInfo(element));
                else if (isPomObject(element)) this.addObject(element, undefined);
            }
        }
        for (const object of this.objects.values()) this.addLinks(object);
        const ordered = [...this.objects.values()].sort((a, b) => compare(a.id, b.id));
        // Parents sort before their children (a.b < a.b.c), so inheritance flows top-down in one pass.
        for (const object of ordered) this.inherit(object, linkKinds);
        for (const object of ordered) {
            object.links.sort((a, b) => compare(a.kind, b.kind) || compare(a.target, b.target));
            object.backlinks.sort((a, b) => compare(a.kind, b.kind) || compare(a.source, b.source));
            object.children.sort(compare);
            object.defaults.sort(compare);
        }
        const files = documents.filter(d => !isStdlibUri(d.uri)).map(d => this.paths.display(d.uri)).sort(compare);
        return {
            graph: {
                format: GRAPH_FORMAT,
                version: GRAPH_VERSION,
                files,
                objects: ordered,
                types: graphTypes.sort((a, b) => compare(a.id, b.id)),
                enums: enums.sort((a, b) => compare(a.id, b.id)),
                linkKinds: linkKinds.sort((a, b) => compare(a.id, b.id)),
                diagnostics: [],
            },
            diagnostics: this.diagnostics,
        };
    }

    /** The declaration that owns its id (the first one, if the id is duplicated). */
    protected isCanonical(namespace: 'type' | 'enum' | 'link' | 'object', node: AstNode & { name: string }): boolean {
        const id = qualifiedName(node as TypeDecl);
        return id !== undefined && this.index.get(namespace, id)?.node === node;
    }

    protected addObject(node: PomObject, parent: GraphObject | undefined): void {
        const type = node.type?.ref;
        const id = qualifiedName(node);
        if (!type || !id || !this.isCanonical('object', node)) return;
        const object: GraphObject = {
            id,
            name: node.name,
            package: parent ? parent.package : packageOf(node),
            type: qualifiedName(type) ?? type.name,
            types: this.types.typeIds(type),
            title: node.title,
            fields: {},
            defaults: [],
            inherited: [],
            links: [],
            backlinks: [],
            parent: parent?.id,
            children: [],
            location: this.location(node, 'name'),
        };
        if (object.title === undefined) delete object.title;
        if (object.parent === undefined) delete object.parent;
        const declared = this.types.fields(type);
        for (const member of node.members) {
            if (!isField(member)) continue;
            const decl = member.field?.ref;
            const value = toValue(member.value);
            if (decl && value !== undefined && !(decl.name in object.fields)) object.fields[decl.name] = value;
        }
        for (const [name, decl] of declared) {
            if (name in object.fields) continue;
            const inherited = decl.inherited && parent ? this.inheritedField(parent, name) : undefined;
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
        this.objects.set(id, object);
        this.nodes.set(id, node);
        parent?.children.push(id);
        for (const member of node.members) {
            if (isPomObject(member)) this.addObject(member, object);
        }
    }

    protected inheritedField(parent: GraphObject, name: string): { field: string; value: FieldValue; from: string } | undefined {
        if (!(name in parent.fields) || parent.defaults.includes(name)) return undefined;
        const further = parent.inherited.find(i => i.field === name);
        return { field: name, value: parent.fields[name], from: further?.from ?? parent.id };
    }

    protected addLinks(object: GraphObject): void {
        const node = this.nodes.get(object.id)!;
        for (const member of node.members) {
            if (!isLinkStatement(member)) continue;
            const kind = member.kind?.ref;
            const decl = this.types.linkDecl(kind);
            const kindId = decl && qualifiedName(decl);
            if (!kind || !decl || !kindId) continue;
            const inverse = isLinkInverse(kind);
            for (const target of member.targets) {
                const otherNode = target.target?.ref;
                const otherId = otherNode && qualifiedName(otherNode);
                const other = otherId !== undefined ? this.objects.get(otherId) : undefined;
                if (!other || this.nodes.get(other.id) !== otherNode) continue;
                const [source, dest] = inverse ? [other, object] : [object, other];
                const location = this.location(target, 'target');
                if (source.links.some(l => l.kind === kindId && l.target === dest.id)) {
                    this.diagnostics.push({
                        severity: 'warning', code: IssueCodes.DuplicateLink, location, object: object.id,
                        message: `The '${decl.name}' link from '${source.id}' to '${dest.id}' is written twice; keep one.`
                    });
                    continue;
                }
                const meta = this.metadata(target.entries, decl);
                source.links.push({ kind: kindId, target: dest.id, meta, location });
                const backlink: InLink = { kind: kindId, inverse: decl.inverses[0]?.name, source: source.id, meta, location };
                if (backlink.inverse === undefined) delete backlink.inverse;
                dest.backlinks.push(backlink);
            }
        }
    }

    protected metadata(entries: ReadonlyArray<{ key: { ref?: FieldDecl }; value: Value }>, decl: LinkDecl): Record<string, FieldValue> {
        const meta: Record<string, FieldValue> = {};
        for (const entry of entries) {
            const key = entry.key?.ref;
            const value = toValue(entry.value);
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
    protected inherit(object: GraphObject, linkKinds: LinkKindInfo[]): void {
        const parent = object.parent ? this.objects.get(object.parent) : undefined;
        if (!parent) return;
        for (const kind of linkKinds) {
            if (!kind.inherited || object.links.some(l => l.kind === kind.id)) continue;
            const own = parent.links.filter(l => l.kind === kind.id).map(l => l.target);
            if (own.length > 0) {
                object.inherited.push({ link: kind.id, targets: own.sort(compare), from: parent.id });
                continue;
            }
            const further = parent.inherited.find(i => i.link === kind.id);
            if (further) object.inherited.push({ ...further, targets: [...further.targets!] });
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

    private readonly fileNames = new Map<AstNode, string>();

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
