import { AstUtils, CstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeActionParams } from 'vscode-languageserver';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import {
    isEnumValue, isLinkDecl, isLinkStatement, isLinkTarget, isPomObject, type FieldDecl, type PomFile, type PomObject, type TypeDecl
} from '../generated/langium/ast.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { Namespace, PomIndexProvider } from '../references/pom-index.js';
import { packageOf, qualifiedName } from '../references/names.js';
import { importsOf, type PomResolver } from '../references/resolver.js';
import { closest } from '../util/suggest.js';
import { IssueCodes } from '../validation/issue-codes.js';
import { importEdit } from './completion-provider.js';
import type { PomLspServices } from './pom-lsp-module.js';

const namespaceOfCode: Record<string, Namespace> = {
    [IssueCodes.UnknownObject]: 'object',
    [IssueCodes.UnknownType]: 'type',
    [IssueCodes.UnknownLink]: 'link',
};

/**
 * Quick fixes for pom's diagnostics, matched by their stable code: create a missing object of the type the link
 * accepts, add a missing import, add a missing required field, pick the closest enum member, rename a duplicate.
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

    protected fixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        switch (diagnostic.code) {
            case IssueCodes.UnknownObject:
                return [...this.createObject(document, diagnostic), ...this.addImport(document, diagnostic)];
            case IssueCodes.UnknownType:
            case IssueCodes.UnknownLink:
                return this.addImport(document, diagnostic);
            case IssueCodes.MissingField:
                return this.addField(document, diagnostic);
            case IssueCodes.UnknownEnumMember:
                return this.closestMember(document, diagnostic);
            case IssueCodes.DuplicateId:
                return this.renameDuplicate(document, diagnostic);
            default:
                return [];
        }
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
        const accepted = (isLinkDecl(kind) ? decl.targets : decl.sources).flatMap(ref => ref.ref ? [ref.ref] : []);
        const text = document.textDocument.getText();
        const end = document.textDocument.positionAt(text.length);
        const separator = text.endsWith('\n') ? '\n' : '\n\n';
        return accepted.map((type, i) => ({
            title: `Create ${type.name} '${name}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: i === 0,
            edit: { changes: { [document.uri.toString()]: [{ range: { start: end, end }, newText: `${separator}${this.typeName(type, target)} ${name} "${title(name)}"\n` }] } },
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
        return [{
            title: `Add required field '${fieldName}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [this.insertMember(object, line)] } },
        }];
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
        const one = enumDecl ? (enumDecl.members[0]?.name ?? '') :
            field.type?.primitive === 'number' ? '0' :
                field.type?.primitive === 'boolean' ? 'false' :
                    field.type?.primitive === 'date' ? '2000-01-01' : '""';
        return field.type?.list ? `[${one}]` : one;
    }

    protected closestMember(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const value = this.nodeAt(document, diagnostic, isEnumValue);
        if (!value) return [];
        const enumDecl = this.types.enumOf(this.resolver.declaringField(value));
        const suggestion = enumDecl && closest(value.member.$refText, enumDecl.members.map(m => m.name));
        if (!suggestion) return [];
        return [{
            title: `Change to '${suggestion}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: suggestion }] } },
        }];
    }

    protected renameDuplicate(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const name = document.textDocument.getText(diagnostic.range);
        const node = this.nodeAt(document, diagnostic, (n): n is AstNode => 'name' in n);
        if (!node) return [];
        const ids = this.indexProvider.index.ids;
        const id = isPomObject(node) ? qualifiedName(node) : undefined;
        const prefix = id ? id.slice(0, id.length - name.length) : (packageOf(node) ? packageOf(node) + '.' : '');
        let n = 2;
        while ([ids.object, ids.type, ids.enum, ids.link].some(map => map.has(`${prefix}${name}-${n}`))) n++;
        const newName = `${name}-${n}`;
        return [{
            title: `Rename this duplicate to '${newName}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.uri.toString()]: [{ range: diagnostic.range, newText: newName }] } },
        }];
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
