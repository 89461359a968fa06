import { AstUtils, CstUtils, URI, type AstNode, type LangiumDocument, type LangiumDocuments } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import { ResponseError } from 'vscode-languageserver';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { RenameParams } from 'vscode-languageserver';
import { isPomFile, isPomObject, type PomFile, type PomObject } from '../generated/langium/ast.js';
import { isIdentified, normalizeReference, qualifiedName } from '../references/names.js';
import type { PomLspServices } from './pom-lsp-module.js';

const NAME = /^[_a-zA-Z]\w*(-\w+)*$/;

/**
 * Renames an object or declaration and rewrites every reference to it, however it is written: the last
 * segment of `acme.bets.checkout` and of `checkout`, the container's segment in references to nested objects
 * (`checkout.payment-step`), and `import` lines naming it.
 */
export class PomRenameProvider extends DefaultRenameProvider {
    protected readonly documents: LangiumDocuments;

    constructor(services: PomLspServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
        const target = leaf && this.references.findDeclarations(leaf)[0];
        if (!target) return undefined;
        if (!NAME.test(params.newName)) {
            throw new ResponseError(-32602, `'${params.newName}' is not a valid name: use letters, digits, _ and single dashes, starting with a letter.`);
        }
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

    /** `import acme.bets.checkout` and `import acme.bets.checkout.step` follow the renamed object. */
    protected renameImports(oldId: string, newName: string, edits: EditCollector): void {
        const index = oldId.split('.').length - 1;
        for (const document of this.documents.all) {
            const file = document.parseResult.value;
            if (!isPomFile(file)) continue;
            for (const entry of (file as PomFile).imports) {
                const target = normalizeReference(entry.target ?? '');
                if (target !== oldId && !target.startsWith(oldId + '.')) continue;
                const node = entry.$cstNode && [...CstUtils.flattenCst(entry.$cstNode)].filter(leaf => leaf.text !== '.' && leaf.text !== 'import')[index];
                if (node) edits.add(document.uri.toString(), node.range, newName);
            }
        }
    }
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

    constructor(protected readonly documents: LangiumDocuments) { }

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
