import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { PomAstType, PomFile } from '../generated/langium/ast.js';
import type { PomServices } from '../pom-module.js';
import type { PomWorkspaceModel } from '../model/workspace-model.js';
import type { PomPaths } from '../workspace/paths.js';

/** Reports the whole-model checks (cycles, cardinality, domain warnings) in the files they point into. */
export class ModelValidator {
    protected readonly workspaceModel: PomWorkspaceModel;
    protected readonly paths: PomPaths;

    constructor(services: PomServices) {
        this.workspaceModel = services.model.WorkspaceModel;
        this.paths = services.workspace.Paths;
    }

    checks(): ValidationChecks<PomAstType> {
        return { PomFile: this.checkModel };
    }

    checkModel = (file: PomFile, accept: ValidationAcceptor): void => {
        const path = this.paths.display(AstUtils.getDocument(file).uri);
        for (const diagnostic of this.workspaceModel.model.diagnosticsByFile.get(path) ?? []) {
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
