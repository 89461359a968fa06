import { GrammarUtils, type AstNode, type AstNodeDescription, type ReferenceInfo, type Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionContext, type CompletionValueItem } from 'langium/lsp';
import type { TextEdit } from 'vscode-languageserver-types';
import {
    isLinkDecl, isLinkInverse, isLinkStatement, isLinkTarget, isPomObject, type LinkName, type PomFile, type TypeDecl
} from '../generated/langium/ast.js';
import type { PomTypeSystem } from '../model/type-system.js';
import { fileOf, isIdentified, packageOf, qualifiedName } from '../references/names.js';
import { importsOf } from '../references/resolver.js';
import type { PomLspServices } from './pom-lsp-module.js';

/**
 * Completion that knows pom's types: only the links the enclosing object's type may have, only link targets of
 * the types the link accepts, and names of other packages with the `import` they need.
 */
export class PomCompletionProvider extends DefaultCompletionProvider {
    protected readonly types: PomTypeSystem;

    constructor(services: PomLspServices) {
        super(services);
        this.types = services.model.TypeSystem;
    }

    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const container = refInfo.container;
        if (isLinkStatement(container) && refInfo.property === 'kind') {
            const type = isPomObject(container.$container) ? container.$container.type?.ref : undefined;
            return type ? candidates.filter(candidate => this.linkAllowedFrom(candidate.node as LinkName | undefined, type)) : candidates;
        }
        if (isLinkTarget(container)) {
            const accepted = this.acceptedTargetTypes(container.$container?.kind?.ref);
            if (!accepted) return candidates;
            return candidates.filter(candidate => {
                const type = isPomObject(candidate.node) ? candidate.node.type?.ref : undefined;
                return type !== undefined && accepted.some(target => this.types.isSubtype(type, target));
            });
        }
        return candidates;
    }

    /** Whether an object of `type` may write this link (a link kind from its type, or an inverse to its type). */
    protected linkAllowedFrom(kind: LinkName | undefined, type: TypeDecl): boolean {
        if (!kind) return false;
        const decl = this.types.linkDecl(kind);
        if (!decl) return false;
        const ends = isLinkInverse(kind) ? decl.targets : decl.sources;
        return ends.some(end => end.ref !== undefined && this.types.isSubtype(type, end.ref));
    }

    /** The types a link statement's targets must have, or undefined if its kind is unknown. */
    protected acceptedTargetTypes(kind: LinkName | undefined): TypeDecl[] | undefined {
        const decl = this.types.linkDecl(kind);
        if (!kind || !decl) return undefined;
        const ends = isLinkDecl(kind) ? decl.targets : decl.sources;
        return ends.flatMap(end => end.ref ? [end.ref] : []);
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (!node) return item;
        item.detail = this.detail(node);
        const id = isIdentified(node) ? qualifiedName(node) : undefined;
        const pkg = packageOf(node);
        const file = fileOf(refInfo.container);
        // Written as its full id, the name is in a package this file neither is in nor imports: import the package.
        if (id && pkg && description.name === id && file && packageOf(refInfo.container) !== pkg && !importsOf(file).includes(pkg)) {
            const local = id.slice(pkg.length + 1);
            item.label = local;
            item.insertText = local;
            item.filterText = local;
            item.detail = `${item.detail} (adds import ${pkg})`;
            item.additionalTextEdits = [importEdit(file, pkg)];
            item.sortText = '1';
        }
        return item;
    }

    protected detail(node: AstNode): string {
        if (isPomObject(node)) {
            const type = node.type?.ref?.name ?? node.type?.$refText;
            return `${type} ${qualifiedName(node) ?? node.name}${node.title ? ` — ${node.title}` : ''}`;
        }
        return isIdentified(node) ? `${node.$type} ${qualifiedName(node)}` : node.$type;
    }
}

/** An edit adding `import pkg` after the file's imports (or its package line, or at its top). */
export function importEdit(file: PomFile, pkg: string): TextEdit {
    const last = file.imports.at(-1)?.$cstNode ?? GrammarUtils.findNodeForProperty(file.$cstNode, 'package');
    const line = last ? last.range.end.line + 1 : 0;
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `import ${pkg}\n` };
}
