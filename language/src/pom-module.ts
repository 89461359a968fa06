import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    inject,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
} from 'langium';
import { PomGeneratedModule, PomGeneratedSharedModule } from './generated/langium/module.js';
import { PomIndexProvider } from './references/pom-index.js';
import { PomLinker } from './references/linker.js';
import { PomResolver } from './references/resolver.js';
import { PomScopeComputation } from './references/scope-computation.js';
import { PomScopeProvider } from './references/scope-provider.js';
import { PomTypeSystem } from './model/type-system.js';
import { PomWorkspaceModel } from './model/workspace-model.js';
import { PomDocumentValidator } from './validation/document-validator.js';
import { PomValidationRegistry } from './validation/validation-registry.js';
import { PomValueConverter } from './workspace/value-converter.js';
import { PomLexerErrorMessageProvider, PomParserErrorMessageProvider } from './workspace/error-messages.js';
import { PomPaths } from './workspace/paths.js';
import { PomLexer } from './workspace/lexer.js';
import { createPomParser } from './workspace/parser.js';
import { PomTokenBuilder } from './workspace/token-builder.js';
import { BatchIndexManager } from './workspace/batch-index-manager.js';
import { PomIndexManager } from './workspace/pom-index-manager.js';
import { PomAstNodeDescriptionProvider } from './workspace/descriptions.js';
import { PomReferenceDescriptionProvider } from './workspace/reference-descriptions.js';
import { answerSubtypesWithoutClosures } from './util/reflection.js';

/** Services pom adds to Langium's. */
export type PomAddedServices = {
    references: {
        PomIndex: PomIndexProvider;
        Resolver: PomResolver;
    };
    model: {
        TypeSystem: PomTypeSystem;
        WorkspaceModel: PomWorkspaceModel;
    };
    workspace: {
        Paths: PomPaths;
        /** A one-shot compile (pom check, pom build) rather than an editor session that re-checks as files change. */
        Batch: boolean;
    };
};

export type PomServices = LangiumCoreServices & PomAddedServices;

export const PomModule: Module<PomServices, PartialLangiumCoreServices & PomAddedServices> = {
    parser: {
        ValueConverter: () => new PomValueConverter(),
        ParserErrorMessageProvider: () => new PomParserErrorMessageProvider(),
        LexerErrorMessageProvider: () => new PomLexerErrorMessageProvider(),
        TokenBuilder: () => new PomTokenBuilder(),
        Lexer: services => new PomLexer(services),
        LangiumParser: services => createPomParser(services),
    },
    references: {
        PomIndex: services => new PomIndexProvider(services),
        Resolver: services => new PomResolver(services),
        ScopeComputation: services => new PomScopeComputation(services),
        ScopeProvider: services => new PomScopeProvider(services),
        Linker: services => new PomLinker(services),
    },
    model: {
        TypeSystem: services => new PomTypeSystem(services),
        WorkspaceModel: services => new PomWorkspaceModel(services),
    },
    validation: {
        ValidationRegistry: services => new PomValidationRegistry(services),
        DocumentValidator: services => new PomDocumentValidator(services),
    },
    workspace: {
        Paths: () => new PomPaths(),
        Batch: () => false,
        ReferenceDescriptionProvider: services => new PomReferenceDescriptionProvider(services),
        AstNodeDescriptionProvider: services => new PomAstNodeDescriptionProvider(services),
    },
};

export interface PomServiceOptions {
    /** Keep the index of references that find-references and rename need (editors); batch compiles skip it. */
    indexReferences?: boolean;
}

/** The language services without an editor: what `pom check` and `pom build` run on. */
export function createPomServices(
    context: DefaultSharedCoreModuleContext,
    options: PomServiceOptions = {},
): { shared: LangiumSharedCoreServices; pom: PomServices } {
    const batch: Module<LangiumSharedCoreServices, object> =
        options.indexReferences === false
            ? { workspace: { IndexManager: (services: LangiumSharedCoreServices) => new BatchIndexManager(services) } }
            : { workspace: { IndexManager: (services: LangiumSharedCoreServices) => new PomIndexManager(services) } };
    const shared = inject(createDefaultSharedCoreModule(context), PomGeneratedSharedModule, batch);
    const batchLanguage: Module<PomServices, object> = options.indexReferences === false ? { workspace: { Batch: () => true } } : {};
    const pom = inject(createDefaultCoreModule({ shared }), PomGeneratedModule, PomModule, batchLanguage);
    answerSubtypesWithoutClosures(shared.AstReflection);
    shared.ServiceRegistry.register(pom);
    return { shared, pom };
}
