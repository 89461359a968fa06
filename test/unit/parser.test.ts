// pom's parser is Langium's with two parts of its own, and each must give exactly what Langium's gives: the rules built
// from the grammar (parser-builder.ts), and the walk that gives every node its container (completion, hover, rename
// and the graph builder all walk up through $container).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, createParser, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { STDLIB_SOURCE } from '../../language/src/generated/stdlib.js';
import { createPomParser } from '../../language/src/workspace/parser.js';
import { services } from './harness.js';

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

const acme = join(import.meta.dirname, '..', '..', 'examples', 'acme');
const sources = [
    STDLIB_SOURCE,
    ...readdirSync(acme, { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.pom'))
        .sort()
        .map(file => readFileSync(join(acme, file), 'utf8')),
    // Broken input: the recovered tree must be linked up the same way.
    'package p\nbet b "B" { status: , targets -> [ \n view v { include * linked to }\n',
    // Recovery: an unclosed body above views, a stray `*`, nested braces, a half-typed rule and query.
    'bet tmp "T" {\n  status: active\nview a { include bet }\nview b "B" extends a { layout: left-to-right }\n',
    'team t { owner -> * , }\nbet {{{{ x\ninsight i "I" { informs -> o { weight: 3 } }\n',
    'rule r { for bet where (status = active or not has doc\n severity: warning }\nquery q { columns: a, group-by: }\n',
];

/** A parse as plain data: every node's properties (a reference as its text), its syntax-tree leaves and the errors. */
function parsed(result: ParseResult): unknown {
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
        'content' in node ? { composite: node.grammarSource?.$type, children: (node as { content: CstNode[] }).content.map(syntax) } : [node.offset, node.text];
    return {
        tree: tree(result.value),
        syntax: result.value.$cstNode && syntax(result.value.$cstNode),
        lexerErrors: result.lexerErrors.map(error => [error.offset, error.message]),
        parserErrors: result.parserErrors.map(error => [error.token.startOffset, error.message]),
    };
}

describe('parser', () => {
    it('builds the same tree, syntax tree and errors as with the rules Langium’s createParser builds', async () => {
        const pom = await services();
        const langiums = createPomParser(pom, createParser);
        for (const source of sources) expect(parsed(pom.parser.LangiumParser.parse(source))).toStrictEqual(parsed(langiums.parse(source)));
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
});
