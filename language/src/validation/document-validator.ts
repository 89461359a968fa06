import { DefaultDocumentValidator, DocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PomLinkingError } from '../references/linker.js';
import { IssueCodes } from './issue-codes.js';

/** Gives syntax and linking errors stable codes, and drops linking errors that only echo another error. */
export class PomDocumentValidator extends DefaultDocumentValidator {

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], _options: ValidationOptions): void {
        for (const reference of document.references) {
            const error = reference.error as PomLinkingError | undefined;
            if (!error || error.silent) continue;
            const code = error.code ?? IssueCodes.UnknownObject;
            diagnostics.push(this.toDiagnostic('error', error.message, {
                node: error.info.container,
                range: reference.$refNode?.range,
                property: error.info.property,
                index: error.info.index,
                code,
                data: { code, refText: reference.$refText }
            }));
        }
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: Parameters<DefaultDocumentValidator['validateDocument']>[2]): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        for (const diagnostic of diagnostics) {
            const dataCode = (diagnostic.data as { code?: string } | undefined)?.code;
            if (diagnostic.code === undefined) {
                diagnostic.code = dataCode === DocumentValidator.LexingError || dataCode === DocumentValidator.ParsingError || dataCode === undefined
                    ? IssueCodes.SyntaxError
                    : dataCode;
            }
        }
        return diagnostics;
    }
}
