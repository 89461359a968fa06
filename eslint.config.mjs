// Lint: typescript-eslint strict + type-aware, and the architecture's import boundaries.
// Run with `npm run lint`; CI (.ci/run) runs it. A rule turned off below says why, in one line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

/** Folders whose code is Langium-side: the parser, the AST and everything that walks it. */
const LANGIUM_SIDE = ['generated', 'syntax', 'references', 'validation', 'workspace', 'lsp', 'model', 'format'];

/** The Langium-free core: plain typed data and pure functions that every front end reads. */
const CORE = ['graph', 'views', 'metrics', 'diff', 'layout', 'emitters', 'diagnostics']; // util/ holds helpers for both sides

const coreBoundary = {
    patterns: [
        {
            regex: '^(langium|chevrotain|vscode-languageserver[a-z-]*|vscode-jsonrpc)(/.*)?$',
            message:
                'The core (graph, selectors, checks, views, metrics, diff, emitters, the diagnostic code registry) is Langium-free: plain data and pure functions. Move this code to a Langium-side folder or pass the data in.',
        },
        {
            group: [...LANGIUM_SIDE.map(folder => `**/${folder}/**`), '**/pom-module.js', '**/compiler.js', '**/query.js', '**/incremental.js', '**/render.js'],
            message:
                'The core (graph, selectors, checks, views, metrics, diff, emitters, the diagnostic code registry) must not import Langium-side code (model, references, validation, workspace, lsp, syntax, generated, format).',
        },
    ],
};

export default tseslint.config(
    {
        ignores: [
            'out/**',
            'node_modules/**',
            'language/src/generated/**',
            'vscode-extension/dist/**',
            'vscode-extension/out/**',
            'test-results/**',
            'test-artifacts/**',
            'bench-results/**',
            'test/lint/fixtures/**',
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.strictTypeChecked,
    {
        languageOptions: {
            parserOptions: {
                projectService: {
                    allowDefaultProject: ['*.mjs', '*.config.ts'],
                },
                tsconfigRootDir: import.meta.dirname,
            },
        },
        plugins: { 'import-x': importX },
        rules: {
            // Template literals are the house way to build messages; numbers and booleans in them are fine.
            '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
            // Unused parameters are caught by tsc (noUnusedParameters); `_`-prefixed ones are deliberate.
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
            // No import cycles between modules (and so between folders).
            'import-x/no-cycle': ['error', { ignoreExternal: true }],
            // Output must not depend on the machine's locale: order ids and titles with util/compare.ts.
            'no-restricted-properties': [
                'error',
                {
                    property: 'localeCompare',
                    message: 'Output must not depend on the locale: use compareIds from language/src/util/compare.js.',
                },
            ],
            // Off: the code leans on invariants tsc cannot see (a map entry made in the same pass, a regex group that
            // matched); spelling each as a check would add untested branches, not safety.
            '@typescript-eslint/no-non-null-assertion': 'off',
            // Off: `() => resolve()` style callbacks are idiomatic and clear here.
            '@typescript-eslint/no-confusing-void-expression': 'off',
            // Off: these regexes match control characters on purpose, to reject or escape them.
            'no-control-regex': 'off',
            // Off: with noUncheckedIndexedAccess off, every `record[key]` is typed as present, so this rule flags the
            // necessary `!== undefined` checks; and parsed JSON and Langium ASTs of broken input are checked defensively.
            '@typescript-eslint/no-unnecessary-condition': 'off',
            // Off: objects and records keyed by field name are the data model; `delete` is how a key is dropped.
            '@typescript-eslint/no-dynamic-delete': 'off',
            // Off: Langium's hooks are async by contract; an override may have nothing to await.
            '@typescript-eslint/require-await': 'off',
        },
    },
    {
        // Commander hands each action its parsed options as `any`; their shape is declared by the command's options.
        files: ['cli/src/main.ts'],
        rules: { '@typescript-eslint/no-unsafe-argument': 'off' },
    },
    {
        // Tests read JSON output and protocol messages as untyped data and assert on its shape.
        files: ['test/**/*.ts'],
        rules: {
            '@typescript-eslint/no-unsafe-member-access': 'off',
            '@typescript-eslint/no-unsafe-assignment': 'off',
            '@typescript-eslint/no-unsafe-argument': 'off',
            '@typescript-eslint/no-unsafe-call': 'off',
            '@typescript-eslint/no-unsafe-return': 'off',
            '@typescript-eslint/restrict-plus-operands': 'off',
            // `expect(services.method)` and friends pass methods as values on purpose.
            '@typescript-eslint/unbound-method': 'off',
        },
    },
    {
        files: [`language/src/{${CORE.join(',')}}/**/*.ts`],
        rules: { 'no-restricted-imports': ['error', coreBoundary] },
    },
    {
        files: ['cli/src/**/*.ts'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            group: ['**/language/src/**', '!**/language/src/index.js', '!**/language/src/render.js'],
                            message:
                                "The CLI uses the language's public entry points (language/src/index.js; drawing: language/src/render.js), not deep imports: export what you need from there.",
                        },
                    ],
                },
            ],
        },
    },
    {
        files: ['**/*.mjs', '**/*.js'],
        ...tseslint.configs.disableTypeChecked,
        languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
    },
    {
        files: ['language/assets/site/**/*.js'],
        languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.browser, sourceType: 'script' },
    },
);
