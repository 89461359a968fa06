import { configDefaults, defineConfig } from 'vitest/config';

// Two tiers, each file run once by `npm test` (`vitest run`):
// - unit (`npm run test:unit`): DSL snippets parsed and validated in one shared service container, the selector
//   engine on tiny models, registry facts. In-process, no build needed, well under 30 s.
// - e2e: the built CLI, language server, site and diagrams, driven as a user would (needs `npm run build`).
export default defineConfig({
    test: {
        testTimeout: 60_000,
        hookTimeout: 120_000,
        projects: [
            {
                test: {
                    name: 'unit',
                    include: ['test/unit/**/*.test.ts'],
                    // One worker, its modules shared across files: every file uses the one service container
                    // (test/unit/harness.ts), whose standard library is built once.
                    pool: 'forks',
                    isolate: false,
                    fileParallelism: false,
                    testTimeout: 10_000,
                    globalSetup: ['test/support/unit-preflight.ts'],
                },
            },
            {
                extends: true,
                test: {
                    name: 'e2e',
                    include: ['test/**/*.test.ts'],
                    exclude: [...configDefaults.exclude, 'test/unit/**'],
                    pool: 'forks',
                    globalSetup: ['test/support/preflight.ts'],
                },
            },
        ],
    },
});
