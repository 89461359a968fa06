// Linking and validation walk each document with pom's own walks (util/ast-walk.ts), which read only the properties
// the grammar says may hold child nodes or references. They must visit exactly what Langium's streams visit, in the
// same order: the linker links in that order and records each reference it links for the editor's relinking.
import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { STDLIB_SOURCE } from '../../language/src/generated/stdlib.js';
import { AstWalk, astNodes, forEachReference } from '../../language/src/util/ast-walk.js';
import { acmeFiles, services } from './harness.js';

const sources = [
    STDLIB_SOURCE,
    ...acmeFiles().map(file => file.text),
    // Several reference properties in one node (a selector's head, `reaches` and `around`; a link's sources and targets).
    'package p\nlink serves from team, squad to bet, input "Serves"\n' +
        'view v { include bet linked to t1 via [serves] ~> team, team linked to t1 depth 2\n }\n' +
        'rule r { for bet where (status = active or not has doc) require owner -> team\n severity: warning }\n' +
        'query q { include bet where serves -> t1 columns: a, b group-by: c }\n',
    // Broken input: recovered nodes with properties missing.
    'package p\nbet b "B" { status: , targets -> [ \n view v { include * linked to }\n',
    'team t { owner -> * , }\nbet {{{{ x\ninsight i "I" { informs -> o { weight: 3 } }\n',
];

async function parse(source: string): Promise<AstNode> {
    return (await services()).parser.LangiumParser.parse(source).value;
}

describe('ast walks', () => {
    it('visit every node in the order of Langium’s streamAst', async () => {
        let nodes = 0;
        for (const source of sources) {
            const root = await parse(source);
            const expected = AstUtils.streamAst(root).toArray();
            const actual = astNodes(root);
            expect(actual.length).toBe(expected.length);
            for (let i = 0; i < expected.length; i++) expect(actual[i], `node ${i} (${expected[i].$type})`).toBe(expected[i]);
            nodes += actual.length;
        }
        expect(nodes).toBeGreaterThan(2000);
    });

    it('visit every reference in the order of Langium’s streamReferences, with its node, property and index', async () => {
        let references = 0;
        const types = new Set<string>();
        for (const source of sources) {
            const root = await parse(source);
            for (const node of AstUtils.streamAst(root)) {
                const expected = AstUtils.streamReferences(node)
                    .map(info => [info.reference, info.property, info.index, info.container])
                    .toArray();
                const actual: unknown[] = [];
                forEachReference(node, (reference, property, index, container) => actual.push([reference, property, index, container]));
                expect(actual, node.$type).toStrictEqual(expected);
                references += actual.length;
                if (actual.length > 1) types.add(node.$type);
            }
        }
        expect(references).toBeGreaterThan(1000);
        // Nodes with more than one reference were among them: their order is the one that could differ.
        expect([...types]).toEqual(expect.arrayContaining(['LinkDecl', 'Selector']));
    });

    it('remember a walk only once it is complete, and share it with astNodes', async () => {
        const root = await parse(sources[1]);
        const partial = new AstWalk(root);
        partial.next();
        partial.next();
        const all = astNodes(root);
        expect(all.length).toBe(AstUtils.streamAst(root).count());

        const other = await parse(sources[2]);
        const walk = new AstWalk(other);
        const walked: AstNode[] = [];
        for (let node = walk.next(); node; node = walk.next()) walked.push(node);
        expect(astNodes(other)).toBe(walk.nodes);
        expect(walked).toStrictEqual([...walk.nodes]);
        // A walk over a remembered tree gives the remembered list.
        const again = new AstWalk(other);
        let count = 0;
        while (again.next()) count++;
        expect(count).toBe(walked.length);
    });
});
