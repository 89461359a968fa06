import { type AstNode, type LangiumDocument } from 'langium';
import { DefaultCompletionProvider, type CompletionProviderOptions } from 'langium/lsp';
import type { CancellationToken, CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import {
    isEnumDecl,
    isLinkDecl,
    isLinkInverse,
    isPomObject,
    isTypeDecl,
    type EnumDecl,
    type FieldDecl,
    type LinkDecl,
    type LinkName,
    type PomFile,
    type TypeDecl,
} from '../generated/langium/ast.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { STD_PACKAGE, isIdentified, packageOf, qualifiedName } from '../references/names.js';
import type { Namespace, PomIndexProvider } from '../references/pom-index.js';
import { importsOf, type LookupContext, type PomResolver } from '../references/resolver.js';
import { DIAGNOSTIC_CODES } from '../diagnostics/codes.js';
import { compareIds } from '../util/compare.js';
import { firstNodeForProperty } from '../util/ast-walk.js';
import { completionContext, type ObjectFrame, type Site } from './completion-context.js';
import type { PomLspServices } from './pom-lsp-module.js';

/** One thing completion may offer, before it is matched against what was typed. */
interface Candidate {
    label: string;
    kind: CompletionItemKind;
    /** Lower comes first among equally good matches. */
    group: number;
    detail?: string;
    /** The full id, when the label is a shorter way to write it: a typed qualified prefix may match it instead. */
    id?: string;
    /** What to write after the name (`: ` after a field, ` -> ` after a link) when the rest of the line is empty. */
    suffix?: string;
    additionalTextEdits?: TextEdit[];
}

const PRIMITIVES = ['text', 'number', 'date', 'boolean'];

/**
 * Completion from the cursor's real context (see completion-context.ts): what the grammar allows there and what the
 * enclosing object's type allows; matched by the typed prefix, where `.` and `-` start words; names written as the
 * shortest form that resolves from this file, and names of unimported packages with the `import` they need.
 */
export class PomCompletionProvider extends DefaultCompletionProvider {
    protected readonly types: PomTypeSystem;
    protected readonly resolver: PomResolver;
    protected readonly indexProvider: PomIndexProvider;

    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['.', ':', '>', '('] };

    constructor(services: PomLspServices) {
        super(services);
        this.types = services.model.TypeSystem;
        this.resolver = services.references.Resolver;
        this.indexProvider = services.references.PomIndex;
    }

    override async getCompletion(document: LangiumDocument, params: CompletionParams, _cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const { site, prefix, prefixStart } = completionContext(text, offset);
        const file = document.parseResult.value as PomFile;
        const candidates = new Map<string, Candidate>();
        for (const candidate of this.candidates(site, file)) if (!candidates.has(candidate.label)) candidates.set(candidate.label, candidate);

        const range = { start: document.textDocument.positionAt(prefixStart), end: params.position };
        const lineRest = text.slice(offset, (text.indexOf('\n', offset) + 1 || text.length + 1) - 1);
        const glued = prefix === '' && /[:>]$/.test(text.slice(0, offset));
        const items: CompletionItem[] = [];
        for (const candidate of candidates.values()) {
            const matched = match(candidate, prefix);
            if (!matched) continue;
            const name = matched.text;
            const suffix = candidate.suffix && lineRest.trim() === '' ? candidate.suffix : '';
            const newText = (glued ? ' ' : '') + name + suffix;
            items.push({
                label: name,
                kind: candidate.kind,
                detail: candidate.detail,
                sortText: `${matched.rank}${candidate.group}${name}`,
                filterText: name,
                textEdit: { range, newText },
                additionalTextEdits: matched.qualified ? undefined : candidate.additionalTextEdits,
                command: suffix ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
            });
        }
        items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : a.sortText! > b.sortText! ? 1 : 0));
        return { isIncomplete: false, items };
    }

    protected candidates(site: Site, file: PomFile): Candidate[] {
        switch (site.kind) {
            case 'none':
                return [];
            case 'all':
                return site.sites.flatMap(s => this.candidates(s, file));
            case 'top': {
                const words = ['type', 'enum', 'link', 'view', 'rule', 'query', 'settings'];
                if (site.import) words.unshift('import');
                if (site.package) words.unshift('package');
                return [...this.typeNames(file, [], 0), ...keywordCandidates(words, 1)];
            }
            case 'package':
                return [...this.indexProvider.index.packages]
                    .filter(p => p !== STD_PACKAGE)
                    .sort()
                    .map(p => ({ label: p, kind: CompletionItemKind.Module, group: 0 }));
            case 'import': {
                const own = packageOf(file);
                const imported = new Set(importsOf(file));
                return [...this.indexProvider.index.packages]
                    .filter(p => p !== STD_PACKAGE && p !== own && !imported.has(p))
                    .sort()
                    .map(p => ({ label: p, kind: CompletionItemKind.Module, group: 0, detail: 'package' }));
            }
            case 'keywords':
                return keywordCandidates(site.words, 2);
            case 'types':
                return this.typeNames(file, [], 0);
            case 'field-type':
                return [...keywordCandidates(PRIMITIVES, 0), ...this.names('enum', file, [], 1, () => true, CompletionItemKind.Enum)];
            case 'views':
                return this.names('view', file, [], 0, () => true, CompletionItemKind.Interface);
            case 'codes':
                return this.codes();
            case 'member':
                return this.members(site.objects, site.present, file);
            case 'value': {
                const type = this.objectType(site.objects, file);
                return this.values(type && this.types.fields(type).get(site.field));
            }
            case 'meta-value': {
                const decl = this.linkOf(site.link, site.objects, file);
                return this.values(decl?.metadata.find(m => m.name === site.key));
            }
            case 'default-value': {
                if (site.fieldType === 'boolean') return keywordCandidates(['true', 'false'], 0, CompletionItemKind.Value);
                const found = this.resolve(site.fieldType, 'enum', file, []);
                return isEnumDecl(found) ? enumMembers(found) : [];
            }
            case 'condition-value': {
                const field = this.headTypes(site.heads, file)
                    .map(type => this.types.fields(type).get(site.field))
                    .find(Boolean);
                return this.values(field);
            }
            case 'target':
                return this.targets(site.objects, site.link, site.present, file);
            case 'meta-key': {
                const decl = this.linkOf(site.link, site.objects, file);
                return (decl?.metadata ?? [])
                    .filter(m => m.name && !site.present.includes(m.name))
                    .map(m => ({ label: m.name, kind: CompletionItemKind.Field, group: 0, detail: this.types.describeType(m), suffix: ': ' }));
            }
            case 'link-kinds':
                return this.names('link', file, [], 0, () => true, CompletionItemKind.Property);
            case 'objects':
                return this.names('object', file, [], 0, () => true, CompletionItemKind.Reference);
            case 'selectable': {
                const result = [...this.typeNames(file, [], 0), ...this.names('object', file, [], 1, () => true, CompletionItemKind.Reference)];
                return site.star ? [...result, ...keywordCandidates(['*'], 2)] : result;
            }
            case 'fields':
                return this.fieldNames(this.headTypes(site.heads, file), 0, site.numbers === true);
            case 'condition': {
                const types = this.headTypes(site.heads, file);
                const links = this.names(
                    'link',
                    file,
                    [],
                    1,
                    node => types.length === 0 || types.some(type => this.linkAllowedFrom(node as LinkName, type)),
                    CompletionItemKind.Property,
                );
                return [...this.fieldNames(types, 0), ...links, ...keywordCandidates(['not', 'has', 'count', '~>', '<~'], 2)];
            }
            case 'condition-target': {
                const kind = this.resolve(site.link, 'link', file, []);
                const accepted = kind && (isLinkDecl(kind) || isLinkInverse(kind)) ? this.acceptedTargetTypes(kind) : undefined;
                const fits = (type: TypeDecl | undefined) => !accepted || (!!type && accepted.some(a => this.types.isSubtype(type, a)));
                return [
                    ...this.names('object', file, [], 0, node => isPomObject(node) && fits(node.type?.ref), CompletionItemKind.Reference),
                    ...this.names('type', file, [], 1, node => isTypeDecl(node) && fits(node), CompletionItemKind.Class),
                    ...keywordCandidates(['*', '('], 2),
                ];
            }
        }
    }

    /** Fields not yet set, the links the type may have, `allow`, and types of nested objects. */
    protected members(objects: ObjectFrame[], present: string[], file: PomFile): Candidate[] {
        const type = this.objectType(objects, file);
        if (!type) return keywordCandidates(['allow'], 2);
        const fields = [...this.types.fields(type).values()]
            .filter(f => f.name && (f.type?.list || !present.includes(f.name)))
            .map(f => ({
                label: f.name,
                kind: CompletionItemKind.Field,
                group: 0,
                detail: `${this.types.describeType(f)}${f.title ? ` — ${f.title}` : ''}`,
                suffix: ': ',
            }));
        const links = this.names('link', file, objects, 1, node => this.linkAllowedFrom(node as LinkName, type), CompletionItemKind.Property).map(c => ({
            ...c,
            suffix: ' -> ',
        }));
        return [...fields, ...links, ...keywordCandidates(['allow'], 2), ...this.typeNames(file, objects, 3)];
    }

    /** Objects of the types the link accepts, except the object itself and targets already listed. */
    protected targets(objects: ObjectFrame[], link: string, present: string[], file: PomFile): Candidate[] {
        const kind = this.resolve(link, 'link', file, objects);
        const accepted = kind && (isLinkDecl(kind) || isLinkInverse(kind)) ? this.acceptedTargetTypes(kind) : undefined;
        const self = this.objectIds(objects, file)[0];
        return this.names(
            'object',
            file,
            objects,
            0,
            node => {
                if (!isPomObject(node)) return false;
                if (!accepted) return true;
                const type = node.type?.ref;
                return !!type && accepted.some(a => this.types.isSubtype(type, a));
            },
            CompletionItemKind.Reference,
        ).filter(c => c.id !== self && !present.includes(c.label));
    }

    protected values(field: FieldDecl | undefined): Candidate[] {
        if (!field?.type) return [];
        if (field.type.primitive === 'boolean') return keywordCandidates(['true', 'false'], 0, CompletionItemKind.Value);
        const enumDecl = this.types.enumOf(field);
        return enumDecl ? enumMembers(enumDecl) : [];
    }

    protected codes(): Candidate[] {
        const builtIn = DIAGNOSTIC_CODES.filter(info => info.configurable).map(info => ({
            label: info.code,
            kind: CompletionItemKind.Constant,
            group: 0,
            detail: info.severity,
        }));
        const rules = [...this.indexProvider.index.ids.rule.keys()]
            .sort()
            .map(id => ({ label: id, kind: CompletionItemKind.Constant, group: 1, detail: 'rule' }));
        return [...builtIn, ...rules];
    }

    /** The fields of `types` (of every type if none), only the number fields if `numbers` (what `sum:` totals). */
    protected fieldNames(types: TypeDecl[], group: number, numbers = false): Candidate[] {
        const seen = new Map<string, FieldDecl>();
        for (const type of types.length > 0 ? types : this.indexProvider.index.types) {
            for (const [name, field] of this.types.fields(type)) {
                if (!seen.has(name) && (!numbers || field.type?.primitive === 'number')) seen.set(name, field);
            }
        }
        return [...seen.values()].map(f => ({ label: f.name, kind: CompletionItemKind.Field, group, detail: this.types.describeType(f) }));
    }

    protected typeNames(file: PomFile, objects: ObjectFrame[], group: number): Candidate[] {
        return this.names('type', file, objects, group, () => true, CompletionItemKind.Class);
    }

    /**
     * The ids of one namespace that pass `accept`, each labelled as the shortest name that resolves to it from here.
     * An object of a package this file does not import is labelled by its name in that package, with the import.
     */
    protected names(
        namespace: Namespace,
        file: PomFile,
        objects: ObjectFrame[],
        group: number,
        accept: (node: AstNode) => boolean,
        kind: CompletionItemKind,
    ): Candidate[] {
        const context = this.lookup(namespace, file, objects);
        const result: Candidate[] = [];
        const own = packageOf(file);
        // One edit per unimported package, however many of its objects are offered.
        const imports = new Map<string, TextEdit>();
        for (const [id, descriptions] of this.indexProvider.index.ids[namespace]) {
            const node = descriptions[0]?.node;
            if (!node || !accept(node)) continue;
            let label = this.labelFor(id, context);
            let additionalTextEdits: TextEdit[] | undefined;
            let detail = this.detail(node);
            const pkg = packageOf(node);
            if (label === id && namespace === 'object' && pkg && pkg !== own && !context.imports.includes(pkg) && id.startsWith(pkg + '.')) {
                label = id.slice(pkg.length + 1);
                let edit = imports.get(pkg);
                if (!edit) imports.set(pkg, (edit = importEdit(file, pkg)));
                additionalTextEdits = [edit];
                detail = `${detail} (adds import ${pkg})`;
            }
            result.push({ label, id, kind, group: additionalTextEdits ? group + 1 : group, detail, additionalTextEdits });
        }
        return result;
    }

    /** The shortest way to write `id` here that resolves to it. */
    protected labelFor(id: string, context: LookupContext): string {
        const shorter = new Set<string>();
        for (const prefix of [...context.lexical, context.pkg, ...context.imports, STD_PACKAGE]) {
            if (prefix && id.startsWith(prefix + '.')) shorter.add(id.slice(prefix.length + 1));
        }
        // `import acme.org.checkout-team` makes `checkout-team` (and its nested objects) visible by name.
        for (const target of context.imports) {
            if (id === target || id.startsWith(target + '.')) shorter.add(id.slice(target.lastIndexOf('.') + 1));
        }
        const ordered = [...shorter].sort((a, b) => a.length - b.length || compareIds(a, b));
        for (const name of ordered) {
            const found = this.resolver.resolveId(name, context);
            if (found.kind === 'found' && found.description.name === id) return name;
        }
        return id;
    }

    protected lookup(namespace: Namespace, file: PomFile, objects: ObjectFrame[]): LookupContext {
        return { namespace, pkg: packageOf(file), imports: importsOf(file), lexical: namespace === 'object' ? this.objectIds(objects, file) : [], owner: file };
    }

    /** The ids of the enclosing objects, innermost first. */
    protected objectIds(objects: ObjectFrame[], file: PomFile): string[] {
        const ids: string[] = [];
        let id = packageOf(file);
        for (const frame of objects) {
            id = id ? `${id}.${frame.name}` : frame.name;
            ids.unshift(id);
        }
        return ids;
    }

    protected resolve(text: string, namespace: Namespace, file: PomFile, objects: ObjectFrame[]): AstNode | undefined {
        const found = this.resolver.resolveId(text, this.lookup(namespace, file, objects));
        return found.kind === 'found' ? found.description.node : undefined;
    }

    protected objectType(objects: ObjectFrame[], file: PomFile): TypeDecl | undefined {
        const frame = objects.at(-1);
        const type = frame && this.resolve(frame.type, 'type', file, []);
        return isTypeDecl(type) ? type : undefined;
    }

    protected linkOf(link: string, objects: ObjectFrame[], file: PomFile): LinkDecl | undefined {
        const kind = this.resolve(link, 'link', file, objects);
        return kind && (isLinkDecl(kind) || isLinkInverse(kind)) ? this.types.linkDecl(kind) : undefined;
    }

    /** The types a selector's heads stand for: a type, or an object's type. Empty when any type may be meant. */
    protected headTypes(heads: string[] | undefined, file: PomFile): TypeDecl[] {
        if (!heads) return [];
        const types: TypeDecl[] = [];
        for (const head of heads) {
            const type = this.resolve(head, 'type', file, []);
            if (isTypeDecl(type)) {
                types.push(type);
                continue;
            }
            const object = this.resolve(head, 'object', file, []);
            if (isPomObject(object) && object.type?.ref) types.push(object.type.ref);
            else return [];
        }
        return types;
    }

    /** Whether an object of `type` may write this link (a link kind from its type, or an inverse to its type). */
    protected linkAllowedFrom(kind: LinkName | undefined, type: TypeDecl): boolean {
        if (!kind) return false;
        const decl = this.types.linkDecl(kind);
        if (!decl) return false;
        const ends = isLinkInverse(kind) ? decl.targets : decl.sources;
        return ends.some(end => end.ref !== undefined && this.types.isSubtype(type, end.ref));
    }

    /** The types a link statement's targets must have. */
    protected acceptedTargetTypes(kind: LinkName): TypeDecl[] | undefined {
        const decl = this.types.linkDecl(kind);
        if (!decl) return undefined;
        const ends = isLinkDecl(kind) ? decl.targets : decl.sources;
        return ends.flatMap(end => (end.ref ? [end.ref] : []));
    }

    protected detail(node: AstNode): string {
        if (isPomObject(node)) {
            const type = node.type?.ref?.name ?? node.type?.$refText;
            return `${type} ${qualifiedName(node) ?? node.name}${node.title ? ` — ${node.title}` : ''}`;
        }
        if (isLinkDecl(node)) return `link from ${node.sources.map(s => s.$refText).join(', ')} to ${node.targets.map(t => t.$refText).join(', ')}`;
        if (isLinkInverse(node)) return `inverse of ${node.$container.name}`;
        const title = (node as { title?: string }).title;
        return isIdentified(node) ? `${node.$type.replace(/Decl$/, '').toLowerCase()} ${qualifiedName(node)}${title ? ` — ${title}` : ''}` : node.$type;
    }
}

function keywordCandidates(words: string[], group: number, kind: CompletionItemKind = CompletionItemKind.Keyword): Candidate[] {
    return words.map(word => ({ label: word, kind, group }));
}

function enumMembers(decl: EnumDecl): Candidate[] {
    return decl.members.filter(m => m.name).map(m => ({ label: m.name, kind: CompletionItemKind.EnumMember, group: 0, detail: m.title ?? decl.name }));
}

/**
 * How well a candidate matches the typed prefix: 0 from its start, 1 from a word start (after `.` or `-`), 2 through
 * its full id (a qualified prefix, which needs no import); undefined if not at all. Returns the text to write.
 */
function match(candidate: Candidate, prefix: string): { rank: number; text: string; qualified?: boolean } | undefined {
    if (!prefix) return { rank: 0, text: candidate.label };
    const typed = prefix.toLowerCase();
    const label = candidate.label.toLowerCase();
    if (label.startsWith(typed)) return { rank: 0, text: candidate.label };
    for (let i = 1; i < label.length; i++) {
        if ((label[i - 1] === '.' || label[i - 1] === '-') && label.startsWith(typed, i)) return { rank: 1, text: candidate.label };
    }
    // Only a prefix with a dot is qualified: `st` must not reach every std link through `std.`.
    if (candidate.id && typed.includes('.') && candidate.id.toLowerCase().startsWith(typed)) return { rank: 2, text: candidate.id, qualified: true };
    return undefined;
}

/** An edit adding `import pkg` after the file's imports (or its package line, or at its top). */
export function importEdit(file: PomFile, pkg: string): TextEdit {
    const last = file.imports.at(-1)?.$cstNode ?? firstNodeForProperty(file.$cstNode, 'package');
    const line = last ? last.range.end.line + 1 : 0;
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `import ${pkg}\n` };
}
