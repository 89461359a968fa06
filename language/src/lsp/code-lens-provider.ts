import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import { GrammarUtils } from 'langium';
import type { CodeLens } from 'vscode-languageserver-types';
import { isViewDecl, type PomFile } from '../generated/langium/ast.js';
import { qualifiedName } from '../references/names.js';

/** The client command a "Preview" lens runs, with the view's id: the VS Code extension opens the live diagram. */
export const PREVIEW_VIEW_COMMAND = 'pom.previewView';

/** A "Preview" lens above each view declaration. */
export class PomCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const root = document.parseResult.value as PomFile;
        const lenses: CodeLens[] = [];
        for (const element of root.elements) {
            if (!isViewDecl(element) || !element.$cstNode) continue;
            const id = qualifiedName(element);
            if (!id) continue;
            const name = GrammarUtils.findNodeForProperty(element.$cstNode, 'name') ?? element.$cstNode;
            lenses.push({ range: name.range, command: { title: 'Preview', command: PREVIEW_VIEW_COMMAND, arguments: [id] } });
        }
        return lenses;
    }
}
