import { DocumentState, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { GraphDiagnostic } from '../graph/model.js';
import type { PomIndex } from '../references/pom-index.js';
import { dataFormat } from '../metrics/data-file.js';
import { applySettingsToDiagnostics } from '../diagnostics/settings.js';
import { documentationOf } from '../diagnostics/codes.js';
import { PomLspWorkspaceModel } from './lsp-workspace-model.js';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PomLspServices } from './pom-lsp-module.js';
import type { CompiledModel } from '../model/workspace-model.js';

/**
 * Whole-model checks (WIP limits, cycles, paths to strategy) can change in a file nobody edited: closing a bet in
 * bets.pom clears a warning on its team in teams.pom. Langium re-validates only the edited documents and those
 * that reference them, so after each build this re-validates the other documents whose model diagnostics changed
 * and publishes them. It also publishes the diagnostics of metric data files (.csv, .json), which are no documents.
 *
 * A build is cancelled by the next keystroke at any point, so nothing here trusts that a step ran: each document
 * is compared by what it was validated against (WorkspaceModel.validatedAgainst) and by what was last sent for it.
 */
export class ModelDiagnosticsRefresher {
    /** The diagnostics array last sent for each document (a document's diagnostics are replaced, never edited, once sent). */
    protected readonly sent = new WeakMap<LangiumDocument, Diagnostic[]>();
    /** The diagnostics last published for each metric data file, as comparable text. */
    protected readonly publishedData = new Map<string, string>();
    protected readonly duplicatesOfIndex = new WeakMap<PomIndex, Map<string, string>>();

    constructor(
        protected readonly shared: LangiumSharedServices,
        protected readonly pom: PomLspServices,
    ) {
        // Langium publishes each document as it is validated, unless the build is cancelled just then; sending it
        // here too (before any chance to cancel) keeps `sent` true to what the client has.
        shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, document => this.send(document));
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async (_built, cancelToken) => {
            await this.refresh(cancelToken);
        });
    }

    protected send(document: LangiumDocument): void {
        if (!document.diagnostics || this.sent.get(document) === document.diagnostics) return;
        this.sent.set(document, document.diagnostics);
        void this.shared.lsp.Connection?.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics });
    }

    protected async refresh(cancelToken: Parameters<PomLspServices['validation']['DocumentValidator']['validateDocument']>[2]): Promise<void> {
        const model = this.pom.model.WorkspaceModel;
        const current = model.model;
        const index = this.pom.references.PomIndex.index;
        const paths = this.pom.workspace.Paths;
        const stale: LangiumDocument[] = [];
        const documentPaths = new Set<string>();
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            if (document.state < DocumentState.Validated) continue;
            const path = paths.display(document.uri);
            documentPaths.add(path);
            const seen = model.validatedAgainst.get(document);
            if (seen && (this.modelChanged(seen.model, current, path) || this.duplicatesChanged(seen.index, index, document.uri.toString()))) {
                stale.push(document);
            } else {
                this.send(document);
            }
        }
        if (model instanceof PomLspWorkspaceModel) this.publishDataFiles(model, current, documentPaths);
        for (const document of stale) {
            document.diagnostics = await this.pom.validation.DocumentValidator.validateDocument(document, {}, cancelToken);
            this.send(document);
        }
    }

    /** Whether a file's whole-model diagnostics differ between the model it was validated against and the current one. */
    protected modelChanged(seen: CompiledModel, current: CompiledModel, path: string): boolean {
        return seen !== current && JSON.stringify(seen.diagnosticsByFile.get(path) ?? []) !== JSON.stringify(current.diagnosticsByFile.get(path) ?? []);
    }

    /**
     * A duplicate id is reported in every file that defines it, and made or resolved by editing any one of them:
     * the other files whose duplicates changed are revalidated too (they do not reference the edited file).
     */
    protected duplicatesChanged(seen: PomIndex, current: PomIndex, uri: string): boolean {
        return seen !== current && (this.duplicatesOf(seen).get(uri) ?? '') !== (this.duplicatesOf(current).get(uri) ?? '');
    }

    protected duplicatesOf(index: PomIndex): Map<string, string> {
        let signatures = this.duplicatesOfIndex.get(index);
        if (!signatures) this.duplicatesOfIndex.set(index, (signatures = duplicateSignatures(index)));
        return signatures;
    }

    protected publishDataFiles(model: PomLspWorkspaceModel, current: CompiledModel, documentPaths: Set<string>): void {
        const byFile = current.diagnosticsByFile;
        for (const path of new Set([...byFile.keys(), ...this.publishedData.keys()])) {
            if (documentPaths.has(path) || !dataFormat(path)) continue;
            const diagnostics = applySettingsToDiagnostics(byFile.get(path) ?? [], current.graph);
            const now = JSON.stringify(diagnostics);
            if ((this.publishedData.get(path) ?? '[]') === now) continue;
            if (diagnostics.length > 0) this.publishedData.set(path, now);
            else this.publishedData.delete(path);
            const rules = new Set(current.graph.rules.map(rule => rule.id));
            void this.shared.lsp.Connection?.sendDiagnostics({
                uri: model.dataUri(path).toString(),
                diagnostics: diagnostics.map(d => toLspDiagnostic(d, rules)),
            });
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

function toLspDiagnostic(diagnostic: GraphDiagnostic, rules: ReadonlySet<string>): Diagnostic {
    const { location } = diagnostic;
    const href = documentationOf(diagnostic.code, code => rules.has(code));
    return {
        ...(href ? { codeDescription: { href } } : {}),
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
