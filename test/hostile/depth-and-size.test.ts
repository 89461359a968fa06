// Issue 11, cases 1, 4 and 7: huge and deeply nested input ends in bounded time with diagnostics at file:line:col.
import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { brief, compile, withCode } from '../helpers.js';
import { MAX_NESTING } from '../../language/src/workspace/lexer.js';
import { createPomServices } from '../../language/src/pom-module.js';
import { NodeFileSystem } from 'langium/node';

const nested = (depth: number) => {
    let text = 'package n\n';
    for (let i = 0; i < depth; i++) text += `${'  '.repeat(i)}team t${i} {\n`;
    for (let i = depth - 1; i >= 0; i--) text += `${'  '.repeat(i)}}\n`;
    return text;
};

describe('nesting', () => {
    it(`checks ${MAX_NESTING} nested objects, and reports one level more at its line and column`, async () => {
        const ok = await compile(nested(MAX_NESTING));
        expect(ok.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(ok.graph.objects.length).toBe(MAX_NESTING);
        const deep = await compile(nested(190));
        const errors = deep.diagnostics.filter(d => d.severity === 'error');
        expect(errors.map(brief)).toEqual([`syntax-error@main.pom:${MAX_NESTING + 2}:${MAX_NESTING * 2 + 10}`]);
        expect(errors[0].message).toContain(`Nested more than ${MAX_NESTING} levels deep`);
    });

    it.each([
        ['300 nested lists', `package n\ntype x { f: text[] }\nx a { f: ${'['.repeat(300)}${']'.repeat(300)} }\n`],
        ['130 nested parentheses in a rule', `package n\nrule r { for team require ${'('.repeat(130)}has doc${')'.repeat(130)} }\n`],
        ['80 nested selectors', `package n\nrule r { for team where ${'owner -> (team where '.repeat(80)}has doc${')'.repeat(80)} require has doc }\n`],
        ['3,000 nots', `package n\nrule r { for team require ${'not '.repeat(3000)}has doc }\n`],
    ])('reports %s as too deep, not as an internal error', async (_, source) => {
        const result = await compile(source);
        expect(withCode(result, 'internal-error')).toEqual([]);
        const nesting = result.diagnostics.filter(d => d.message.includes('levels deep'));
        expect(nesting).toHaveLength(1);
        expect(nesting[0].location.line).toBeGreaterThan(1);
    });

    it('checks a 2,000-term or chain', async () => {
        const result = await compile(`package n\nteam a { doc: "x" }\nrule r { for team require ${Array(2000).fill('has doc').join(' or ')} }\n`);
        expect(result.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });
});

describe('size', () => {
    it('reads an 8 MB string, and a name of a million dashed parts', async () => {
        const long = 'x\\"'.repeat(3_000_000);
        const result = await compile(`package n\nteam a "${long}"\nteam b-${'a-'.repeat(1_000_000)}z\nteam a\n`);
        expect(result.graph.objects.find(o => o.id === 'n.a')?.title).toHaveLength(6_000_000);
        expect(result.diagnostics.map(brief)).toEqual(['duplicate-id@main.pom:2:6', 'duplicate-id@main.pom:4:6']);
    });

    it('quotes at most a short, one-line excerpt of what it could not read', async () => {
        const result = await compile(`package n\nteam a { doc: """\n${'x'.repeat(5000)}\n\u001b[31mred\n"""  "\u001b]0;title\u0007" }\n`);
        const syntax = withCode(result, 'syntax-error');
        expect(syntax.length).toBeGreaterThan(0);
        for (const d of syntax) {
            expect(d.message.length).toBeLessThan(300);
            expect(d.message).not.toMatch(/[\u0000-\u001f]/);
        }
    });

    it('names the first few other places of a duplicate id and counts the rest (3,000 duplicates)', async () => {
        const result = await compile(`package d\n${Array(3000).fill('team a').join('\n')}\n`);
        const duplicates = withCode(result, 'duplicate-id');
        expect(duplicates).toHaveLength(3000);
        expect(duplicates[0].message).toBe(
            "Duplicate id 'd.a': also defined at main.pom:3:6, main.pom:4:6, main.pom:5:6 and 2996 more places. Rename one of them.",
        );
        expect(Math.max(...duplicates.map(d => d.message.length))).toBeLessThan(200);
    });

    it('checks an unclosed quote before 10,000 words in bounded time', async () => {
        const started = Date.now();
        const result = await compile(`package d\nteam x "unclosed\n${Array(5000).fill('team a').join(' ')}\n`);
        expect(withCode(result, 'syntax-error').length).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(50_000);
    });
});

describe('a failure inside validation', () => {
    it('keeps every diagnostic when checks find more than the stack holds arguments (130,000)', async () => {
        const { pom } = createPomServices(NodeFileSystem, { indexReferences: false });
        const validator = pom.validation.DocumentValidator;
        const many: Diagnostic[] = Array.from({ length: 130_000 }, (_, i) => ({
            range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
            message: `m${i}`,
            severity: 2,
            code: 'x',
        }));
        (validator as unknown as { validateAst: () => Promise<Diagnostic[]> }).validateAst = async () => many;
        const document = pom.shared.workspace.LangiumDocumentFactory.fromString('package p\n', URI.file('/virtual/p.pom'));
        const diagnostics = await validator.validateDocument(document);
        expect(diagnostics).toHaveLength(130_000);
    });

    it('propagates instead of dropping every diagnostic', async () => {
        const { pom } = createPomServices(NodeFileSystem, { indexReferences: false });
        const validator = pom.validation.DocumentValidator;
        (validator as unknown as { validateAst: () => Promise<Diagnostic[]> }).validateAst = async () => {
            throw new RangeError('Maximum call stack size exceeded');
        };
        const document = pom.shared.workspace.LangiumDocumentFactory.fromString('package p\n', URI.file('/virtual/p.pom'));
        await expect(validator.validateDocument(document)).rejects.toThrow('Maximum call stack size exceeded');
    });
});
