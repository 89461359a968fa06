import { describe, expect, test } from 'vitest';
import { formatDocument } from '../../language/src/format/formatter.js';
import { applyEdits, lspWorkspace } from './lsp-helpers.js';

const MESSY = 'package acme\nbet   b "B" {\n      status:   active,\n  targets -> x { expected: "+1" }\n}\ninput x "X"\n';

describe('formatting', () => {
    test('gives the same text as pom fmt', async () => {
        const ws = await lspWorkspace(MESSY);
        const edits = await ws.pom.lsp.Formatter!.formatDocument(ws.document('main.pom'), {
            textDocument: { uri: ws.uri('main.pom') },
            options: { tabSize: 2, insertSpaces: true },
        });
        const formatted = applyEdits(MESSY, edits);
        expect(formatted).not.toBe(MESSY);
        expect(formatted).toBe(formatDocument(MESSY));
    });

    test('a formatted file needs no edit, and a file with syntax errors is left alone', async () => {
        const clean = await lspWorkspace(formatDocument(MESSY));
        expect(
            await clean.pom.lsp.Formatter!.formatDocument(clean.document('main.pom'), {
                textDocument: { uri: clean.uri('main.pom') },
                options: { tabSize: 2, insertSpaces: true },
            }),
        ).toEqual([]);
        const broken = await lspWorkspace('bet   b "B" {\n  status: \n');
        expect(
            await broken.pom.lsp.Formatter!.formatDocument(broken.document('main.pom'), {
                textDocument: { uri: broken.uri('main.pom') },
                options: { tabSize: 2, insertSpaces: true },
            }),
        ).toEqual([]);
    });
});
