import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { PomAstType, PomFile } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomWorkspaceModel } from '../model/workspace-model.js';
import type { PomPaths } from '../workspace/paths.js';
import type { PomIndexProvider } from '../references/pom-index.js';

/** Reports the whole-model checks (cycles, cardinality, domain warnings) in the files they point into. */
export class ModelValidator {
    protected readonly workspaceModel: PomWorkspaceModel;
    protected readonly paths: PomPaths;
    protected readonly indexProvider: PomIndexProvider;

    constructor(services: PomServices) {
        this.workspaceModel = services.model.WorkspaceModel;
        this.paths = services.workspace.Paths;
        this.indexProvider = services.references.PomIndex;
    }

    checks(): ValidationChecks<PomAstType> {
        return { PomFile: this.checkModel };
    }

    checkModel = (file: PomFile, accept: ValidationAcceptor): void => {
        const document = AstUtils.getDocument(file);
        const path = this.paths.display(document.uri);
        const model = this.workspaceModel.model;
        this.workspaceModel.validatedAgainst.set(document, { model, index: this.indexProvider.index });
        for (const diagnostic of model.diagnosticsByFile.get(path) ?? []) {
            const { location } = diagnostic;
            accept(diagnostic.severity === 'info' ? 'info' : diagnostic.severity, diagnostic.message, {
                node: file,
                range: {
                    start: { line: location.line - 1, character: location.column - 1 },
                    end: { line: location.endLine - 1, character: location.endColumn - 1 },
                },
                code: diagnostic.code,
                data: diagnostic.object ? { object: diagnostic.object } : undefined,
            });
        }
    };
}
