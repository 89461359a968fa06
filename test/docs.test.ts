import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, errors } from './helpers.js';

const reference = readFileSync('docs/language.md', 'utf8');

interface Example {
    line: number;
    files: Record<string, string>;
}

/**
 * The ```pom blocks of the reference. Blocks that start with `// file: <path>` and follow each other directly
 * form one multi-file workspace; any other block is a workspace of its own.
 */
function examples(markdown: string): Example[] {
    const result: Example[] = [];
    const block = /```pom\n([\s\S]*?)```/g;
    let previousEnd = -1;
    for (let match = block.exec(markdown); match; match = block.exec(markdown)) {
        const line = markdown.slice(0, match.index).split('\n').length;
        const file = /^\/\/ file: (\S+)/.exec(match[1])?.[1];
        const joined =
            file &&
            result.length > 0 &&
            markdown.slice(previousEnd, match.index).trim() === '' &&
            Object.keys(result[result.length - 1].files).every(name => !name.startsWith('example-'));
        if (joined) result[result.length - 1].files[file] = match[1];
        else result.push({ line, files: { [file ?? `example-${line}.pom`]: match[1] } });
        previousEnd = match.index + match[0].length;
    }
    return result;
}

describe('docs/language.md', () => {
    const all = examples(reference);

    it('has examples', () => {
        expect(all.length).toBeGreaterThan(10);
    });

    it.each(all.map(example => [example.line, example] as const))('the example at line %i compiles without errors', async (_line, example) => {
        const result = await compile(example.files);
        expect(errors(result)).toEqual([]);
    });
});
