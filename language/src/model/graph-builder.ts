import { AstUtils, isCompositeCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { firstNodeForProperty } from '../util/ast-walk.js';
import {
    isEnumDecl,
    isLinkDecl,
    isLinkInverse,
    isPomObject,
    isQueryColumns,
    isQueryGroup,
    isQuerySum,
    isRuleFor,
    isRuleMessage,
    isRuleRequire,
    isRuleSeverity,
    isSettingsDecl,
    isTypeDecl,
    isViewAudience,
    isViewDecl,
    isViewLayout,
    isViewLinks,
    isClause,
    isRuleDecl,
    isQueryDecl,
    isSelector,
    type EnumDecl,
    type FieldDecl,
    type FieldType,
    type LinkDecl,
    type PomFile,
    type PomObject,
    type QueryDecl,
    type RuleDecl,
    type TypeDecl,
    type Value,
    type ViewDecl,
} from '../generated/langium/ast.js';
import {
    GRAPH_FORMAT,
    GRAPH_VERSION,
    type EnumInfo,
    type FieldInfo,
    type InLink,
    type InheritedValue,
    type OutLink,
    type FieldValue,
    type GraphDiagnostic,
    type GraphObject,
    type GraphQuery,
    type GraphRule,
    type GraphView,
    type LinkKindInfo,
    type PomGraph,
    type Severity,
    type SourceLocation,
    type Suppression,
    type TypeInfo,
    type ViewDirection,
} from '../graph/model.js';
import { GraphIndex } from '../graph/graph-index.js';
import { SelectorEngine } from '../graph/selector.js';
import { SelectorBuilder } from './selector-builder.js';
import type { Namespace, PomIndex } from '../references/pom-index.js';
import { packageOf, qualifiedName } from '../references/names.js';
import { isStdlibUri } from '../workspace/stdlib.js';
import { SyntaxLeaf } from '../workspace/syntax-leaf.js';
import type { PomPaths } from '../workspace/paths.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { isValidDate } from '../validation/values.js';
import { ROOT_TYPE, type PomTypeSystem } from './type-system.js';
import { compareIds } from '../util/compare.js';

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The metadata of a link that gives none and whose kind defaults none: most links. One shared, frozen record
 * instead of an empty one per link (they are kept as long as the graph).
 */
const NO_META: Record<string, FieldValue> = Object.freeze({});

/**
 * A CST node's range as Langium's `range` computes it, without the range a composite node then keeps: the graph
 * asks once per object and link, and the kept ranges were a thirtieth of a compile's peak memory.
 */
function rangeOf(node: CstNode): Range {
    if (!isCompositeCstNode(node)) return node.range;
    const content = node.content;
    const first = content.find(child => !child.hidden) ?? content[0];
    const last = content.findLast(child => !child.hidden) ?? content.at(-1);
    if (!first || !last) return NO_RANGE;
    const start = rangeOf(first).start;
    const end = rangeOf(last).end;
    return { start, end: end.line < start.line ? start : end };
}

export interface BuiltGraph {
    /** The assembled graph; its views have no objects yet (selectViews, once the derived facts exist). */
    graph: PomGraph;
    /** Problems only visible once the whole model is assembled (links written twice, at both ends). */
    diagnostics: GraphDiagnostic[];
    /** The canonical view declarations, for selectViews. */
    views: readonly ViewEntry[];
}

/** A link as one document writes it, its ends resolved. */
export interface FragmentLink {
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
    views: ViewEntry[];
    rules: Array<{ info: GraphRule; node: RuleDecl }>;
    queries: Array<{ info: GraphQuery; node: QueryDecl }>;
    severities: Array<{ code: string; level: Severity | 'off'; location: SourceLocation }>;
}

/**
 * The declarations of the workspace (all but its objects), canonical definitions only, in document order:
 * inheritance follows the link kinds in that order (the graph lists them sorted by id).
 */
export interface Declarations {
    types: TypeInfo[];
    enums: EnumInfo[];
    linkKinds: LinkKindInfo[];
    views: ViewEntry[];
    rules: GraphRule[];
    queries: GraphQuery[];
    severities: Record<string, Severity | 'off'>;
    /** Settings that contradict each other. */
    diagnostics: GraphDiagnostic[];
}

/** A declared view as its own document writes it: its base, and its direction only when it sets one. */
export interface ViewEntry {
    info: GraphView;
    base?: string;
    direction?: ViewDirection;
    node: ViewDecl;
}

const DIRECTIONS: Record<string, ViewDirection> = {
    'left-to-right': 'right',
    'top-to-bottom': 'down',
    'right-to-left': 'left',
    'bottom-to-top': 'up',
};

/**
 * Builds the plain-data graph from linked documents. Tolerant: an object whose type or id cannot be
 * determined is left out with its subtree, a link whose ends cannot be resolved is left out, and
 * everything else still makes it into the graph.
 */
export class GraphBuilder {
    // Weak: the builder lives as long as the workspace, and replaced documents must not be kept alive.
    private readonly fileNames = new WeakMap<AstNode, string>();

    protected readonly selectors: SelectorBuilder;

    constructor(
        protected readonly types: PomTypeSystem,
        protected readonly paths: PomPaths,
    ) {
        this.selectors = new SelectorBuilder(types);
    }

    fragment(document: LangiumDocument): DocumentFragment {
        const root = document.parseResult.value as PomFile;
        // Every location in the document is in this file: found once, not by climbing to the root per object and link.
        const file = this.fileName(root);
        const fragment: DocumentFragment = {
            file: isStdlibUri(document.uri) ? undefined : file,
            objects: [],
            links: [],
            types: [],
            enums: [],
            linkKinds: [],
            views: [],
            rules: [],
            queries: [],
            severities: [],
        };
        for (const element of root.elements) {
            if (isTypeDecl(element) && element.name) fragment.types.push({ info: this.typeInfo(element), node: element });
            else if (isEnumDecl(element) && element.name) fragment.enums.push({ info: this.enumInfo(element), node: element });
            else if (isLinkDecl(element) && element.name) fragment.linkKinds.push({ info: this.linkInfo(element), node: element });
            else if (isPomObject(element)) this.addObject(fragment, element, undefined, file);
            else if (isViewDecl(element) && element.name) fragment.views.push(this.viewInfo(element));
            else if (isRuleDecl(element) && element.name) fragment.rules.push({ info: this.ruleInfo(element), node: element });
            else if (isQueryDecl(element) && element.name) fragment.queries.push({ info: this.queryInfo(element), node: element });
            else if (isSettingsDecl(element)) {
                for (const entry of element.entries) {
                    if (entry.code && entry.level) {
                        fragment.severities.push({ code: entry.code, level: entry.level, location: this.location(entry, 'code', file) });
                    }
                }
            }
        }
        // Indexed loops in what runs per object, link and value: a for...of made an iterator result per item until optimised.
        const objects = fragment.objects;
        for (let i = 0; i < objects.length; i++) this.addLinks(fragment, objects[i].object, objects[i].node, file);
        return fragment;
    }

    /**
     * Joins the fragments: keeps the first definition of each id, attaches links at both ends, inherits context.
     * `owned`: the fragments were built for this call alone (a one-shot compile), so their objects become the graph's
     * instead of being copied; nothing may use the fragments afterwards.
     */
    assemble(fragments: readonly DocumentFragment[], index: PomIndex, owned = false): BuiltGraph {
        const declarations = this.declarations(fragments, index);
        const diagnostics: GraphDiagnostic[] = [...declarations.diagnostics];
        const objects = new Map<string, GraphObject>();
        const nodes = new Map<string, PomObject>();
        // The map's values in its order (every id is set once: one node is canonical per id), for indexed loops.
        const kept: GraphObject[] = [];
        for (const fragment of fragments) {
            const entries = fragment.objects;
            for (let i = 0; i < entries.length; i++) {
                const { object, node } = entries[i];
                // Objects nested in a duplicate are duplicates too (their ids share its prefix).
                if (index.get('object', object.id)?.node !== node) continue;
                // A fragment's objects have no links, backlinks or children yet (addObject).
                const graphObject = owned ? object : { ...object, inherited: [...object.inherited], links: [], backlinks: [], children: [] };
                objects.set(object.id, graphObject);
                nodes.set(object.id, node);
                kept.push(graphObject);
            }
        }
        for (let i = 0; i < kept.length; i++) {
            const object = kept[i];
            if (object.parent) objects.get(object.parent)?.children.push(object.id);
        }
        for (const fragment of fragments) {
            const links = fragment.links;
            for (let i = 0; i < links.length; i++) {
                const link = links[i];
                const source = objects.get(link.source);
                const dest = objects.get(link.target);
                if (!source || !dest || !linkHolds(link, objects, nodes)) continue;
                const duplicate = attachLink(link, source, dest);
                if (duplicate) diagnostics.push(duplicate);
            }
        }
        const ordered = kept.sort((a, b) => compareIds(a.id, b.id));
        // Parents sort before their children (a.b < a.b.c), so inheritance flows top-down in one pass.
        for (let i = 0; i < ordered.length; i++) this.inherit(ordered[i], objects, declarations.linkKinds);
        for (let i = 0; i < ordered.length; i++) sortObjectLinks(ordered[i]);
        return this.finish(fragments, declarations, ordered, diagnostics);
    }

    /**
     * Everything but the objects: types, enums, link kinds, views, rules, queries and settings, each the
     * canonical definition of its id. Cheap (declarations are few), so an incremental build redoes it every time.
     */
    declarations(fragments: readonly DocumentFragment[], index: PomIndex): Declarations {
        const diagnostics: GraphDiagnostic[] = [];
        const canonical = (namespace: Namespace, id: string, node: AstNode) => index.get(namespace, id)?.node === node;
        const result: Declarations = { types: [], enums: [], linkKinds: [], views: [], rules: [], queries: [], severities: {}, diagnostics };
        const severities = result.severities;
        for (const fragment of fragments) {
            for (const view of fragment.views) if (canonical('view', view.info.id, view.node)) result.views.push(view);
            for (const { info, node } of fragment.rules) if (canonical('rule', info.id, node)) result.rules.push(info);
            for (const { info, node } of fragment.queries) if (canonical('query', info.id, node)) result.queries.push(info);
            for (const { code, level, location } of fragment.severities) {
                if (code in severities && severities[code] !== level) {
                    diagnostics.push({
                        severity: 'warning',
                        code: IssueCodes.ConflictingSetting,
                        location,
                        message: `The severity of '${code}' is set twice, to '${severities[code]}' and to '${level}'; the first is used. Keep one.`,
                    });
                    continue;
                }
                severities[code] = level;
            }
            for (const { info, node } of fragment.types) if (canonical('type', info.id, node)) result.types.push(info);
            for (const { info, node } of fragment.enums) if (canonical('enum', info.id, node)) result.enums.push(info);
            for (const { info, node } of fragment.linkKinds) if (canonical('link', info.id, node)) result.linkKinds.push(info);
        }
        return result;
    }

    /** The graph from its declarations and its objects (assembled, in id order); its views are selected later. */
    finish(fragments: readonly DocumentFragment[], declarations: Declarations, ordered: GraphObject[], diagnostics: GraphDiagnostic[]): BuiltGraph {
        const files = fragments
            .map(f => f.file)
            .filter((f): f is string => f !== undefined)
            .sort(compareIds);
        const graph: PomGraph = {
            format: GRAPH_FORMAT,
            version: GRAPH_VERSION,
            files,
            objects: ordered,
            types: [...declarations.types].sort((a, b) => compareIds(a.id, b.id)),
            enums: [...declarations.enums].sort((a, b) => compareIds(a.id, b.id)),
            linkKinds: [...declarations.linkKinds].sort((a, b) => compareIds(a.id, b.id)),
            views: [],
            rules: [...declarations.rules].sort((a, b) => compareIds(a.id, b.id)),
            queries: [...declarations.queries].sort((a, b) => compareIds(a.id, b.id)),
            settings: { severities: sortKeys(declarations.severities) },
            diagnostics: [],
        };
        return { graph, diagnostics, views: declarations.views };
    }

    /**
     * Each view's objects (the clauses of the views it extends first, then its own), and a warning for a view that
     * selects nothing. A variant keeps its base's direction and link kinds unless it sets its own. Runs on the graph
     * with its derived facts, since a view may test them (PomWorkspaceModel.compile).
     */
    selectViews(graph: PomGraph, views: readonly ViewEntry[]): { views: GraphView[]; diagnostics: GraphDiagnostic[] } {
        const diagnostics: GraphDiagnostic[] = [];
        if (views.length === 0) return { views: [], diagnostics };
        const byId = new Map(views.map(view => [view.info.id, view]));
        const engine = new SelectorEngine(GraphIndex.of(graph));
        /** The view and the views it extends, nearest first; an extends cycle (reported by validation) ends it. */
        const chain = (view: ViewEntry): ViewEntry[] => {
            const result: ViewEntry[] = [];
            for (let current: ViewEntry | undefined = view; current && !result.includes(current); current = current.base ? byId.get(current.base) : undefined) {
                result.push(current);
            }
            return result;
        };
        const selected = views
            .map(entry => {
                const bases = chain(entry);
                const view: GraphView = {
                    ...entry.info,
                    direction: bases.find(v => v.direction)?.direction ?? 'right',
                    objects: engine.applyClauses([...bases].reverse().flatMap(v => v.info.clauses)),
                };
                const linkKinds = bases.find(v => v.info.linkKinds)?.info.linkKinds;
                if (linkKinds) view.linkKinds = linkKinds;
                return view;
            })
            .sort((a, b) => compareIds(a.id, b.id));
        for (const view of selected) {
            // A view with a broken name already has an error; an empty result would only repeat it.
            const node = byId.get(view.id)!.node;
            if (view.objects.length === 0 && !hasBrokenReference(node) && !hasInvalidSelector(node)) {
                diagnostics.push({
                    severity: 'warning',
                    code: IssueCodes.EmptyView,
                    location: view.location,
                    message: `The view '${view.id}' selects no objects; check its include clauses and conditions.`,
                });
            }
        }
        return { views: selected, diagnostics };
    }

    protected viewInfo(node: ViewDecl): ViewEntry {
        const id = qualifiedName(node)!;
        const info: GraphView = {
            id,
            name: node.name,
            package: packageOf(node),
            direction: 'right',
            objects: [],
            clauses: [],
            location: this.location(node, 'name'),
        };
        if (node.title !== undefined) info.title = node.title;
        const base = node.base?.ref ? qualifiedName(node.base.ref) : undefined;
        if (base) info.extends = base;
        let direction: ViewDirection | undefined;
        const clauses = [];
        for (const member of node.members) {
            if (isViewAudience(member) && member.audience) info.audience = member.audience;
            else if (isViewLayout(member) && DIRECTIONS[member.direction]) direction = DIRECTIONS[member.direction];
            else if (isViewLinks(member)) {
                const kinds = member.kinds
                    .map(kind => this.types.linkDecl(kind.ref))
                    .map(decl => decl && qualifiedName(decl))
                    .filter((k): k is string => !!k);
                info.linkKinds = [...new Set(kinds)].sort(compareIds);
            } else if (isClause(member)) clauses.push(member);
        }
        info.clauses = this.selectors.clauses(clauses);
        return { info, base, direction, node };
    }

    protected ruleInfo(node: RuleDecl): GraphRule {
        const info: GraphRule = {
            id: qualifiedName(node)!,
            name: node.name,
            package: packageOf(node),
            severity: 'warning',
            for: [],
            require: [],
            location: this.location(node, 'name'),
        };
        if (node.title !== undefined) info.title = node.title;
        // A rule naming something that does not resolve has that error; run, it would repeat it as a finding on every
        // object it selects. It is kept (its id still names it in settings and exceptions) with nothing to check.
        const broken = hasBrokenReference(node);
        for (const member of node.members) {
            if (isRuleSeverity(member) && member.level) info.severity = member.level;
            else if (broken) continue;
            else if (isRuleMessage(member) && member.text !== undefined) info.message = member.text;
            else if (isRuleFor(member)) info.for.push(...this.selectors.selectors(member.selectors));
            else if (isRuleRequire(member) && member.condition) {
                info.require.push({
                    condition: this.selectors.condition(member.condition),
                    text: (member.condition.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim(),
                });
            }
        }
        return info;
    }

    protected queryInfo(node: QueryDecl): GraphQuery {
        const info: GraphQuery = {
            id: qualifiedName(node)!,
            name: node.name,
            package: packageOf(node),
            clauses: [],
            columns: [],
            location: this.location(node, 'name'),
        };
        if (node.title !== undefined) info.title = node.title;
        info.clauses = this.selectors.clauses(node.members.filter(isClause));
        info.columns = node.members.filter(isQueryColumns).flatMap(m => m.columns);
        const groupBy = node.members.filter(isQueryGroup).at(-1)?.by;
        if (groupBy !== undefined) info.groupBy = groupBy;
        const sums = node.members.filter(isQuerySum).flatMap(m => m.fields);
        if (sums.length > 0) info.sums = sums;
        return info;
    }

    protected addObject(fragment: DocumentFragment, node: PomObject, parent: GraphObject | undefined, file: string): void {
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
            location: this.location(node, 'name', file),
        };
        if (node.title !== undefined) object.title = node.title;
        if (parent) object.parent = parent.id;
        const fields = object.fields;
        // One pass over the members for the fields set and the exceptions (most objects have none: no list is made).
        let allow: Suppression[] | undefined;
        let nested = false;
        const members = node.members;
        for (let i = 0; i < members.length; i++) {
            const member = members[i];
            // Tested by $type: Field, Suppression and PomObject have no subtypes.
            if (member.$type === 'Field') {
                const decl = member.field?.ref;
                const value = decl && typedValue(member.value, decl);
                if (decl && value !== undefined && !(decl.name in fields)) fields[decl.name] = value;
            } else if (member.$type === 'Suppression') {
                if (member.code && member.reason !== undefined) {
                    (allow ??= []).push({ code: member.code, reason: member.reason, location: this.location(member, 'code', file) });
                }
            } else if (member.$type === 'PomObject') nested = true;
        }
        // The declarations, each under its own name (as ObjectValidator.checkFields): no [name, decl] pair per field.
        const decls = this.types.fieldList(type);
        for (let i = 0; i < decls.length; i++) {
            const decl = decls[i];
            const name = decl.name;
            if (name in fields) continue;
            const inherited = decl.inherited && parent ? inheritedField(parent, name) : undefined;
            if (inherited) {
                fields[name] = inherited.value!;
                object.inherited.push(inherited);
            } else if (decl.default) {
                const value = toValue(decl.default);
                if (value !== undefined) {
                    fields[name] = value;
                    object.defaults.push(name);
                }
            }
        }
        if (object.defaults.length > 1) object.defaults.sort(compareIds);
        if (allow) object.allow = allow;
        fragment.objects.push({ object, node });
        if (!nested) return;
        for (let i = 0; i < members.length; i++) {
            const member = members[i];
            if (member.$type === 'PomObject') this.addObject(fragment, member, object, file);
        }
    }

    protected addLinks(fragment: DocumentFragment, object: GraphObject, node: PomObject, file: string): void {
        const members = node.members;
        for (let i = 0; i < members.length; i++) {
            const member = members[i];
            if (member.$type !== 'LinkStatement') continue;
            const kind = member.kind?.ref;
            const decl = this.types.linkDecl(kind);
            const kindId = decl && qualifiedName(decl);
            if (!kind || !decl || !kindId) continue;
            const inverse = isLinkInverse(kind);
            const inverseName = decl.inverses[0]?.name;
            const targets = member.targets;
            for (let j = 0; j < targets.length; j++) {
                const target = targets[j];
                const other = target.target?.ref;
                const otherId = other && qualifiedName(other);
                if (!other || otherId === undefined) continue;
                fragment.links.push({
                    kind: kindId,
                    kindName: decl.name,
                    inverse: inverseName,
                    source: inverse ? otherId : object.id,
                    target: inverse ? object.id : otherId,
                    meta: this.metadata(target.entries, decl),
                    // The reference's own syntax node is the one the grammar assigns to `target`: no search for it.
                    location: this.locationOf(target.target.$refNode ?? firstNodeForProperty(target.$cstNode, 'target') ?? target.$cstNode, file),
                    writtenIn: object.id,
                    other,
                });
            }
        }
    }

    /** The link's metadata: given, then defaulted. NO_META (shared) when there is neither. */
    protected metadata(entries: ReadonlyArray<{ key: { ref?: FieldDecl }; value: Value }>, decl: LinkDecl): Record<string, FieldValue> {
        let meta: Record<string, FieldValue> | undefined;
        for (let i = 0; i < entries.length; i++) {
            const entry = entries[i];
            const key = entry.key?.ref;
            const value = key && typedValue(entry.value, key);
            // `in` on NO_META answers as on an empty record: the same names are taken.
            if (key && value !== undefined && !(key.name in (meta ?? NO_META))) (meta ??= {})[key.name] = value;
        }
        const fields = decl.metadata;
        for (let i = 0; i < fields.length; i++) {
            const field = fields[i];
            if (!(field.name in (meta ?? NO_META)) && field.default) {
                const value = toValue(field.default);
                if (value !== undefined) (meta ??= {})[field.name] = value;
            }
        }
        return meta ?? NO_META;
    }

    /** Owner and scope (links declared `inherited`) flow from a container to objects that set none. */
    inherit(object: GraphObject, objects: Map<string, GraphObject>, linkKinds: LinkKindInfo[]): void {
        const parent = object.parent ? objects.get(object.parent) : undefined;
        if (!parent) return;
        for (let i = 0; i < linkKinds.length; i++) {
            const kind = linkKinds[i];
            if (!kind.inherited || hasLinkOfKind(object.links, kind.id)) continue;
            // A container never hands an object a link to itself (a team that owns its nested lead).
            let own: string[] | undefined;
            const links = parent.links;
            for (let j = 0; j < links.length; j++) if (links[j].kind === kind.id && links[j].target !== object.id) (own ??= []).push(links[j].target);
            if (own) {
                object.inherited.push({ link: kind.id, targets: own.sort(compareIds), from: parent.id });
                continue;
            }
            const further = inheritedLink(parent, kind.id);
            const targets = further?.targets && withoutTarget(further.targets, object.id);
            if (further && targets && targets.length > 0) object.inherited.push({ ...further, targets });
        }
    }

    protected typeInfo(type: TypeDecl): TypeInfo {
        const id = qualifiedName(type)!;
        const parent = type.superType?.ref ? qualifiedName(type.superType.ref) : id === ROOT_TYPE ? undefined : ROOT_TYPE;
        return clean({
            id,
            name: type.name,
            title: type.title,
            extends: parent,
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
            id: qualifiedName(enumDecl)!,
            name: enumDecl.name,
            title: enumDecl.title,
            ordered: enumDecl.ordered,
            members: enumDecl.members.filter(m => m.name).map(m => clean({ name: m.name, title: m.title })),
            location: this.location(enumDecl, 'name'),
        });
    }

    protected linkInfo(link: LinkDecl): LinkKindInfo {
        const ids = (refs: LinkDecl['sources']) => refs.map(r => (r.ref && qualifiedName(r.ref)) ?? r.$refText);
        return clean({
            id: qualifiedName(link)!,
            name: link.name,
            title: link.title,
            inverse: link.inverses[0]?.name,
            from: ids(link.sources),
            to: ids(link.targets),
            single: link.flags.includes('single'),
            exclusive: link.flags.includes('exclusive'),
            acyclic: link.flags.includes('acyclic'),
            inherited: link.flags.includes('inherited'),
            lineage: link.flags.includes('upstream') ? 'upstream' : link.flags.includes('lineage') ? 'forward' : undefined,
            metadata: link.metadata.filter(f => f.name).map(f => this.fieldInfo(f)),
            location: this.location(link, 'name'),
        });
    }

    /** The last file named: a file's objects are built one after another, and a weak map's look-up is not free. */
    private lastFile?: { root: AstNode; name: string };

    protected fileName(root: AstNode): string {
        if (this.lastFile?.root === root) return this.lastFile.name;
        let name = this.fileNames.get(root);
        if (name === undefined) this.fileNames.set(root, (name = this.paths.display(root.$document!.uri)));
        this.lastFile = { root, name };
        return name;
    }

    /** Where the node (or the part of it the grammar assigns to `property`) is written; `file`: its document's, if known. */
    protected location(node: AstNode, property?: string, file?: string): SourceLocation {
        const cst = (property && firstNodeForProperty(node.$cstNode, property)) || node.$cstNode;
        if (file === undefined) {
            let root: AstNode = node;
            while (root.$container) root = root.$container;
            file = this.fileName(root);
        }
        return this.locationOf(cst, file);
    }

    protected locationOf(cst: CstNode | undefined, file: string): SourceLocation {
        // Most locations are a name or a reference, one token: read from it, without the range objects it would make.
        if (cst instanceof SyntaxLeaf) {
            return { file, line: cst.startLine, column: cst.startColumn, endLine: cst.endLine, endColumn: cst.endColumn + 1 };
        }
        const range = cst ? rangeOf(cst) : NO_RANGE;
        return {
            file,
            line: range.start.line + 1,
            column: range.start.character + 1,
            endLine: range.end.line + 1,
            endColumn: range.end.character + 1,
        };
    }
}

/**
 * Whether a link belongs in the graph: both ends are the canonical objects the document linked to (not a
 * duplicate definition of the same id), and the object that writes it is in the graph.
 */
export function linkHolds(link: FragmentLink, objects: ReadonlyMap<string, GraphObject>, nodes: ReadonlyMap<string, PomObject>): boolean {
    const otherId = link.source === link.writtenIn ? link.target : link.source;
    return nodes.get(otherId) === link.other && objects.has(link.writtenIn);
}

/** Adds the link at both ends, or returns the warning for a link its source already has. */
export function attachLink(link: FragmentLink, source: GraphObject, dest: GraphObject): GraphDiagnostic | undefined {
    if (hasLink(source.links, link.kind, dest.id)) {
        return {
            severity: 'warning',
            code: IssueCodes.DuplicateLink,
            location: link.location,
            object: link.writtenIn,
            message: `The '${link.kindName}' link from '${source.id}' to '${dest.id}' is written twice; keep one.`,
        };
    }
    source.links.push({ kind: link.kind, target: dest.id, meta: link.meta, location: link.location });
    // Made whole, in the same key order: `inverse` added afterwards would not fit in the object, and every backlink of a
    // kind with an inverse would get a separate property store.
    const backlink: InLink =
        link.inverse === undefined
            ? { kind: link.kind, source: source.id, meta: link.meta, location: link.location }
            : { kind: link.kind, source: source.id, meta: link.meta, location: link.location, inverse: link.inverse };
    dest.backlinks.push(backlink);
    return undefined;
}

/** What the object inherits of the link kind. Loops, not closures: a closure here is made for every object and kind. */
function inheritedLink(object: GraphObject, kind: string): InheritedValue | undefined {
    const all = object.inherited;
    for (let i = 0; i < all.length; i++) if (all[i].link === kind) return all[i];
    return undefined;
}

/** The targets but `target`, a new list. */
function withoutTarget(targets: readonly string[], target: string): string[] {
    const rest: string[] = [];
    for (let i = 0; i < targets.length; i++) if (targets[i] !== target) rest.push(targets[i]);
    return rest;
}

/** Whether `links` has one of the kind. */
function hasLinkOfKind(links: readonly OutLink[], kind: string): boolean {
    for (let i = 0; i < links.length; i++) if (links[i].kind === kind) return true;
    return false;
}

/** Whether `links` has one of the kind to the target: a loop, as it is asked for every link attached. */
function hasLink(links: readonly OutLink[], kind: string, target: string): boolean {
    for (let i = 0; i < links.length; i++) if (links[i].kind === kind && links[i].target === target) return true;
    return false;
}

/** Links by kind then target, backlinks by kind then source, children by id: the graph's fixed order. */
export function sortObjectLinks(object: GraphObject): void {
    // Sorting copies the list first; an editor's graph re-sorts the links of every object an edit touches, most
    // of them in order already.
    sortUnlessSorted(object.links, byKindAndTarget);
    sortUnlessSorted(object.backlinks, byKindAndSource);
    sortUnlessSorted(object.children, compareIds);
}

const byKindAndTarget = (a: OutLink, b: OutLink) => compareIds(a.kind, b.kind) || compareIds(a.target, b.target);
const byKindAndSource = (a: InLink, b: InLink) => compareIds(a.kind, b.kind) || compareIds(a.source, b.source);

function sortUnlessSorted<T>(list: T[], compare: (a: T, b: T) => number): void {
    for (let i = 1; i < list.length; i++) {
        if (compare(list[i - 1], list[i]) > 0) {
            if (list.length <= SHORT_LIST) insertionSort(list, i, compare);
            else list.sort(compare);
            return;
        }
    }
}

/** Up to this length a list is sorted in place: Array.prototype.sort copies it and makes its own state on every call. */
const SHORT_LIST = 16;

/** Sorts `list`, whose items before `from` are in order, in place; stable, as Array.prototype.sort is. */
function insertionSort<T>(list: T[], from: number, compare: (a: T, b: T) => number): void {
    for (let i = from; i < list.length; i++) {
        const item = list[i];
        let j = i;
        while (j > 0 && compare(list[j - 1], item) > 0) {
            list[j] = list[j - 1];
            j--;
        }
        list[j] = item;
    }
}

function inheritedField(parent: GraphObject, name: string): { field: string; value: FieldValue; from: string } | undefined {
    if (!(name in parent.fields) || parent.defaults.includes(name)) return undefined;
    const further = parent.inherited.find(i => i.field === name);
    return { field: name, value: parent.fields[name], from: further?.from ?? parent.id };
}

/** The value, if it has the declared type (a wrong one is reported by validation and left out of the graph). */
function typedValue(value: Value | undefined, decl: FieldDecl): FieldValue | undefined {
    const type = decl.type;
    if (!value || !type) return undefined;
    // Asked for every field and metadata value written: no list or closure is made to test one value.
    const isList = value.$type === 'ListValue';
    if (type.list !== isList) return undefined;
    if (value.$type === 'ListValue') {
        const items = value.items;
        for (let i = 0; i < items.length; i++) if (!fits(items[i], type)) return undefined;
    } else if (!fits(value, type)) {
        return undefined;
    }
    return toValue(value);
}

/** Whether one (non-list) value has the field type's primitive or enum type. Values are told apart by $type: they have no subtypes. */
function fits(item: Value, type: FieldType): boolean {
    switch (type.primitive) {
        case 'text':
            return item.$type === 'TextValue';
        case 'number':
            return item.$type === 'NumberValue';
        case 'boolean':
            return item.$type === 'BooleanValue';
        case 'date':
            return item.$type === 'DateValue' && isValidDate(item.value);
        default:
            return item.$type === 'EnumValue' && item.member?.ref?.$container === type.enumType?.ref;
    }
}

export function toValue(value: Value | undefined): FieldValue | undefined {
    if (!value) return undefined;
    switch (value.$type) {
        case 'TextValue':
        case 'NumberValue':
        case 'DateValue':
            return value.value;
        case 'BooleanValue':
            return value.value === 'true';
        case 'EnumValue':
            return value.member?.ref?.name;
        case 'ListValue': {
            const items = value.items.map(toValue);
            return items.every(item => item !== undefined) ? items : undefined;
        }
    }
    return undefined;
}

function hasBrokenReference(node: AstNode): boolean {
    for (const child of AstUtils.streamAst(node)) {
        for (const reference of AstUtils.streamReferences(child)) {
            if (reference.reference.error) return true;
        }
    }
    return false;
}

/** A selector the builder had to drop (containment on a type), reported by validation. */
function hasInvalidSelector(node: ViewDecl): boolean {
    return AstUtils.streamAst(node).some(child => isSelector(child) && !!child.containment && isTypeDecl(child.head?.ref));
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareIds(a, b)));
}

/** Drops undefined properties so the JSON holds only what is there. */
function clean<T extends object>(value: T): T {
    for (const key of Object.keys(value) as Array<keyof T>) {
        if (value[key] === undefined) delete value[key];
    }
    return value;
}
