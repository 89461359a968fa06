import { DocumentState, WorkspaceCache, type LangiumDocuments } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { GraphDiagnostic, PomGraph } from '../graph/model.js';
import { runGraphChecks } from '../graph/checks/index.js';
import type { PomIndexProvider } from '../references/pom-index.js';
import type { PomPaths } from '../workspace/paths.js';
import { GraphBuilder } from './graph-builder.js';
import type { PomTypeSystem } from './type-system.js';

export interface CompiledModel {
    graph: PomGraph;
    /** Whole-model diagnostics (graph checks), by display path of the file they point into. */
    diagnosticsByFile: Map<string, GraphDiagnostic[]>;
}

/**
 * The compiled graph of the whole workspace, built once per workspace state and shared by validation,
 * the CLI's emitters and the language server.
 */
export class PomWorkspaceModel {
    protected readonly cache: WorkspaceCache<'model', CompiledModel>;
    protected readonly documents: LangiumDocuments;
    protected readonly types: PomTypeSystem;
    protected readonly indexProvider: PomIndexProvider;
    protected readonly paths: PomPaths;

    constructor(services: PomServices) {
        this.cache = new WorkspaceCache(services.shared);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.types = services.model.TypeSystem;
        this.indexProvider = services.references.PomIndex;
        this.paths = services.workspace.Paths;
    }

    get model(): CompiledModel {
        return this.cache.get('model', () => this.compile());
    }

    protected compile(): CompiledModel {
        const documents = this.documents.all.filter(d => d.state >= DocumentState.Linked).toArray();
        const built = new GraphBuilder(documents, this.types, this.indexProvider.index, this.paths).build();
        const diagnosticsByFile = new Map<string, GraphDiagnostic[]>();
        for (const diagnostic of [...built.diagnostics, ...runGraphChecks(built.graph)]) {
            const list = diagnosticsByFile.get(diagnostic.location.file) ?? [];
            list.push(diagnostic);
            diagnosticsByFile.set(diagnostic.location.file, list);
        }
        return { graph: built.graph, diagnosticsByFile };
    }
}
