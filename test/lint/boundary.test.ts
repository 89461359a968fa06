import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** Lints `text` as if it were the file at `path`, with the project's eslint.config.mjs (type-aware rules aside: the file does not exist). */
async function lintAs(path: string, text: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
    const [result] = await eslint.lintText(text, { filePath: `${root}/${path}` });
    return result.messages.map(message => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

describe('the core boundary is enforced by lint', () => {
    test('a core module that imports Langium or Langium-side code fails', async () => {
        for (const folder of ['graph', 'graph/checks', 'views', 'metrics', 'diff']) {
            const messages = await lintAs(`language/src/${folder}/uses-langium.ts`, fixture('core-imports-langium.ts'));
            expect(
                messages.filter(m => m.startsWith('no-restricted-imports')),
                folder,
            ).toHaveLength(2);
            expect(messages.join('\n')).toContain('Langium-free');
        }
    });

    test('the same module on the Langium side passes', async () => {
        const messages = await lintAs('language/src/lsp/uses-langium.ts', fixture('core-imports-langium.ts'));
        expect(messages.filter(m => m.startsWith('no-restricted-imports'))).toEqual([]);
    });

    test("the CLI must use the language's public entry point", async () => {
        const messages = await lintAs('cli/src/commands/deep.ts', fixture('cli-deep-import.ts'));
        expect(messages).toEqual([expect.stringContaining('public entry points (language/src/index.js')]);
        const viaIndex = fixture('cli-deep-import.ts').replace('language/src/compiler.js', 'language/src/index.js');
        expect(await lintAs('cli/src/commands/deep.ts', viaIndex)).toEqual([]);
    });
});
