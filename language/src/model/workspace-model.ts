import { DocumentState, WorkspaceCache, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { PomServices } from '../pom-module.js';
import type { GraphDiagnostic, PomGraph } from '../graph/model.js';
import { runGraphChecks, runGraphChecksAfter } from '../graph/checks/index.js';
import { deriveFacts } from '../graph/derived/index.js';
import type { PomIndex, PomIndexProvider } from '../references/pom-index.js';
import type { PomPaths } from '../workspace/paths.js';
import { applyMetrics, readMetricData, type DataReader } from '../metrics/metrics.js';
import { GraphAssembly } from './graph-assembly.js';
import { GraphBuilder, type BuiltGraph, type DocumentFragment } from './graph-builder.js';
import type { PomTypeSystem } from './type-system.js';
import { compareIds } from '../util/compare.js';

/** Where the model reads the metric data files the metrics name (workspace-relative path → text, undefined if unreadable). */
export interface MetricSource {
    read: DataReader;
    /** Ignore observations after this ISO date. */
    asOf?: string;
}

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
    /** Each document's part of the graph, dropped when that document is linked again. */
    protected readonly fragments = new WeakMap<LangiumDocument, { references: LangiumDocument['references']; fragment: DocumentFragment }>();
    protected readonly builder: GraphBuilder;
    /** An editor session's graph, patched for the documents that changed (a one-shot compile assembles once). */
    protected readonly assembly: GraphAssembly;
    protected readonly batch: boolean;
    protected readonly documents: LangiumDocuments;
    protected readonly types: PomTypeSystem;
    protected readonly indexProvider: PomIndexProvider;
    protected readonly paths: PomPaths;
    /** Without one, metric data is not read (tests that compile snippets in memory). */
    metricSource?: MetricSource;
    /**
     * The model and name index each document was last validated against (its whole-model and duplicate-id
     * diagnostics come from them): the editor compares them with the current ones to find stale documents.
     */
    readonly validatedAgainst = new WeakMap<LangiumDocument, { model: CompiledModel; index: PomIndex }>();
    /** An editor session's last compiled graph: the next compile reuses its unchanged objects' facts and the checks' findings. */
    protected previous?: PomGraph;

    constructor(services: PomServices) {
        this.cache = new WorkspaceCache(services.shared);
        this.documents = services.shared.workspace.LangiumDocuments;
        this.types = services.model.TypeSystem;
        this.indexProvider = services.references.PomIndex;
        this.paths = services.workspace.Paths;
        this.builder = new GraphBuilder(this.types, this.paths);
        this.assembly = new GraphAssembly(this.builder);
        this.batch = services.workspace.Batch;
    }

    get model(): CompiledModel {
        return this.cache.get('model', () => this.compile());
    }

    protected compile(): CompiledModel {
        const built = this.assemble();
        let graph = built.graph;
        const diagnostics = [...built.diagnostics];
        if (this.metricSource) {
            const metrics = applyMetrics(graph, readMetricData(graph, this.metricSource.read), { asOf: this.metricSource.asOf });
            graph = metrics.graph;
            for (const diagnostic of metrics.diagnostics) diagnostics.push(diagnostic);
        }
        // Derived facts read the metric data; views may test the facts; the checks read both.
        graph = deriveFacts(graph, {
            asOf: this.metricSource?.asOf,
            previous: this.previous,
            selectViews: withFacts => {
                const selected = this.builder.selectViews(withFacts, built.views);
                diagnostics.push(...selected.diagnostics);
                return selected.views;
            },
        });
        if (this.batch) {
            diagnostics.push(...runGraphChecks(graph));
        } else {
            diagnostics.push(...runGraphChecksAfter(graph, this.previous));
            this.previous = graph;
        }
        const diagnosticsByFile = new Map<string, GraphDiagnostic[]>();
        for (const diagnostic of diagnostics) {
            const list = diagnosticsByFile.get(diagnostic.location.file) ?? [];
            list.push(diagnostic);
            diagnosticsByFile.set(diagnostic.location.file, list);
        }
        return { graph, diagnosticsByFile };
    }

    /**
     * The graph assembled from the documents' fragments. Apart from compile: a one-shot compile's fragments (a link
     * record per link written) are garbage once assembled, and are not kept alive through the facts and the checks.
     */
    protected assemble(): BuiltGraph {
        const documents = this.documents.all
            .filter(d => d.state >= DocumentState.Linked)
            .toArray()
            .sort((a, b) => compareIds(a.uri.toString(), b.uri.toString()));
        const fragments = documents.map(document => this.fragment(document));
        const index = this.indexProvider.index;
        // A one-shot compile's fragments are its own (fragment): the graph takes their objects without copying them.
        return this.batch ? this.builder.assemble(fragments, index, true) : this.assembly.update(fragments, index);
    }

    protected fragment(document: LangiumDocument): DocumentFragment {
        // A one-shot compile builds each fragment once; keeping them would only hold a second copy of the graph.
        if (this.batch) return this.builder.fragment(document);
        // Kept while the document's links are: unlinking (before a re-parse or a relink) gives it a new references
        // array. No phase listener is relied on: a build cancelled by the next keystroke may skip them.
        const kept = this.fragments.get(document);
        if (kept?.references === document.references) return kept.fragment;
        const fragment = this.builder.fragment(document);
        this.fragments.set(document, { references: document.references, fragment });
        return fragment;
    }
}
