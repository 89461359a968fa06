import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeActionParams } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import {
    isLinkDecl,
    isLinkStatement,
    isLinkTarget,
    isPomObject,
    isSuppression,
    type FieldDecl,
    type PomFile,
    type PomObject,
    type TypeDecl,
} from '../generated/langium/ast.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { Namespace, PomIndexProvider } from '../references/pom-index.js';
import { packageOf, qualifiedName } from '../references/names.js';
import { importsOf, type PomResolver } from '../references/resolver.js';
import { listWords } from '../util/suggest.js';
import { IssueCodes, isConfigurable } from '../diagnostics/codes.js';
import type { WrongValueData } from '../validation/values.js';
import { importEdit } from './completion-provider.js';
import type { PomLspServices } from './pom-lsp-module.js';

/** Findings about the files themselves, not about an object: nothing to excuse in an object. */
const NOT_EXCUSABLE = new Set<string>([IssueCodes.UnusedSuppression, IssueCodes.UnknownCode, IssueCodes.ConflictingSetting, IssueCodes.FileNotRead]);

const namespaceOfCode: Record<string, Namespace> = {
    [IssueCodes.UnknownObject]: 'object',
    [IssueCodes.UnknownType]: 'type',
    [IssueCodes.UnknownLink]: 'link',
};

/**
 * Quick fixes for pom's diagnostics, matched by their stable code: apply a "Did you mean", create a missing object
 * of the type the link accepts, add a missing import, add a missing required field or metadata, correct a value's
 * form, rename a duplicate, and excuse a warning with `allow <code> because "…"`.
 */
export class PomCodeActionProvider implements CodeActionProvider {
    protected readonly types: PomTypeSystem;
    protected readonly indexProvider: PomIndexProvider;
    protected readonly resolver: PomResolver;

    constructor(services: PomLspServices) {
        this.types = services.model.TypeSystem;
        this.indexProvider = services.references.PomIndex;
        this.resolver = services.references.Resolver;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            try {
                actions.push(...this.fixes(document, diagnostic));
            } catch (error) {
                // A quick fix that cannot be computed is left out; the diagnostic itself still stands.
                if (process.env.POM_DEBUG) console.error(error);
            }
        }
        return actions;
    }

    /**
     * The fixes for one diagnostic, most likely first; one of them preferred where it is clearly right. An object
     * that exists under that name in a package the file does not import most likely needs the import; a close
     * name was most likely meant otherwise; creating the object comes last.
     */
    protected fixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const actions = this.specificFixes(document, diagnostic);
        const suggestion = this.didYouMean(document, diagnostic);
        const imports = actions.filter(a => a.title.startsWith('Add import'));
        const others = actions.filter(a => !a.title.startsWith('Add import'));
        const ordered = [...imports, ...suggestion, ...others];
        const preferred = imports.length === 1 ? imports[0] : imports.length === 0 ? (suggestion[0] ?? others.find(a => a.isPreferred)) : undefined;
        for (const action of ordered) action.isPreferred = action === preferred ? true : undefined;
        for (const action of ordered) if (action.isPreferred === undefined) delete action.isPreferred;
        return [...ordered, ...this.allow(document, diagnostic)];
    }

    protected specificFixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        switch (diagnostic.code) {
            case IssueCodes.UnknownObject:
                return [...this.createObject(document, diagnostic), ...this.addImport(document, diagnostic)];
            case IssueCodes.UnknownType:
            case IssueCodes.UnknownLink:
                return this.addImport(document, diagnostic);
            case IssueCodes.MissingField:
                return this.addField(document, diagnostic);
            case IssueCodes.DuplicateId:
                return this.renameDuplicate(document, diagnostic);
            case IssueCodes.WrongValueType:
                return this.fixValue(document, diagnostic);
            case IssueCodes.MissingMetadata:
                return this.addMetadata(document, diagnostic);
            default:
                return [];
        }
    }

    /** "... Did you mean 'x'?": one action writes x where the unknown name is. */
    protected didYouMean(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const suggestion = /Did you mean '([^']+)'\?/.exec(messageOf(diagnostic))?.[1];
        if (!suggestion || document.textDocument.getText(diagnostic.range) === suggestion) return [];
        return [
            {
                title: `Change to '${suggestion}'`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: suggestion }] } },
            },
        ];
    }

    /** A warning about an object (or a rule's finding) may be excused there: `allow <code> because "..."`. */
    protected allow(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const code = String(diagnostic.code ?? '');
        if (diagnostic.severity === DiagnosticSeverity.Error || !code || !isConfigurable(code) || NOT_EXCUSABLE.has(code)) return [];
        const id = (diagnostic.data as { object?: string } | undefined)?.object;
        const object = (id ? this.indexProvider.index.get('object', id)?.node : undefined) ?? this.nodeAt(document, diagnostic, isPomObject);
        if (!object || !isPomObject(object) || !object.$cstNode) return [];
        if (object.members.some(m => isSuppression(m) && m.code === code)) return [];
        const uri = AstUtils.getDocument(object).uri.toString();
        return [
            {
                title: `Allow '${code}' for ${object.name}, with a reason`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                edit: { changes: { [uri]: [this.insertMember(object, `allow ${code} because "Why this is fine here"`)] } },
            },
        ];
    }

    /** Where the right value is clear from what was written: quote it, unquote it, wrap it in a list, unwrap it. */
    protected fixValue(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = diagnostic.data as WrongValueData | undefined;
        if (!data) return [];
        const written = document.textDocument.getText(diagnostic.range);
        const fix = (title: string, newText: string): CodeAction[] => [
            {
                title,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText }] } },
            },
        ];
        const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(written);
        const unquoted = quoted?.[1].trim();
        switch (data.expected) {
            case 'text':
                return quoted ? [] : fix(`Quote it: "${written}"`, `"${written.replace(/["\\]/g, '\\$&')}"`);
            case 'list':
                return fix(`Make it a list: [${written}]`, `[${written}]`);
            case 'single': {
                const single = /^\[\s*([^,[\]]+?)\s*,?\s*\]$/.exec(written);
                return single ? fix(`Write the single value ${single[1]}`, single[1]) : [];
            }
            case 'enum':
                return quoted && data.members?.includes(quoted[1]) ? fix(`Remove the quotes: ${quoted[1]}`, quoted[1]) : [];
            case 'boolean':
                return quoted && /^(true|false)$/.test(quoted[1]) ? fix(`Remove the quotes: ${quoted[1]}`, quoted[1]) : [];
            case 'number':
                return unquoted !== undefined && /^-?\d+(\.\d+)?$/.test(unquoted) ? fix(`Remove the quotes: ${unquoted}`, unquoted) : [];
            case 'date':
                return unquoted !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(unquoted) ? fix(`Remove the quotes: ${unquoted}`, unquoted) : [];
            case 'scalar-items':
                return [];
        }
    }

    /** Adds the required metadata a link target lacks, with placeholder values of their types. */
    protected addMetadata(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const target = this.nodeAt(document, diagnostic, isLinkTarget);
        const statement = target?.$container;
        if (!target?.$cstNode || !isLinkStatement(statement)) return [];
        const decl = this.types.linkDecl(statement.kind?.ref);
        const names = (diagnostic.data as { fields?: string[] } | undefined)?.fields ?? [];
        const fields = names.map(name => decl?.metadata.find(m => m.name === name)).filter((f): f is FieldDecl => !!f);
        if (fields.length === 0) return [];
        const entries = fields.map(f => `${f.name}: ${this.placeholder(f)}`).join(', ');
        const brace = CstUtils.flattenCst(target.$cstNode).find(node => node.text === '{');
        const edit: TextEdit = brace
            ? { range: { start: brace.range.end, end: brace.range.end }, newText: ` ${entries}${target.entries.length > 0 ? ',' : ''}` }
            : { range: { start: target.$cstNode.range.end, end: target.$cstNode.range.end }, newText: ` { ${entries} }` };
        return [
            {
                title: `Add ${listWords(
                    fields.map(f => `'${f.name}'`),
                    'and',
                )}`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.uri.toString()]: [edit] } },
            },
        ];
    }

    protected createObject(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const target = this.nodeAt(document, diagnostic, isLinkTarget);
        const statement = target?.$container;
        if (!target || !isLinkStatement(statement)) return [];
        const kind = statement.kind?.ref;
        const decl = this.types.linkDecl(kind);
        if (!kind || !decl) return [];
        const pkg = packageOf(target);
        let name = target.target.$refText.trim();
        if (pkg && name.startsWith(pkg + '.')) name = name.slice(pkg.length + 1);
        if (name.includes('.')) return [];
        const accepted = (isLinkDecl(kind) ? decl.targets : decl.sources).flatMap(ref => (ref.ref ? [ref.ref] : []));
        const text = document.textDocument.getText();
        const end = document.textDocument.positionAt(text.length);
        const separator = text.endsWith('\n') ? '\n' : '\n\n';
        return accepted.map((type, i) => ({
            title: `Create ${type.name} '${name}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: i === 0,
            edit: {
                changes: {
                    [document.uri.toString()]: [
                        { range: { start: end, end }, newText: `${separator}${this.typeName(type, target)} ${name} "${title(name)}"\n` },
                    ],
                },
            },
        }));
    }

    /** How a type is written in the file of `at`. */
    protected typeName(type: TypeDecl, at: AstNode): string {
        const id = qualifiedName(type) ?? type.name;
        return this.resolver.shortestName(id, this.resolver.contextOf(at, 'type'));
    }

    protected addImport(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const namespace = namespaceOfCode[String(diagnostic.code)];
        const written = (diagnostic.data as { refText?: string } | undefined)?.refText?.trim();
        const file = document.parseResult.value as PomFile;
        if (!namespace || !written) return [];
        const imported = new Set(importsOf(file));
        const own = packageOf(file);
        const packages = new Set<string>();
        for (const [id] of this.indexProvider.index.ids[namespace]) {
            if (!id.endsWith('.' + written)) continue;
            const pkg = id.slice(0, id.length - written.length - 1);
            if (pkg !== own && !imported.has(pkg) && this.indexProvider.index.packages.has(pkg)) packages.add(pkg);
        }
        return [...packages].sort().map(pkg => ({
            title: `Add import ${pkg}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: packages.size === 1,
            edit: { changes: { [document.uri.toString()]: [importEdit(file, pkg)] } },
        }));
    }

    protected addField(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const fieldName = (diagnostic.data as { field?: string } | undefined)?.field;
        const object = this.nodeAt(document, diagnostic, isPomObject);
        const type = object?.type?.ref;
        const field = type && fieldName ? this.types.fields(type).get(fieldName) : undefined;
        if (!object || !field || !object.$cstNode) return [];
        const line = `${fieldName}: ${this.placeholder(field)}`;
        return [
            {
                title: `Add required field '${fieldName}'`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                isPreferred: true,
                edit: { changes: { [document.uri.toString()]: [this.insertMember(object, line)] } },
            },
        ];
    }

    /** An edit adding a member line as the object's first member, opening a body if it has none. */
    protected insertMember(object: PomObject, line: string): TextEdit {
        const indent = ' '.repeat(object.$cstNode!.range.start.character);
        // The header holds no brace, so the object's first brace opens its body.
        const brace = CstUtils.flattenCst(object.$cstNode!).find(node => node.text === '{');
        if (brace) {
            const at = brace.range.end;
            return { range: { start: at, end: at }, newText: `\n${indent}  ${line}` };
        }
        const header = GrammarUtils.findNodeForProperty(object.$cstNode, object.title ? 'title' : 'name') ?? object.$cstNode!;
        const at = header.range.end;
        return { range: { start: at, end: at }, newText: ` {\n${indent}  ${line}\n${indent}}` };
    }

    /** A value of the field's type for the user to replace. */
    protected placeholder(field: FieldDecl): string {
        const enumDecl = this.types.enumOf(field);
        const one = enumDecl
            ? (enumDecl.members[0]?.name ?? '')
            : field.type?.primitive === 'number'
              ? '0'
              : field.type?.primitive === 'boolean'
                ? 'false'
                : field.type?.primitive === 'date'
                  ? '2000-01-01'
                  : '""';
        return field.type?.list ? `[${one}]` : one;
    }

    protected renameDuplicate(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const name = document.textDocument.getText(diagnostic.range);
        const node = this.nodeAt(document, diagnostic, (n): n is AstNode => 'name' in n);
        if (!node) return [];
        const ids = this.indexProvider.index.ids;
        const id = isPomObject(node) ? qualifiedName(node) : undefined;
        const prefix = id ? id.slice(0, id.length - name.length) : packageOf(node) ? packageOf(node) + '.' : '';
        let n = 2;
        while ([ids.object, ids.type, ids.enum, ids.link].some(map => map.has(`${prefix}${name}-${n}`))) n++;
        const newName = `${name}-${n}`;
        return [
            {
                title: `Rename this duplicate to '${newName}'`,
                kind: CodeActionKind.QuickFix,
                diagnostics: [diagnostic],
                edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: newName }] } },
            },
        ];
    }

    /** The innermost node of a kind at the start of the diagnostic's range. */
    protected nodeAt<T extends AstNode>(document: LangiumDocument, diagnostic: Diagnostic, is: (node: AstNode) => node is T): T | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, is) : undefined;
    }
}

/** `one-click` → `One click`: a starting title for a created object. */
function title(name: string): string {
    const words = name.replace(/[-_]+/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
}

function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
