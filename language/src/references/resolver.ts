import { AstUtils, type AstNode, type AstNodeDescription, type AstNodeDescriptionProvider, type ReferenceInfo } from 'langium';
import {
    Comparison,
    CountCondition,
    type EnumMember,
    EnumValue,
    Field,
    type FieldDecl,
    FieldType,
    HasCondition,
    isClause,
    isComparison,
    isField,
    isFieldDecl,
    isListValue,
    isMetaEntry,
    isPomObject,
    isRuleDecl,
    isRuleFor,
    isSelector,
    isTypeDecl,
    LinkCondition,
    LinkDecl,
    LinkKindList,
    LinkStatement,
    LinkTarget,
    MetaEntry,
    PathCondition,
    PomFile,
    PomObject,
    Selector,
    TypeDecl,
    ViewDecl,
    ViewLinks,
} from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { Namespace, PomIndex, PomIndexProvider } from './pom-index.js';
import { STD_PACKAGE, fileOf, joinName, normalizeReference, packageOf, qualifiedName } from './names.js';
import { closest, listWords } from '../util/suggest.js';
import { sharesCondition } from '../model/selector-builder.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { Std } from '../graph/std-ids.js';

/** The outcome of resolving one reference. */
export type Resolution =
    | { kind: 'found'; description: AstNodeDescription }
    | { kind: 'ambiguous'; candidates: string[]; message: string; code: string }
    | { kind: 'missing'; message: string; code: string }
    /** Not resolvable because something it depends on is already broken (and reported). */
    | { kind: 'silent' };

type Found = Extract<Resolution, { kind: 'found' }>;

/** What a reference's text resolves against: its namespace and where it was written. */
export interface LookupContext {
    namespace: Namespace;
    pkg: string;
    imports: string[];
    /** Ids of the enclosing objects, innermost first: their children are visible by simple name. */
    lexical: string[];
    /** The object (or file) the reference is written in. */
    owner?: AstNode;
    /** The namespace, package and imports as one key: contexts with the same one share their answers beyond the enclosing objects. */
    sharedKey?: string;
}

const STD_ONLY = [STD_PACKAGE];

/** The id space a reference looks in, by the type of the node it is written in (a selector's depends on the property). */
const NAMESPACE_OF_CONTAINER: Partial<Record<string, Namespace>> = {
    [PomObject.$type]: 'type',
    [TypeDecl.$type]: 'type',
    [LinkDecl.$type]: 'type',
    [FieldType.$type]: 'enum',
    [LinkStatement.$type]: 'link',
    [LinkKindList.$type]: 'link',
    [ViewLinks.$type]: 'link',
    [LinkCondition.$type]: 'link',
    [CountCondition.$type]: 'link',
    [LinkTarget.$type]: 'object',
    [ViewDecl.$type]: 'view',
};

const what: Record<Namespace, string> = {
    object: 'object',
    type: 'type',
    enum: 'enum',
    link: 'link kind',
    view: 'view',
    rule: 'rule',
    query: 'query',
};

/**
 * Resolves references with hash look-ups, in tiers:
 *   1. children of the enclosing objects, innermost first (objects only);
 *   2. the file's own package;
 *   3. imported packages and objects;
 *   4. the standard library;
 *   5. the reference as a full id.
 * The first tier with a match decides; two matches within a tier are an ambiguity error naming both.
 */
export class PomResolver {
    protected readonly indexProvider: PomIndexProvider;
    protected readonly types: PomTypeSystem;
    protected readonly descriptions: AstNodeDescriptionProvider;

    constructor(services: PomServices) {
        this.indexProvider = services.references.PomIndex;
        this.types = services.model.TypeSystem;
        this.descriptions = services.workspace.AstNodeDescriptionProvider;
    }

    resolve(info: ReferenceInfo): Resolution {
        return this.resolveReference(info.reference.$refText, info.container, info.property);
    }

    /** What a reference written `refText` as the `property` of `container` means. */
    resolveReference(refText: string, container: AstNode, property: string): Resolution {
        const text = normalizeReference(refText);
        if (!text) return { kind: 'silent' };
        // By the container's type name, not a chain of type guards: every reference of a compile comes through here.
        switch (container.$type) {
            case Field.$type:
                return this.resolveField((container as Field).$container, text);
            case MetaEntry.$type:
                return this.resolveMetaKey(container as MetaEntry, text);
            case EnumValue.$type:
                return this.resolveEnumMember(container, text);
            case Comparison.$type:
            case HasCondition.$type:
                return this.resolveConditionField(container as Comparison | HasCondition, text);
        }
        if (this.isSelectable(container, property)) return this.resolveSelectable(text, container);
        const namespace = this.namespaceOf(container, property);
        if (!namespace) return { kind: 'silent' };
        const owner = ownerOf(container);
        return this.resolveId(text, this.contextAt(owner, namespace), owner);
    }

    protected isSelectable(container: AstNode, property: string): boolean {
        switch (container.$type) {
            case Selector.$type:
                return property === 'head' || property === 'reaches';
            case LinkCondition.$type:
            case PathCondition.$type:
            case CountCondition.$type:
                return property === 'target';
            default:
                return false;
        }
    }

    /** A type if there is one by that name, else an object. */
    protected resolveSelectable(text: string, container: AstNode): Resolution {
        const asType = this.resolveId(text, this.contextOf(container, 'type'));
        if (asType.kind !== 'missing') return asType;
        const asObject = this.resolveId(text, this.contextOf(container, 'object'));
        if (asObject.kind !== 'missing') return asObject;
        const hint = [asType, asObject].map(r => / Did you mean '[^']*'\?/.exec(r.message)?.[0]).find(Boolean) ?? '';
        return { kind: 'missing', code: IssueCodes.UnknownType, message: `No type or object '${text}'.${hint}` };
    }

    /**
     * The types a condition's fields belong to: those its selector starts from (a rule's `require` sees the
     * types of its `for`). Undefined means any type (`*`, or an object selector).
     */
    conditionTypes(node: AstNode, selectors: readonly Selector[] = this.conditionSelectors(node)): TypeDecl[] | undefined {
        const types: TypeDecl[] = [];
        for (const s of selectors) {
            const head = s.head?.ref;
            if (s.all || !head) return undefined;
            if (isTypeDecl(head)) types.push(head);
            else if (isPomObject(head) && head.type?.ref && !s.containment) types.push(head.type.ref);
            else return undefined;
        }
        return types.length > 0 ? types : undefined;
    }

    /** The selectors whose objects a condition tests: its own, those sharing it, or a rule's `for`. */
    protected conditionSelectors(node: AstNode): Selector[] {
        const selector = AstUtils.getContainerOfType(node, isSelector);
        const list = selector && (isClause(selector.$container) || isRuleFor(selector.$container)) ? selector.$container.selectors : [];
        return selector
            ? list.length > 1 && list[list.length - 1] === selector && sharesCondition(list)
                ? list
                : [selector]
            : (AstUtils.getContainerOfType(node, isRuleDecl)
                  ?.members.filter(isRuleFor)
                  .flatMap(f => f.selectors) ?? []);
    }

    protected resolveConditionField(condition: Comparison | HasCondition, name: string): Resolution {
        // A misspelt type in the selector has its error; which fields it would have is unknown, so none is reported.
        const selectors = this.conditionSelectors(condition);
        if (selectors.some(s => s.head !== undefined && s.head.ref === undefined)) return { kind: 'silent' };
        const types = this.conditionTypes(condition, selectors);
        const candidates = types ?? this.indexProvider.index.types;
        for (const type of candidates) {
            const field = this.types.fields(type).get(name);
            if (field) return this.describe(field);
        }
        const derived = this.derivedFacts()?.get(name);
        if (derived) return this.describe(derived);
        if (!types) {
            return { kind: 'missing', code: IssueCodes.UnknownField, message: `No type has a field '${name}'.` };
        }
        const known = [...new Set(types.flatMap(type => [...this.types.fields(type).keys()]))];
        const isLink = this.resolveId(name, this.contextOf(condition, 'link')).kind === 'found';
        const names = types.map(t => t.name).join(' or ');
        const field = closest(name, known);
        // A near miss of a link kind (`has ownerr`): the link, written as a link.
        const link = isLink || field ? undefined : closest(name, this.indexProvider.index.linkNames);
        const hint = isLink
            ? ` '${name}' is a link kind: write '${name} -> <target>'.`
            : field
              ? ` Did you mean '${field}'?`
              : link
                ? ` Did you mean the link kind '${link}'? Write '${link} -> <target>'.`
                : ` Its fields are: ${known.join(', ')}.`;
        return { kind: 'missing', code: IssueCodes.UnknownField, message: `Type '${names}' has no field '${name}'.${hint}` };
    }

    /** The derived facts every object has (std.derived-facts): conditions test them like fields. */
    protected derivedFacts(): Map<string, FieldDecl> | undefined {
        const node = this.indexProvider.index.ids.type.get(Std.derivedFacts)?.[0]?.node;
        return node && isTypeDecl(node) ? this.types.fields(node) : undefined;
    }

    private readonly memberResolutions = new WeakMap<FieldDecl | EnumMember, Found>();

    /** The shortest way to write `id` where the context is. */
    shortestName(id: string, context: LookupContext): string {
        for (const prefix of [context.pkg, ...context.imports.filter(i => this.indexProvider.index.packages.has(i)), STD_PACKAGE]) {
            if (prefix && id.startsWith(prefix + '.')) return id.slice(prefix.length + 1);
        }
        return id;
    }

    protected namespaceOf(container: AstNode, property: string): Namespace | undefined {
        const type = container.$type;
        return type === Selector.$type ? (property === 'around' ? 'object' : undefined) : NAMESPACE_OF_CONTAINER[type];
    }

    /** The objects' look-up contexts (the only ones that depend on the object: they see its children). */
    private objectContexts = new WeakMap<AstNode, LookupContext>();

    /**
     * Drops the look-up contexts kept per object (they are made again when asked for). A one-shot compile calls it
     * once every document is linked: kept, they are a twentieth of what the compile holds at its peak.
     */
    forgetContexts(): void {
        this.objectContexts = new WeakMap();
    }

    contextOf(node: AstNode, namespace: Namespace): LookupContext {
        return this.contextAt(ownerOf(node), namespace);
    }

    /**
     * The context of the references written in `owner` (as `ownerOf` answers). Only object references see the
     * enclosing objects: in the other namespaces every reference of a file shares one context, whose owner is the file.
     */
    protected contextAt(owner: AstNode, namespace: Namespace): LookupContext {
        if (namespace !== 'object') {
            const names = fileNames(fileOf(owner));
            return (names.contexts[namespace] ??= {
                namespace,
                pkg: names.pkg,
                imports: names.imports,
                lexical: [],
                owner: names.file,
                sharedKey: names.sharedKey(namespace),
            });
        }
        let context = this.objectContexts.get(owner);
        if (!context) this.objectContexts.set(owner, (context = this.computeContext(owner, namespace)));
        return context;
    }

    protected computeContext(node: AstNode, namespace: Namespace): LookupContext {
        const lexical: string[] = [];
        if (namespace === 'object') {
            for (let object = AstUtils.getContainerOfType(node, isPomObject); object; object = AstUtils.getContainerOfType(object.$container, isPomObject)) {
                const id = qualifiedName(object);
                if (id) lexical.push(id);
            }
        }
        const names = fileNames(fileOf(node));
        return { namespace, pkg: names.pkg, imports: names.imports, lexical, owner: node, sharedKey: names.sharedKey(namespace) };
    }

    /** `owner`: the object (or file) the reference is written in, when the context is shared beyond it. */
    resolveId(text: string, context: LookupContext, owner = context.owner): Resolution {
        const index = this.indexProvider.index;
        const map = index.ids[context.namespace];
        const lexical = context.lexical;
        for (let i = 0; i < lexical.length; i++) {
            // Most enclosing objects have no children: then no id is made to look up (a string per link written).
            if (context.namespace === 'object' && !index.hasChildObjects(lexical[i])) continue;
            const found = map.get(`${lexical[i]}.${text}`);
            if (found) return { kind: 'found', description: found[0] };
        }
        // The same type and link names are written from the same packages thousands of times (a one-shot compile),
        // or hundreds in the documents an edit relinks; beyond the enclosing objects the answer depends only on the
        // index, which does not change while documents are linked. A missing name is not kept: its message depends
        // on where it is written.
        const table = this.sharedResolutions(index, context);
        let resolution = table.get(text);
        if (!resolution) {
            resolution = this.resolveBeyondObjects(text, context, index, owner);
            if (resolution.kind !== 'missing') table.set(text, resolution);
        }
        return resolution;
    }

    /**
     * The answers for the current index only, by context key: an editor makes a new index after each edit, and
     * answers kept for an older one would hold on to the syntax trees it was made from.
     */
    private resolutions?: { index: PomIndex; tables: Map<string, Map<string, Resolution>> };

    /** The table of answers for references written in the context's package, with its imports, in its namespace. */
    protected sharedResolutions(index: PomIndex, context: LookupContext): Map<string, Resolution> {
        if (this.resolutions?.index !== index) this.resolutions = { index, tables: new Map() };
        const key = (context.sharedKey ??= `${context.namespace} ${context.pkg} ${context.imports.join(' ')}`);
        let table = this.resolutions.tables.get(key);
        if (!table) this.resolutions.tables.set(key, (table = new Map<string, Resolution>()));
        return table;
    }

    /** Tiers 2 to 5: the file's package, its imports, the standard library, the full id. */
    protected resolveBeyondObjects(text: string, context: LookupContext, index: PomIndex, owner = context.owner): Resolution {
        const map = index.ids[context.namespace];
        const own = map.get(joinName(context.pkg, text));
        if (own) return { kind: 'found', description: own[0] };

        // Explicit imports first, then the standard library every file sees.
        const imported = this.resolveImported(text, context.imports, map, index) ?? this.resolveImported(text, STD_ONLY, map, index);
        if (imported) return imported;
        const absolute = map.get(text);
        if (absolute) return { kind: 'found', description: absolute[0] };
        return this.missing(text, context, owner);
    }

    /** What `text` means through `targets` (imports): undefined if nothing, ambiguous if more than one id. */
    protected resolveImported(text: string, targets: readonly string[], map: Map<string, AstNodeDescription[]>, index: PomIndex): Resolution | undefined {
        // Mostly one id matches, or none: a map of them only once a second one does.
        let firstId: string | undefined;
        let first: AstNodeDescription | undefined;
        let imported: Map<string, AstNodeDescription> | undefined;
        for (let t = 0; t < targets.length; t++) {
            const target = targets[t];
            // What `text` names through the import: a member of the package, then the imported object or one of its
            // children (no list of them is made per import and reference resolved).
            const viaPackage = index.packages.has(target) ? `${target}.${text}` : undefined;
            const viaObject = importedObjectId(target, text);
            for (let k = 0; k < 2; k++) {
                const id = k === 0 ? viaPackage : viaObject;
                if (id === undefined) continue;
                const found = map.get(id);
                if (!found) continue;
                if (imported) {
                    imported.set(id, found[0]);
                } else if (firstId === undefined || firstId === id) {
                    firstId = id;
                    first = found[0];
                } else {
                    imported = new Map([
                        [firstId, first!],
                        [id, found[0]],
                    ]);
                }
            }
        }
        if (!imported) return first && { kind: 'found', description: first };
        const candidates = [...imported.keys()].sort();
        return {
            kind: 'ambiguous',
            candidates,
            code: IssueCodes.AmbiguousReference,
            message: `'${text}' is ambiguous: it could be ${listWords(candidates)}. Write the full id of the one you mean.`,
        };
    }

    protected missing(text: string, context: LookupContext, owner = context.owner): Resolution {
        const index = this.indexProvider.index;
        const map = index.ids[context.namespace];
        // Suggest among what is visible from here, written as it would be written here.
        const visible: string[] = [];
        const last = text.slice(text.lastIndexOf('.') + 1);
        for (const id of map.keys()) {
            const name = id.slice(id.lastIndexOf('.') + 1);
            if (Math.abs(name.length - last.length) <= 3) visible.push(this.shortestName(id, context));
        }
        const suggestion = closest(text, visible);
        const hint = suggestion
            ? ` Did you mean '${suggestion}'?`
            : context.namespace === 'object' && !text.includes('.') && context.imports.length === 0
              ? ' Objects of other packages need their full id or an import.'
              : '';
        if (context.namespace === 'link' && owner && isPomObject(owner)) {
            const type = owner.type?.ref;
            if (type && this.types.fields(type).has(text)) {
                return { kind: 'missing', code: IssueCodes.UnknownLink, message: `'${text}' is a field of ${type.name}, not a link: write '${text}: …'.` };
            }
        }
        const code = {
            object: IssueCodes.UnknownObject,
            type: IssueCodes.UnknownType,
            enum: IssueCodes.UnknownType,
            link: IssueCodes.UnknownLink,
            view: IssueCodes.UnknownView,
            rule: IssueCodes.UnknownObject,
            query: IssueCodes.UnknownObject,
        }[context.namespace];
        return { kind: 'missing', code, message: `Unknown ${what[context.namespace]} '${text}'.${hint}` };
    }

    protected resolveField(object: PomObject, name: string): Resolution {
        const type = object.type?.ref;
        if (!type) return { kind: 'silent' };
        const field = this.types.fields(type).get(name);
        if (field) return this.describe(field);
        const known = [...this.types.fields(type).keys()];
        const isLink = this.resolveId(name, this.contextOf(object, 'link')).kind === 'found';
        const hint = isLink
            ? ` '${name}' is a link kind: write '${name} -> <target>'.`
            : closest(name, known)
              ? ` Did you mean '${closest(name, known)}'?`
              : ` Its fields are: ${known.join(', ')}.`;
        return { kind: 'missing', code: IssueCodes.UnknownField, message: `Type '${type.name}' has no field '${name}'.${hint}` };
    }

    protected resolveMetaKey(entry: MetaEntry, name: string): Resolution {
        const statement = entry.$container.$container;
        const decl = this.types.linkDecl(statement.kind.ref);
        if (!decl) return { kind: 'silent' };
        const field = named(decl.metadata, name);
        if (field) return this.describe(field);
        const known = decl.metadata.map(m => m.name);
        const hint =
            known.length === 0
                ? ` '${decl.name}' links carry no metadata.`
                : closest(name, known)
                  ? ` Did you mean '${closest(name, known)}'?`
                  : ` Its metadata is: ${known.join(', ')}.`;
        return { kind: 'missing', code: IssueCodes.UnknownField, message: `Link '${decl.name}' has no metadata '${name}'.${hint}` };
    }

    protected resolveEnumMember(value: AstNode, name: string): Resolution {
        const field = this.declaringField(value);
        if (!field) return { kind: 'silent' };
        if (field.type?.primitive) {
            return {
                kind: 'missing',
                code: IssueCodes.WrongValueType,
                message:
                    `'${field.name}' takes ${article(field.type.primitive)}, not a name.` + (field.type.primitive === 'text' ? ` Quote it: "${name}".` : ''),
            };
        }
        const enumDecl = this.types.enumOf(field);
        if (!enumDecl) return { kind: 'silent' };
        const member = named(enumDecl.members, name);
        if (member) return this.describe(member);
        const names = enumDecl.members.map(m => m.name);
        const suggestion = closest(name, names);
        return {
            kind: 'missing',
            code: IssueCodes.UnknownEnumMember,
            message: `'${name}' is not a member of ${enumDecl.name} (${names.join(', ')}).` + (suggestion ? ` Did you mean '${suggestion}'?` : ''),
        };
    }

    /** The field declaration whose type a value is checked against. */
    declaringField(value: AstNode): FieldDecl | undefined {
        let node: AstNode | undefined = value.$container;
        while (node && isListValue(node)) node = node.$container;
        if (isField(node)) return node.field?.ref;
        if (isMetaEntry(node)) return node.key?.ref;
        if (isFieldDecl(node)) return node;
        if (isComparison(node)) return node.field?.ref;
        return undefined;
    }

    /**
     * The answer for a reference to a field or enum member, one per member: 50k references at 10k objects ask. Its
     * description computes its path and segments when first read (PomAstNodeDescriptionProvider).
     */
    protected describe(node: FieldDecl | EnumMember): Found {
        let resolution = this.memberResolutions.get(node);
        if (!resolution) this.memberResolutions.set(node, (resolution = { kind: 'found', description: this.descriptions.createDescription(node, node.name) }));
        return resolution;
    }
}

/**
 * The object a reference is written in, else its file, else the node itself: what its look-up context is kept by.
 * By type name rather than `getContainerOfType(node, isPomObject)`, which asks the reflection at every step.
 */
function ownerOf(node: AstNode): AstNode {
    let root = node;
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (current.$type === PomObject.$type) return current;
        root = current;
    }
    return root.$type === PomFile.$type ? root : node;
}

/** What every reference of a file sees alike: its package and imports, and its contexts outside objects. */
class FileNames {
    readonly pkg: string;
    readonly imports: string[];
    readonly contexts: Partial<Record<Namespace, LookupContext>> = {};
    private readonly sharedKeys: Partial<Record<Namespace, string>> = {};

    constructor(readonly file: PomFile | undefined) {
        this.pkg = file ? packageOf(file) : '';
        this.imports = importsOf(file);
    }

    /** The key of `PomResolver.sharedResolutions` for this file's references in `namespace`. */
    sharedKey(namespace: Namespace): string {
        return (this.sharedKeys[namespace] ??= `${namespace} ${this.pkg} ${this.imports.join(' ')}`);
    }
}

const namesByFile = new WeakMap<PomFile, FileNames>();
const NO_FILE = new FileNames(undefined);

function fileNames(file: PomFile | undefined): FileNames {
    if (!file) return NO_FILE;
    let names = namesByFile.get(file);
    if (!names) namesByFile.set(file, (names = new FileNames(file)));
    return names;
}

export function importsOf(file: PomFile | undefined): string[] {
    return file ? file.imports.map(i => normalizeReference(i.target ?? '')).filter(Boolean) : [];
}

/** The ids `text` could mean through one import: a package import or an import of one declaration/object. */
/**
 * The id `text` names through an import of an object (`target`): the object itself when `text` is its last name, a
 * child when `text` starts with that name and a dot. Compared in place: no string is made unless one is found.
 */
function importedObjectId(target: string, text: string): string | undefined {
    const start = target.lastIndexOf('.') + 1;
    const length = target.length - start;
    if (text.length < length || !sameChars(target, start, text, length)) return undefined;
    if (text.length === length) return target;
    return text.charCodeAt(length) === 46 /* . */ ? target + text.slice(length) : undefined;
}

/** Whether `a` from `start` and `b` from 0 have the same `length` characters. */
function sameChars(a: string, start: number, b: string, length: number): boolean {
    for (let i = 0; i < length; i++) if (a.charCodeAt(start + i) !== b.charCodeAt(i)) return false;
    return true;
}

function article(primitive: string): string {
    return primitive === 'text' ? 'text' : `a ${primitive}`;
}

/**
 * The first of `list` with the name: a loop, where `find` with a closure over the name made V8 allocate what they share
 * on every call of the function (once per metadata key and enum value written).
 */
function named<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
    for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i];
    return undefined;
}
