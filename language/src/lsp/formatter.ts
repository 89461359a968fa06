import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentOnTypeFormattingOptions, TextEdit } from 'vscode-languageserver';
import { formatDocument, PomFormatError } from '../format/formatter.js';
import type { PomServices } from '../pom-module.js';

/**
 * Formatting gives exactly what `pom fmt` writes, as one edit covering only the part that changes (so the
 * cursor and folds outside it stay put). A file with syntax errors is left alone, as `pom fmt` leaves it.
 * pom's layout is defined for whole files, so formatting a selection formats the file.
 */
export class PomFormatter implements Formatter {
    constructor(protected readonly services: PomServices) {}

    formatDocument(document: LangiumDocument): TextEdit[] {
        const text = document.textDocument.getText();
        let formatted: string;
        try {
            formatted = formatDocument(document, this.services);
        } catch (error) {
            if (error instanceof PomFormatError) return [];
            throw error;
        }
        return minimalEdit(document, text, formatted);
    }

    formatDocumentRange(document: LangiumDocument): TextEdit[] {
        return this.formatDocument(document);
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }
}

function minimalEdit(document: LangiumDocument, before: string, after: string): TextEdit[] {
    if (before === after) return [];
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let end = 0;
    while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
    const range = { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(before.length - end) };
    return [{ range, newText: after.slice(start, after.length - end) }];
}
