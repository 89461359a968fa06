import type { AstNode, AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver-types';
import { EnumDecl, EnumMember, FieldDecl, LinkDecl, LinkInverse, PomObject, TypeDecl } from '../generated/langium/ast.js';

const symbolKinds: Record<string, SymbolKind> = {
    [PomObject.$type]: SymbolKind.Object,
    [TypeDecl.$type]: SymbolKind.Class,
    [FieldDecl.$type]: SymbolKind.Field,
    [EnumDecl.$type]: SymbolKind.Enum,
    [EnumMember.$type]: SymbolKind.EnumMember,
    [LinkDecl.$type]: SymbolKind.Interface,
    [LinkInverse.$type]: SymbolKind.Interface,
};

const completionKinds: Record<string, CompletionItemKind> = {
    [PomObject.$type]: CompletionItemKind.Reference,
    [TypeDecl.$type]: CompletionItemKind.Class,
    [FieldDecl.$type]: CompletionItemKind.Field,
    [EnumDecl.$type]: CompletionItemKind.Enum,
    [EnumMember.$type]: CompletionItemKind.EnumMember,
    [LinkDecl.$type]: CompletionItemKind.Interface,
    [LinkInverse.$type]: CompletionItemKind.Interface,
};

/** The icons of pom's objects and declarations in outlines, symbol searches and completion lists. */
export class PomNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return symbolKinds[typeOf(node)] ?? super.getSymbolKind(node);
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return completionKinds[typeOf(node)] ?? super.getCompletionItemKind(node);
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
