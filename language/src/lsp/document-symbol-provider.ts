import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { isFieldDecl, isLinkDecl, isPomObject, isTypeDecl } from '../generated/langium/ast.js';

/** The outline: declarations and objects, nested objects under their container, each with its type as detail. */
export class PomDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        const detail = this.detail(astNode);
        if (detail) symbol.detail = detail;
        return symbol;
    }

    protected detail(node: AstNode): string | undefined {
        if (isPomObject(node)) return [node.type?.$refText, node.title].filter(Boolean).join(' · ');
        if (isTypeDecl(node)) return node.superType ? `type extends ${node.superType.$refText}` : 'type';
        if (isLinkDecl(node)) return `link ${node.sources.map(s => s.$refText).join(', ')} → ${node.targets.map(t => t.$refText).join(', ')}`;
        if (isFieldDecl(node)) return node.type?.$cstNode?.text;
        return undefined;
    }
}
