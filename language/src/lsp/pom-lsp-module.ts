import { DocumentState, inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    DefaultTextDocumentContentProvider,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
    type PartialLangiumSharedServices,
} from 'langium/lsp';
import { PomGeneratedModule, PomGeneratedSharedModule } from '../generated/langium/module.js';
import { PomModule, type PomAddedServices } from '../pom-module.js';
import { STDLIB_URI } from '../workspace/stdlib.js';
import { PomWorkspaceManager } from './workspace-manager.js';
import { PomDocumentUpdateHandler } from './document-update-handler.js';
import { PomDocumentBuilder } from './document-builder.js';
import { PomIndexManager } from '../workspace/pom-index-manager.js';
import { PomLspWorkspaceModel } from './lsp-workspace-model.js';
import { ModelDiagnosticsRefresher } from './model-diagnostics.js';
import { PomGraphLookup } from './graph-lookup.js';
import { PomHoverProvider } from './hover-provider.js';
import { PomCompletionProvider } from './completion-provider.js';
import { PomCodeActionProvider } from './code-action-provider.js';
import { PomFormatter } from './formatter.js';
import { PomDocumentSymbolProvider } from './document-symbol-provider.js';
import { PomInlayHintProvider } from './inlay-hint-provider.js';
import { PomNodeKindProvider } from './node-kind-provider.js';
import { PomReferencesProvider } from './references-provider.js';
import { PomRenameProvider } from './rename-provider.js';
import { PomSemanticTokenProvider } from './semantic-token-provider.js';
import { PomWorkspaceSymbolProvider } from './workspace-symbol-provider.js';
import { PomDefinitionProvider } from './definition-provider.js';
import { PomLangiumDocuments } from './langium-documents.js';
import { StdlibCopy } from './stdlib-copy.js';
import { PomCodeLensProvider } from './code-lens-provider.js';
import { addDiagramRequests } from './diagram-requests.js';
import { answerSubtypesWithoutClosures } from '../util/reflection.js';

/** The language services of an editor session: pom's core services plus the LSP feature providers. */
export type PomLspServices = LangiumServices & PomAddedServices & PomLspAddedServices;

export type PomLspAddedServices = {
    lsp: {
        GraphLookup: PomGraphLookup;
    };
};

/** The URI scheme of the built-in standard library; clients fetch its text with workspace/textDocumentContent. */
export const STDLIB_SCHEME = STDLIB_URI.slice(0, STDLIB_URI.indexOf(':'));

/** Services the editor session adds to Langium's shared ones. */
export type PomSharedLspAddedServices = {
    lsp: {
        StdlibCopy: StdlibCopy;
    };
};

export type PomSharedLspServices = LangiumSharedServices & PomSharedLspAddedServices;

export const PomSharedLspModule: Module<PomSharedLspServices, PartialLangiumSharedServices & PomSharedLspAddedServices> = {
    workspace: {
        WorkspaceManager: services => new PomWorkspaceManager(services),
        DocumentBuilder: services => new PomDocumentBuilder(services),
        LangiumDocuments: services => new PomLangiumDocuments(services),
        IndexManager: services => new PomIndexManager(services),
    },
    lsp: {
        StdlibCopy: () => new StdlibCopy(),
        WorkspaceSymbolProvider: services => new PomWorkspaceSymbolProvider(services),
        NodeKindProvider: () => new PomNodeKindProvider(),
        TextDocumentContentProvider: services => new DefaultTextDocumentContentProvider(services, STDLIB_SCHEME),
        DocumentUpdateHandler: services => new PomDocumentUpdateHandler(services),
    },
};

export const PomLspModule: Module<PomLspServices, PartialLangiumServices & PomLspAddedServices & { model: Partial<PomAddedServices['model']> }> = {
    model: {
        WorkspaceModel: services => new PomLspWorkspaceModel(services),
    },
    lsp: {
        GraphLookup: services => new PomGraphLookup(services),
        DefinitionProvider: services => new PomDefinitionProvider(services),
        HoverProvider: services => new PomHoverProvider(services),
        CompletionProvider: services => new PomCompletionProvider(services),
        DocumentSymbolProvider: services => new PomDocumentSymbolProvider(services),
        SemanticTokenProvider: services => new PomSemanticTokenProvider(services),
        InlayHintProvider: services => new PomInlayHintProvider(services),
        ReferencesProvider: services => new PomReferencesProvider(services),
        RenameProvider: services => new PomRenameProvider(services),
        CodeActionProvider: services => new PomCodeActionProvider(services),
        Formatter: services => new PomFormatter(services),
        CodeLensProvider: () => new PomCodeLensProvider(),
    },
};

export function createPomLspServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; pom: PomLspServices } {
    const shared = inject(
        createDefaultSharedModule(context),
        PomGeneratedSharedModule,
        PomSharedLspModule as Module<LangiumSharedServices, PartialLangiumSharedServices>,
    ) as PomSharedLspServices;
    const pom: PomLspServices = inject(
        createDefaultModule({ shared }),
        PomGeneratedModule,
        PomModule as unknown as Module<PomLspServices, PomAddedServices>,
        PomLspModule,
    );
    answerSubtypesWithoutClosures(shared.AstReflection);
    shared.ServiceRegistry.register(pom);
    new ModelDiagnosticsRefresher(shared, pom);
    warmUpErrorRecovery(shared, pom);
    if (shared.lsp.Connection) addDiagramRequests(shared.lsp.Connection, shared, pom);
    return { shared, pom };
}

/**
 * The first syntax error inside an object body costs the parser about 0.1–0.2 s (the token paths its message
 * lists, then cached: workspace/parser.ts). Paid once the workspace has loaded, while the editor is idle, instead
 * of on the author's first half-typed line.
 */
function warmUpErrorRecovery(shared: LangiumSharedServices, pom: PomLspServices): void {
    const loaded = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        loaded.dispose();
        setTimeout(() => pom.parser.LangiumParser.parse('package warm.up\nteam t {\n  owner [\n}\n'), 0);
    });
}
