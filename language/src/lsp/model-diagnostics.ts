import { DocumentState, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PomLspServices } from './pom-lsp-module.js';

/**
 * Whole-model checks (WIP limits, cycles, paths to strategy) can change in a file nobody edited: closing a bet in
 * bets.pom clears a warning on its team in teams.pom. Langium re-validates only the edited documents and those
 * that reference them, so after each build this re-validates the other documents whose model diagnostics changed
 * and publishes them.
 */
export class ModelDiagnosticsRefresher {
    /** The model diagnostics last published, per display path, as comparable text. */
    protected readonly published = new Map<string, string>();

    constructor(protected readonly shared: LangiumSharedServices, protected readonly pom: PomLspServices) {
        shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, async (built, cancelToken) => {
            await this.refresh(new Set(built.map(document => document.uri.toString())), cancelToken);
        });
    }

    protected async refresh(built: Set<string>, cancelToken: Parameters<PomLspServices['validation']['DocumentValidator']['validateDocument']>[2]): Promise<void> {
        const byFile = this.pom.model.WorkspaceModel.model.diagnosticsByFile;
        const paths = this.pom.workspace.Paths;
        const stale: LangiumDocument[] = [];
        for (const document of this.shared.workspace.LangiumDocuments.all) {
            if (document.state < DocumentState.Validated) continue;
            const path = paths.display(document.uri);
            const now = JSON.stringify(byFile.get(path) ?? []);
            const before = this.published.get(path);
            this.published.set(path, now);
            if (!built.has(document.uri.toString()) && before !== undefined && before !== now) stale.push(document);
        }
        const connection = this.shared.lsp.Connection;
        for (const document of stale) {
            document.diagnostics = await this.pom.validation.DocumentValidator.validateDocument(document, {}, cancelToken);
            connection?.sendDiagnostics({ uri: document.uri.toString(), diagnostics: document.diagnostics });
        }
    }
}
