import {
    Cancellation,
    DefaultDocumentValidator,
    DocumentValidator,
    interruptAndCheck,
    type AstNode,
    type LangiumDocument,
    type ValidationAcceptor,
    type ValidationCheck,
    type ValidationOptions,
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PomLinkingError } from '../references/linker.js';
import { documentationOf, IssueCodes } from '../diagnostics/codes.js';
import type { GraphDiagnostic } from '../graph/model.js';
import { applySettings } from './severity-settings.js';
import { astNodes } from '../util/ast-walk.js';
import type { PomServices } from '../pom-module.js';
import type { PomWorkspaceModel } from '../model/workspace-model.js';

/** Gives syntax and linking errors stable codes, and drops linking errors that only echo another error. */
export class PomDocumentValidator extends DefaultDocumentValidator {
    protected readonly workspaceModel: PomWorkspaceModel;

    constructor(services: PomServices) {
        super(services);
        this.workspaceModel = services.model.WorkspaceModel;
    }

    /** Visits every node once; awaits only checks that return a promise, and polls for cancellation in batches. */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None,
    ): Promise<void> {
        const checksByType = new Map<string, ValidationCheck[]>();
        // Indexed loops: an iterator held across an await is not optimised away, and made a result object per node and check.
        const nodes = astNodes(rootNode);
        for (let visited = 0; visited < nodes.length; visited++) {
            if ((visited + 1) % 256 === 0) await interruptAndCheck(cancelToken);
            const node = nodes[visited];
            let checks = checksByType.get(node.$type);
            if (!checks) checksByType.set(node.$type, (checks = this.validationRegistry.getChecks(node.$type, options.categories).toArray()));
            for (let i = 0; i < checks.length; i++) {
                const result = checks[i](node, acceptor, cancelToken);
                if (result instanceof Promise) await result;
            }
        }
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it: PomLinkingError adds code and silent
            const error = reference.error as PomLinkingError | undefined;
            if (!error || error.silent) continue;
            const code = error.code ?? IssueCodes.UnknownObject;
            diagnostics.push(
                this.toDiagnostic('error', error.message, {
                    node: error.info.container,
                    range: reference.$refNode?.range,
                    property: error.info.property,
                    index: error.info.index,
                    code,
                    data: { code, refText: reference.$refText },
                }),
            );
        }
    }

    /**
     * Langium's own validateDocument appends the checks' findings with `push(...all)`, which overflows the stack
     * past about 120,000 findings, and then logs and drops the error: every diagnostic lost, "0 errors". Same steps,
     * appended in a loop; a failure propagates (pom check exits 2 with it) instead of being swallowed.
     */
    protected async validateWithoutSpread(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken = Cancellation.CancellationToken.None,
    ): Promise<Diagnostic[]> {
        const parseResult = document.parseResult;
        const diagnostics: Diagnostic[] = [];
        await interruptAndCheck(cancelToken);
        if (!options.categories || options.categories.includes('built-in')) {
            this.processLexingErrors(parseResult, diagnostics, options);
            this.processParsingErrors(parseResult, diagnostics, options);
            this.processLinkingErrors(document, diagnostics, options);
        }
        for (const diagnostic of await this.validateAst(parseResult.value, options, cancelToken)) diagnostics.push(diagnostic);
        await interruptAndCheck(cancelToken);
        return diagnostics;
    }

    override async validateDocument(
        document: LangiumDocument,
        options?: ValidationOptions,
        cancelToken?: Parameters<DefaultDocumentValidator['validateDocument']>[2],
    ): Promise<Diagnostic[]> {
        const diagnostics = await this.validateWithoutSpread(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code === undefined) {
                diagnostic.code =
                    dataCode === DocumentValidator.LexingError || dataCode === DocumentValidator.ParsingError || dataCode === undefined
                        ? IssueCodes.SyntaxError
                        : dataCode;
            }
        }
        const model = this.workspaceModel.model;
        // Flattened once, and only if the document has exceptions to check.
        let all: GraphDiagnostic[] | undefined;
        const modelDiagnostics = () => (all ??= [...model.diagnosticsByFile.values()].flat());
        const settled = applySettings(document, withoutCascades(diagnostics), model.graph, modelDiagnostics);
        // Editors link the code to its documentation.
        const rules = new Set(model.graph.rules.map(rule => rule.id));
        for (const diagnostic of settled) {
            const href = documentationOf(String(diagnostic.code), code => rules.has(code));
            if (href) diagnostic.codeDescription = { href };
        }
        return settled;
    }
}

/**
 * After a syntax error the parser recovers by guessing, and the guesses produce errors of their own (an
 * 'unknown type' that is really a misspelt field). Keep the syntax error; drop the other errors of its line. Likewise keep only the first syntax error of a line.
 */
export function withoutCascades(diagnostics: Diagnostic[]): Diagnostic[] {
    const syntax = diagnostics.filter(d => d.code === IssueCodes.SyntaxError);
    if (syntax.length === 0) return diagnostics;
    const seen = new Set<string>();
    return diagnostics.filter(d => {
        const start = d.range.start;
        if (d.code === IssueCodes.SyntaxError) {
            const key = String(start.line);
            if (seen.has(key)) return false;
            seen.add(key);
            return true;
        }
        if (d.severity !== 1) return true;
        return !syntax.some(s => s.range.start.line === start.line);
    });
}
