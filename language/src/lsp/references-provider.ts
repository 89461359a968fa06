import { AstUtils, GrammarUtils, type LangiumDocument, type LangiumDocuments, type LeafCstNode } from 'langium';
import { DefaultReferencesProvider } from 'langium/lsp';
import { Location } from 'vscode-languageserver-types';
import type { ReferenceParams } from 'vscode-languageserver';
import { isLinkInverse, isLinkStatement, isPomFile, isPomObject } from '../generated/langium/ast.js';
import { isIdentified, normalizeReference, qualifiedName } from '../references/names.js';
import type { PomLspServices } from './pom-lsp-module.js';
import { stdlibCopyOf } from './stdlib-copy.js';

/**
 * Every link to an object, from either end: `targets -> checkout` written at the source, and
 * `targeted-by -> one-click` written inside checkout itself (a link to checkout written at its target).
 */
export class PomReferencesProvider extends DefaultReferencesProvider {
    protected readonly documents: LangiumDocuments;

    constructor(protected readonly services: PomLspServices) {
        super(services);
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    protected override getReferences(selectedNode: LeafCstNode, params: ReferenceParams, document: LangiumDocument): Location[] {
        const locations = super.getReferences(selectedNode, params, document);
        for (const target of this.references.findDeclarations(selectedNode)) {
            const id = isIdentified(target) ? qualifiedName(target) : undefined;
            if (id) locations.push(...this.importsOf(id));
            if (!isPomObject(target)) continue;
            const uri = AstUtils.getDocument(target).uri.toString();
            for (const member of target.members) {
                if (!isLinkStatement(member) || !isLinkInverse(member.kind?.ref)) continue;
                const kindNode = member.kind.$refNode;
                if (kindNode) locations.push(Location.create(uri, kindNode.range));
            }
        }
        // With the declaration included, one in std.pom points at its copy on disk.
        return locations.map(location => ({ ...location, uri: stdlibCopyOf(this.services).toClient(location.uri) }));
    }

    /** `import` lines naming the id (imports are names, not references, so the index does not know them). */
    protected importsOf(id: string): Location[] {
        const locations: Location[] = [];
        for (const document of this.documents.all) {
            const file = document.parseResult.value;
            if (!isPomFile(file)) continue;
            for (const entry of file.imports) {
                if (normalizeReference(entry.target ?? '') !== id || !entry.$cstNode) continue;
                const target = GrammarUtils.findNodeForProperty(entry.$cstNode, 'target');
                if (target) locations.push(Location.create(document.uri.toString(), target.range));
            }
        }
        return locations;
    }
}
