import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver-types';
import {
    isEnumDecl,
    isEnumMember,
    isEnumValue,
    isField,
    isFieldDecl,
    isFieldType,
    isImport,
    isLinkDecl,
    isLinkInverse,
    isLinkStatement,
    isLinkTarget,
    isMetaEntry,
    isPomFile,
    isPomObject,
    isTypeDecl,
} from '../generated/langium/ast.js';

const declaration = SemanticTokenModifiers.declaration;

/**
 * Colours names by what they name, which a TextMate grammar cannot know: `bet` in `bet checkout` is a type,
 * `targets` a link kind, `active` an enum member.
 */
export class PomSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isPomFile(node)) {
            if (node.package) acceptor({ node, property: 'package', type: SemanticTokenTypes.namespace });
        } else if (isImport(node)) {
            acceptor({ node, property: 'target', type: SemanticTokenTypes.namespace });
        } else if (isPomObject(node)) {
            acceptor({ node, property: 'type', type: SemanticTokenTypes.type });
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
        } else if (isField(node)) {
            acceptor({ node, property: 'field', type: SemanticTokenTypes.property });
        } else if (isLinkStatement(node)) {
            acceptor({ node, property: 'kind', type: SemanticTokenTypes.function });
        } else if (isLinkTarget(node)) {
            acceptor({ node, property: 'target', type: SemanticTokenTypes.variable });
        } else if (isMetaEntry(node)) {
            acceptor({ node, property: 'key', type: SemanticTokenTypes.property });
        } else if (isEnumValue(node)) {
            acceptor({ node, property: 'member', type: SemanticTokenTypes.enumMember });
        } else if (isTypeDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.type, modifier: declaration });
            if (node.superType) acceptor({ node, property: 'superType', type: SemanticTokenTypes.type });
        } else if (isFieldDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
        } else if (isFieldType(node)) {
            if (node.enumType) acceptor({ node, property: 'enumType', type: SemanticTokenTypes.enum });
        } else if (isEnumDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enum, modifier: declaration });
        } else if (isEnumMember(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.enumMember, modifier: declaration });
        } else if (isLinkDecl(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
            node.sources.forEach((_, index) => acceptor({ node, property: 'sources', index, type: SemanticTokenTypes.type }));
            node.targets.forEach((_, index) => acceptor({ node, property: 'targets', index, type: SemanticTokenTypes.type }));
        } else if (isLinkInverse(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        }
    }
}
