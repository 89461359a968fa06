// pom's parser is Langium's with parts of its own, and each must give exactly what Langium's gives: the rules built
// from the grammar (parser-builder.ts), the walk that gives every node its container (completion, hover, rename
// and the graph builder all walk up through $container), and the lexer's tokens that are their own syntax-tree
// leaves (syntax-leaf.ts: hover, definitions, formatting and every diagnostic's range read them).
import {
    AstUtils,
    createParser,
    CstUtils,
    DefaultTokenBuilder,
    DefaultValueConverter,
    EmptyFileSystem,
    GrammarUtils,
    isLeafCstNode,
    isReference,
    LangiumParser,
    ValueConverter,
    type AstNode,
    type CstNode,
    type ParseResult,
} from 'langium';
import { EOF, Lexer, createToken, type IToken, type TokenType, type TokenTypeDictionary } from 'chevrotain';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STDLIB_SOURCE } from '../../language/src/generated/stdlib.js';
import { STDLIB_DFAS } from '../../language/src/generated/stdlib-dfas.js';
import { createPomServices, type PomServices } from '../../language/src/pom-module.js';
import { LEARNED_FROM, learnedDfas, oneTokenChoices, recordLookaheads, type LearningStrategy } from '../../language/src/workspace/learned-dfa.js';
import { buildParserRules } from '../../language/src/workspace/parser-builder.js';
import { createPomParser } from '../../language/src/workspace/parser.js';
import { PomTokenBuilder, reachableRules } from '../../language/src/workspace/token-builder.js';
import { createSyntaxLeaf } from '../../language/src/workspace/syntax-leaf.js';
import { acmeFiles, services } from './harness.js';

interface Placement {
    type: string;
    container?: AstNode;
    property?: string;
    index?: number;
}

function placements(root: AstNode): Placement[] {
    return AstUtils.streamAst(root)
        .map(node => ({ type: node.$type, container: node.$container, property: node.$containerProperty, index: node.$containerIndex }))
        .toArray();
}

const sources = [
    STDLIB_SOURCE,
    ...acmeFiles().map(file => file.text),
    // Broken input: the recovered tree must be linked up the same way.
    'package p\nbet b "B" { status: , targets -> [ \n view v { include * linked to }\n',
    // Recovery: an unclosed body above views, a stray `*`, nested braces, a half-typed rule and query.
    'bet tmp "T" {\n  status: active\nview a { include bet }\nview b "B" extends a { layout: left-to-right }\n',
    'team t { owner -> * , }\nbet {{{{ x\ninsight i "I" { informs -> o { weight: 3 } }\n',
    'rule r { for bet where (status = active or not has doc\n severity: warning }\nquery q { columns: a, group-by: }\n',
    // Tokens across lines, Windows and old Mac line ends, comments first and last.
    '/* a\r\n   b */ package p\r\nbet b "B" {\r\n  description: """one\r\ntwo\rthree\n  """ // end\r\n}\r\n/* x\n*/',
];

/** A parse as plain data: every node's properties (a reference as its text), its syntax-tree leaves and the errors. */
function parsed(result: ParseResult, grammar: Map<unknown, number>): unknown {
    const tree = (value: unknown): unknown => {
        if (isReference(value)) return { ref: value.$refText };
        if (Array.isArray(value)) return value.map(tree);
        if (typeof value !== 'object' || value === null) return value;
        const record = value as Record<string, unknown>;
        return Object.fromEntries(
            Object.keys(record)
                .filter(key => !key.startsWith('$') || key === '$type')
                .map(key => [key, tree(record[key])]),
        );
    };
    const syntax = (node: CstNode): unknown =>
        'content' in node
            ? { composite: grammar.get(node.grammarSource), range: node.range, children: (node as { content: CstNode[] }).content.map(syntax) }
            : {
                  offset: node.offset,
                  length: node.length,
                  end: node.end,
                  text: node.text,
                  range: node.range,
                  hidden: node.hidden,
                  leaf: isLeafCstNode(node) && node.tokenType.name,
                  grammar: grammar.get(node.grammarSource),
                  node: node.astNode.$type,
                  nodeSyntax: node.astNode.$cstNode?.offset,
                  root: node.root === result.value.$cstNode?.root,
              };
    return {
        tree: tree(result.value),
        syntax: result.value.$cstNode && syntax(result.value.$cstNode),
        lexerErrors: result.lexerErrors.map(error => [error.offset, error.message]),
        parserErrors: result.parserErrors.map(error => [error.token.startOffset, error.message]),
    };
}

describe('parser', () => {
    it('builds the same tree, syntax tree and errors as Langium’s parser with the rules its createParser builds', async () => {
        const pom = await services();
        const langiums = createPomParser(pom, createParser, new LangiumParser(pom));
        // Grammar elements by their place in the grammar: the same element for both parsers, compared by number.
        const grammar = new Map<unknown, number>(
            AstUtils.streamAst(pom.Grammar)
                .toArray()
                .map((element, index) => [element, index]),
        );
        // Twice: the second time every decision has been learned, and pom's parser predicts from the learned edges
        // (lookahead.ts), including the error edges the broken sources left.
        for (const source of [...sources, ...sources]) {
            expect(parsed(pom.parser.LangiumParser.parse(source), grammar), source).toStrictEqual(parsed(langiums.parse(source), grammar));
        }
    });

    it('starts with exactly the DFAs its lookahead learns from the standard library and the starter, and learns on alike', () => {
        const seeded = createPomServices(EmptyFileSystem, { indexReferences: false }).pom;
        const unseeded = createPomServices(EmptyFileSystem, { indexReferences: false }).pom;
        const learning = createPomParser(unseeded, buildParserRules, new LangiumParser(unseeded));
        const dfas = (parser: LangiumParser, services: PomServices) =>
            learnedDfas(
                (parser as unknown as { wrapper: { lookaheadStrategy: LearningStrategy } }).wrapper.lookaheadStrategy,
                services.parser.Lexer.definition,
            );
        learning.parse(STDLIB_SOURCE);
        for (const name of LEARNED_FROM) learning.parse(readFileSync(new URL(`../../examples/starter/${name}`, import.meta.url), 'utf8'));
        // The states, their configurations, predictions and edges: what pom's parser starts with is what the standard
        // library and the starter teach, and what the generated module holds (npm run build writes it when it changes).
        expect(dfas(seeded.parser.LangiumParser, seeded)).toStrictEqual(dfas(learning, unseeded));
        // The decisions one token decides: chevrotain-allstar's functions, asked with every token type.
        const asked = new LangiumParser(unseeded);
        const strategyOf = (parser: LangiumParser) => (parser as unknown as { wrapper: { lookaheadStrategy: LearningStrategy } }).wrapper.lookaheadStrategy;
        const recorded = recordLookaheads(strategyOf(asked) as unknown as Parameters<typeof recordLookaheads>[0]);
        createPomParser(unseeded, buildParserRules, asked);
        expect(
            { ...dfas(learning, unseeded), oneToken: oneTokenChoices(recorded, strategyOf(asked), unseeded.parser.Lexer.definition) },
            'language/src/generated/stdlib-dfas.ts is stale: the grammar, std.pom or the starter changed. Run npm run build (it rewrites the file) and commit it',
        ).toStrictEqual(STDLIB_DFAS);
        expect(STDLIB_DFAS.decisions['PomFile\u200b_Alternation_1'].length).toBeGreaterThan(50);
        // pom's parser decides those from the table as allstar's functions do, whatever the next token.
        const table = strategyOf(seeded.parser.LangiumParser);
        const types = [...Object.values(unseeded.parser.Lexer.definition), EOF];
        for (const key of Object.keys(STDLIB_DFAS.oneToken!)) {
            const ours = table.oneTokenLookahead!(key, key.includes('_Alternation_'))!;
            for (const type of types) {
                const next = (tokens: TokenTypeDictionary) => ({ LA_FAST: () => ({ tokenTypeIdx: (type === EOF ? EOF : tokens[type.name]).tokenTypeIdx! }) });
                expect(ours.call(next(seeded.parser.Lexer.definition)), `${key} ${type.name}`).toBe(
                    recorded.get(key)!.call(next(unseeded.parser.Lexer.definition)),
                );
            }
        }
        expect(Object.keys(STDLIB_DFAS.oneToken!).length).toBeGreaterThan(80);
        // What both learn after it, error edges included, is the same too.
        for (const source of sources) {
            seeded.parser.LangiumParser.parse(source);
            learning.parse(source);
        }
        expect(dfas(seeded.parser.LangiumParser, seeded)).toStrictEqual(dfas(learning, unseeded));
    });

    it('finds the reachable rules once, and makes the tokens Langium’s token builder makes', async () => {
        const grammar = (await services()).Grammar;
        expect([...reachableRules(grammar)]).toStrictEqual([...GrammarUtils.getAllReachableRules(grammar, false)]);
        expect(reachableRules(grammar)).toBe(reachableRules(grammar));
        class WithLangiumsTokens extends PomTokenBuilder {
            protected override langiumTokens(...args: Parameters<DefaultTokenBuilder['buildTokens']>) {
                return DefaultTokenBuilder.prototype.buildTokens.apply(this, args) as TokenType[];
            }
        }
        const described = (tokens: TokenType[]) =>
            tokens.map(token => ({
                ...token,
                PATTERN: token.PATTERN instanceof RegExp ? token.PATTERN.source : token.PATTERN,
                LONGER_ALT: ([] as TokenType[]).concat(token.LONGER_ALT ?? []).map(alt => alt.name),
                CATEGORIES: token.CATEGORIES?.map(category => category.name),
            }));
        const ours = new PomTokenBuilder().buildTokens(grammar, { caseInsensitive: false }) as TokenType[];
        expect(described(ours)).toStrictEqual(described(new WithLangiumsTokens().buildTokens(grammar, { caseInsensitive: false }) as TokenType[]));
        expect(ours.length).toBeGreaterThan(80);
    });

    it('gives Chevrotain’s lexer what it would work out about the regular-expression terminals', async () => {
        const grammar = (await services()).Grammar;
        class Unanalysed extends PomTokenBuilder {
            protected override analysedTerminals() {
                return {};
            }
        }
        const analysis = (tokens: TokenType[]) => {
            const lexer = new Lexer(tokens, { positionTracking: 'full', skipValidations: true }) as unknown as {
                charCodeToPatternIdxToConfig: { defaultMode: Array<Array<{ tokenType: TokenType }> | undefined> };
                patternIdxToConfig: { defaultMode: Array<{ tokenType: TokenType; canLineTerminator: boolean }> };
                canModeBeOptimized: { defaultMode: boolean };
            };
            return {
                buckets: lexer.charCodeToPatternIdxToConfig.defaultMode.map(bucket => bucket?.map(config => config.tokenType.name)),
                lineEnds: lexer.patternIdxToConfig.defaultMode.map(config => [config.tokenType.name, config.canLineTerminator]),
                optimized: lexer.canModeBeOptimized.defaultMode,
            };
        };
        const ours = new PomTokenBuilder().buildTokens(grammar, { caseInsensitive: false }) as TokenType[];
        const chevrotains = new Unanalysed().buildTokens(grammar, { caseInsensitive: false }) as TokenType[];
        expect(ours.filter(token => token.PATTERN instanceof RegExp && token.START_CHARS_HINT).map(token => token.name)).toStrictEqual([
            'WS',
            'ML_COMMENT',
            'SL_COMMENT',
            'DATE',
            'NUMBER',
        ]);
        expect(analysis(ours)).toStrictEqual(analysis(chevrotains));
    });

    it('sets every node’s container, property and index as Langium’s linkContentToContainer does', async () => {
        const parser = (await services()).parser.LangiumParser;
        let nodes = 0;
        for (const source of sources) {
            const root = parser.parse(source).value;
            const ours = placements(root);
            for (const node of AstUtils.streamAst(root)) {
                const loose = node as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
                delete loose.$container;
                delete loose.$containerProperty;
                delete loose.$containerIndex;
            }
            AstUtils.linkContentToContainer(root, { deep: true });
            const langiums = placements(root);
            expect(ours.length).toBe(langiums.length);
            for (let i = 0; i < ours.length; i++) expect(ours[i], `node ${i} (${ours[i].type})`).toStrictEqual(langiums[i]);
            nodes += ours.length;
        }
        expect(nodes).toBeGreaterThan(2000);
    });

    it('gives each token the end Chevrotain’s lexer gives it, across every kind of line end', () => {
        const tokens = [createToken({ name: 'Lines', pattern: /[a\r\n]+/, line_breaks: true }), createToken({ name: 'Space', pattern: / +/ })];
        const text = 'a\n a\r\n a\r a \n \r\n \r a\na\n\n aa\r\n\r\n a\r\na\r \n\r\n\r\n';
        const ends = (token: IToken) => [token.image, token.startOffset, token.startLine, token.startColumn, token.endOffset, token.endLine, token.endColumn];
        const chevrotains = new Lexer(tokens, { positionTracking: 'full' }).tokenize(text).tokens.map(ends);
        const ours = new Lexer(tokens, { positionTracking: 'full' });
        (ours as unknown as { createTokenInstance: typeof createSyntaxLeaf }).createTokenInstance = createSyntaxLeaf;
        expect(ours.tokenize(text).tokens.map(ends)).toStrictEqual(chevrotains);
        expect(chevrotains.length).toBe(21);
    });

    it('reads a string’s value as Langium’s converter does, with and without escapes', async () => {
        const parser = (await services()).parser.LangiumParser;
        const literals = ['""', '"plain"', '"a title longer than a short string"', '"say \\"hi\\""', '"tab\\there \\\\ back"', '"\\u0041"'];
        for (const literal of literals) {
            const objects = AstUtils.streamAst(parser.parse(`bet b ${literal}\n`).value).filter(node => node.$type === 'PomObject');
            expect(objects.map(node => (node as { title?: string }).title).toArray(), literal).toStrictEqual([ValueConverter.convertString(literal)]);
        }
    });

    it('converts every token’s text to the value Langium’s converter gives, but for text blocks', async () => {
        const pom = await services();
        const langiums = new DefaultValueConverter();
        let values = 0;
        for (const source of sources) {
            const root = pom.parser.LangiumParser.parse(source).value.$cstNode!;
            for (const leaf of CstUtils.streamCst(root)) {
                if (!isLeafCstNode(leaf) || leaf.hidden || leaf.tokenType.name === 'TEXT_BLOCK') continue;
                expect(pom.parser.ValueConverter.convert(leaf.text, leaf), leaf.text).toStrictEqual(langiums.convert(leaf.text, leaf));
                values++;
            }
        }
        expect(values).toBeGreaterThan(2000);
    });
});
