// The parser's own walk that gives every node its container must leave the tree exactly as Langium's
// linkContentToContainer does: completion, hover, rename and the graph builder all walk up through $container.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { STDLIB_SOURCE } from '../../language/src/generated/stdlib.js';
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
];

describe('parser', () => {
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
