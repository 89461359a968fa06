// The language server collects the young generation once a build is done, so that the next edit's build starts
// with it empty and does not stop for a collection before the edited file's diagnostics are sent.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, test } from 'vitest';
import { collectWhenIdle, youngGenerationCollector } from '../../language/src/lsp/idle-collection.js';
import { editorSession } from './lsp-helpers.js';

const youngBytes = () => getHeapSpaceStatistics().find(space => space.space_name === 'new_space')!.space_used_size;
const nextTask = () => new Promise(resolve => setTimeout(resolve, 0));

describe('collection while the editor is idle', () => {
    test('the collector empties the young generation, of what is still alive too', () => {
        const collect = youngGenerationCollector();
        expect(collect).toBeDefined();
        collect!();
        // What a build leaves behind: garbage, dropped as soon as it is made, and what it keeps (its new model).
        const kept: number[][] = [];
        for (let i = 0; i < 2_000; i++) {
            const list = Array.from({ length: 100 }, (_, j) => j);
            if (i % 4 === 0) kept.push(list);
        }
        const filled = youngBytes();
        expect(filled).toBeGreaterThan(1_000_000);
        collect!();
        expect(youngBytes()).toBeLessThan(filled / 10);
        expect(kept.length).toBe(500);
    });

    test('once after a build is done, and not when the next edit has started another', async () => {
        const session = await editorSession({ 'a.pom': 'package p\nteam t "T"\n', 'b.pom': 'package p\nscope s "S"\n' });
        let collections = 0;
        collectWhenIdle(session.shared, () => collections++);

        await session.edit({ 'a.pom': 'package p\nteam t "Team"\n' });
        expect(collections).toBe(0); // not during the build
        await nextTask();
        expect(collections).toBe(1);

        // Two edits in a row: the first build's collection would run while the second builds.
        await session.edit({ 'a.pom': 'package p\nteam t "Team 2"\n' });
        const second = session.edit({ 'b.pom': 'package p\nscope s "Scope"\n' });
        await nextTask();
        expect(collections).toBe(1);
        await second;
        await nextTask();
        expect(collections).toBe(2);
    });
});
