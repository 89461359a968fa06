import { DocumentState, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { GraphDiagnostic } from '../graph/model.js';
import type { PomIndex } from '../references/pom-index.js';
import { dataFormat } from '../metrics/data-file.js';
import { applySettingsToDiagnostics } from '../diagnostics/settings.js';
import { PomLspWorkspaceModel } from './lsp-workspace-model.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PomLspServices } from './pom-lsp-module.js';

/**
 * Whole-model checks (WIP limits, cycles, paths to strategy) can change in a file nobody edited: closing a bet in
 * bets.pom clears a warning on its team in teams.pom. Langium re-validates only the edited documents and those
 * that reference them, so after each build this re-validates the other documents whose model diagnostics changed
 * and publishes them. It also publishes the diagnostics of metric data files (.csv, .json), which are no documents.
 */
export class ModelDiagnosticsRefresher {
    /** The model diagnostics last published, per display path, as comparable text. */
    protected readonly published = new Map<string, string>();
    /** Per document URI, the ids it defines that are also defined elsewhere, with where (duplicate-id's input). */
    protected duplicates = new Map<string, string>();

    constructor(protected readonly shared: LangiumSharedServices, protected readonly pom: PomLspServices) {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async (built, cancelToken) => {
            await this.refresh(new Set(built.map(document => document.uri.toString())), cancelToken);
        });
    }

    protected async refresh(built: Set<string>, cancelToken: Parameters<PomLspServices['validation']['DocumentValidator']['validateDocument']>[2]): Promise<void> {
        const byFile = this.pom.model.WorkspaceModel.model.diagnosticsByFile;
        const paths = this.pom.workspace.Paths;
        const stale = new Set<LangiumDocument>();
        const documentPaths = new Set<string>();
        // A duplicate id is reported in every file that defines it, and made or resolved by editing any one of them:
        // the other files whose duplicates changed are revalidated too (they do not reference the edited file).
        const duplicates = duplicateSignatures(this.pom.references.PomIndex.index);
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            if (document.state < DocumentState.Validated) continue;
            const path = paths.display(document.uri);
            documentPaths.add(path);
            const now = JSON.stringify(byFile.get(path) ?? []);
            const before = this.published.get(path);
            this.published.set(path, now);
            const uri = document.uri.toString();
            if (built.has(uri)) continue;
            if ((before !== undefined && before !== now) || (duplicates.get(uri) ?? '') !== (this.duplicates.get(uri) ?? '')) stale.add(document);
        }
        this.duplicates = duplicates;
        const connection = this.shared.lsp.Connection;
        const model = this.pom.model.WorkspaceModel;
        if (model instanceof PomLspWorkspaceModel) {
            for (const path of new Set([...byFile.keys(), ...this.published.keys()])) {
                if (documentPaths.has(path) || !dataFormat(path)) continue;
                const diagnostics = applySettingsToDiagnostics(byFile.get(path) ?? [], this.pom.model.WorkspaceModel.model.graph);
                const now = JSON.stringify(diagnostics);
                if (this.published.get(path) === now) continue;
                if (diagnostics.length > 0) this.published.set(path, now); else this.published.delete(path);
                void connection?.sendDiagnostics({ uri: model.dataUri(path).toString(), diagnostics: diagnostics.map(toLspDiagnostic) });
            }
        }
        for (const document of stale) {
            document.diagnostics = await this.pom.validation.DocumentValidator.validateDocument(document, {}, cancelToken);
            void connection?.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics });
        }
    }
}

/** Per document URI: each id it defines that another definition shares, and where all of them are. */
function duplicateSignatures(index: PomIndex): Map<string, string> {
    const result = new Map<string, string>();
    for (const { namespace, id, definitions } of index.duplicates) {
        const signature = `${namespace} ${id} ${definitions.map(d => `${d.documentUri.toString()}:${d.nameSegment?.offset ?? 0}`).join(' ')}\n`;
        for (const uri of new Set(definitions.map(d => d.documentUri.toString()))) result.set(uri, (result.get(uri) ?? '') + signature);
    }
    return result;
}

function toLspDiagnostic(diagnostic: GraphDiagnostic): Diagnostic {
    const { location } = diagnostic;
    return {
        severity: diagnostic.severity === 'error' ? 1 : diagnostic.severity === 'warning' ? 2 : 3,
        range: {
            start: { line: location.line - 1, character: location.column - 1 },
            end: { line: location.endLine - 1, character: location.endColumn - 1 },
        },
        message: diagnostic.message,
        code: diagnostic.code,
        source: 'pom',
        ...(diagnostic.object ? { data: { object: diagnostic.object } } : {}),
    };
}
