import { AstUtils, CstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { ErrorCodes, type RenameParams, type TextDocumentPositionParams } from 'vscode-languageserver';
import { isEnumMember, isFieldDecl, isLinkDecl, isPomFile, isPomObject, isTypeDecl, type PomObject } from '../generated/langium/ast.js';
import { isIdentified, normalizeReference, qualifiedName } from '../references/names.js';
import { namespaceOfNode, type PomIndexProvider } from '../references/pom-index.js';
import { isStdlibUri } from '../workspace/stdlib.js';
import type { PomTypeSystem } from '../model/type-system.js';
import type { PomResolver } from '../references/resolver.js';
import type { PomLspServices } from './pom-lsp-module.js';

const NAME = /^[_a-zA-Z]\w*(-\w+)*$/;

/**
 * Renames an object or declaration and rewrites every reference to it, however it is written: the last
 * segment of `acme.bets.checkout` and of `checkout`, the container's segment in references to nested objects
 * (`checkout.payment-step`), and `import` lines naming it.
 */
export class PomRenameProvider extends DefaultRenameProvider {
    protected readonly documents: LangiumDocuments;
    protected readonly indexProvider: PomIndexProvider;
    protected readonly types: PomTypeSystem;
    protected readonly resolver: PomResolver;

    constructor(services: PomLspServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexProvider = services.references.PomIndex;
        this.types = services.model.TypeSystem;
        this.resolver = services.references.Resolver;
    }

    /** The declaration a position names, written there or referenced. */
    protected targetAt(document: LangiumDocument, position: TextDocumentPositionParams['position']): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        return leaf && this.references.findDeclarations(leaf)[0];
    }

    /** Refuses, with the reason, what cannot be renamed: the standard library's declarations. */
    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const target = this.targetAt(document, params.position);
        if (target) this.refuseStd(target);
        return super.prepareRename(document, params) as Range | undefined;
    }

    protected refuseStd(target: AstNode): void {
        if (!isStdlibUri(AstUtils.getDocument(target).uri)) return;
        const name = (target as { name?: string }).name ?? '';
        throw new ResponseError(
            ErrorCodes.InvalidRequest,
            `'${name}' is declared in the standard library (std.pom), which every workspace shares: it cannot be renamed. ` +
                `Declare your own (\`type my-${name} extends ${name}\`, or a field of your type) and use that instead.`,
        );
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const target = this.targetAt(document, params.position);
        if (!target) return undefined;
        this.refuseStd(target);
        if (!NAME.test(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid name: use letters, digits, _ and single dashes, starting with a letter.`);
        }
        const taken = this.collision(target, params.newName);
        if (taken) throw new ResponseError(ErrorCodes.InvalidRequest, taken);
        const edits = new EditCollector(this.documents);
        const nameNode = this.nameProvider.getNameNode(target);
        if (nameNode) edits.add(AstUtils.getDocument(target).uri.toString(), nameNode.range, params.newName);
        // The target itself (depth 0), then every object nested in it, whose ids contain the renamed name.
        for (const [node, depth] of withDescendants(target)) {
            for (const reference of this.references.findReferences(node, { includeDeclaration: false })) {
                edits.replaceSegment(reference.sourceUri.toString(), reference.segment.range, depth, params.newName);
            }
        }
        const oldId = isIdentified(target) ? qualifiedName(target) : undefined;
        if (oldId) this.renameImports(oldId, params.newName, edits);
        return edits.build();
    }

    /** Why `newName` cannot be the target's name, if something already has it where the target is. */
    protected collision(target: AstNode, newName: string): string | undefined {
        if ((target as { name?: string }).name === newName) return undefined;
        if (isIdentified(target)) {
            const id = qualifiedName(target);
            if (!id) return undefined;
            const newId = id.slice(0, id.length - target.name.length) + newName;
            const namespace = namespaceOfNode(target) ?? 'object';
            const existing = this.indexProvider.index.get(namespace, newId)?.node;
            if (existing && existing !== target) {
                return `'${newName}' is already taken: ${describe(existing)} has the id '${newId}'. Choose another name.`;
            }
            // Written by its simple name next to the target, the new name must not already mean something else.
            const seen = this.resolver.resolveId(newName, this.resolver.contextOf(target, namespace));
            if (seen.kind === 'found' && seen.description.node && seen.description.node !== target) {
                return (
                    `'${newName}' already means ${describe(seen.description.node)} where '${target.name}' is declared: ` +
                    `renaming would change what '${newName}' refers to there. Choose another name.`
                );
            }
            return undefined;
        }
        if (isFieldDecl(target) && isTypeDecl(target.$container)) {
            const type = target.$container;
            const clash = type.fields.find(f => f.name === newName) ?? this.types.fields(type).get(newName);
            if (clash) return `'${newName}' is already a field of type '${type.name}' (or of a type it extends). Choose another name.`;
        }
        if (isFieldDecl(target) && isLinkDecl(target.$container) && target.$container.metadata.some(m => m.name === newName)) {
            return `'${newName}' is already metadata of link '${target.$container.name}'. Choose another name.`;
        }
        if (isEnumMember(target) && target.$container.members.some(m => m.name === newName)) {
            return `'${newName}' is already a member of enum '${target.$container.name}'. Choose another name.`;
        }
        return undefined;
    }

    /** `import acme.bets.checkout` and `import acme.bets.checkout.step` follow the renamed object. */
    protected renameImports(oldId: string, newName: string, edits: EditCollector): void {
        const index = oldId.split('.').length - 1;
        for (const document of this.documents.all) {
            const file = document.parseResult.value;
            if (!isPomFile(file)) continue;
            for (const entry of file.imports) {
                const target = normalizeReference(entry.target ?? '');
                if (target !== oldId && !target.startsWith(oldId + '.')) continue;
                const node = entry.$cstNode && GrammarUtils.findNodeForProperty(entry.$cstNode, 'target');
                if (node) edits.replaceSegment(document.uri.toString(), node.range, target.split('.').length - 1 - index, newName);
            }
        }
    }
}

function describe(node: AstNode): string {
    const name = isIdentified(node) ? qualifiedName(node) : '';
    const kind = isPomObject(node) ? (node.type?.$refText ?? 'object') : node.$type.replace(/Decl$/, '').toLowerCase();
    return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} '${name}'`;
}

/** The node, then the objects nested in it with their depth below it. */
function* withDescendants(node: AstNode): Generator<[AstNode, number]> {
    yield [node, 0];
    if (!isPomObject(node)) return;
    const walk = function* (object: PomObject, depth: number): Generator<[AstNode, number]> {
        for (const member of object.members) {
            if (isPomObject(member)) {
                yield [member, depth];
                yield* walk(member, depth + 1);
            }
        }
    };
    yield* walk(node, 1);
}

class EditCollector {
    protected readonly changes: Record<string, TextEdit[]> = {};
    protected readonly seen = new Set<string>();

    constructor(protected readonly documents: LangiumDocuments) {}

    add(uri: string, range: Range, newText: string): void {
        const key = `${uri}:${range.start.line}:${range.start.character}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        (this.changes[uri] ??= []).push({ range, newText });
    }

    /** Replaces the segment `depth` places from the end of a (possibly qualified) reference, if it has one. */
    replaceSegment(uri: string, range: Range, depth: number, newText: string): void {
        const document = this.documents.getDocument(URI.parse(uri));
        if (!document) return;
        const text = document.textDocument;
        const start = text.offsetAt(range.start);
        const written = text.getText(range);
        const segments = [...written.matchAll(/[^.\s]+/g)];
        const segment = segments[segments.length - 1 - depth];
        if (!segment || segment.index === undefined) return;
        const from = start + segment.index;
        this.add(uri, { start: text.positionAt(from), end: text.positionAt(from + segment[0].length) }, newText);
    }

    build(): WorkspaceEdit {
        return { changes: this.changes };
    }
}
