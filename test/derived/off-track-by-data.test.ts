import { resolve } from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { compileWorkspace, loadDocuments } from '../../language/src/compiler.js';
import { buildSite } from '../../language/src/emitters/site/index.js';
import { GraphIndex } from '../../language/src/graph/graph-index.js';
import { createPomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { groupContents } from '../../language/src/views/rollup.js';
import { pom, workspace } from '../cli-run.js';

// An input that declares no health, whose metric data has said off-track for months: every front end must say
// it is off track, because they all read the one derived fact (effective-health).
const FILES = {
    'strategy.pom': `package org
north-star revenue "Revenue" { metric: "GPV" }
driver activation "Activation" {
  horizon: years
  drives -> revenue
  metric: "Activated merchants"
}
input speed "Onboarding speed" {
  horizon: quarters
  metric: "Merchants onboarded per week"
  baseline: 10
  target: 20
  start: 2026-01-01
  end: 2026-12-31
  measured-by -> onboarded
  drives -> activation
}
input calm "Calm input" {
  horizon: quarters
  health: on-track
  metric: "Something fine"
  drives -> activation
}
metric onboarded "Onboarded per week" {
  source: "warehouse"
  data: "onboarded.csv"
  direction: increase
}
`,
    'onboarded.csv': 'date,value\n2026-01-05,10\n2026-03-02,10\n2026-05-04,9\n2026-07-06,9\n2026-09-07,8\n',
};

describe('an input off track only by its data', () => {
    const dir = workspace(FILES);

    test('the derived facts say so, and graph.json carries them', async () => {
        const { graph } = await compileWorkspace(dir);
        const speed = graph.objects.find(o => o.id === 'org.speed')!;
        expect(speed.fields.health).toBeUndefined();
        expect(speed.facts).toMatchObject({ 'effective-health': 'off-track', 'data-status': 'off-track', 'data-metric': 'org.onboarded', 'data-value': 8 });
        expect(graph.objects.find(o => o.id === 'org.calm')!.facts).toEqual({ 'effective-health': 'on-track' });
    });

    test('a roll-up group of a large view counts it off track', async () => {
        const { graph } = await compileWorkspace(dir);
        const group = {
            id: 'group:org.activation',
            key: 'org.activation',
            title: 'Activation',
            objects: ['org.calm', 'org.speed'],
            drillDown: 'x/org.activation',
        };
        expect(groupContents(GraphIndex.of(graph), group).offTrack).toBe(1);
    });

    test('pom query off-track lists it, and selectors can test what the data says', async () => {
        const offTrack = await pom(['query', dir, 'off-track', '--ids']);
        expect(offTrack.stdout.split('\n').filter(Boolean)).toEqual(['org.speed']);
        const byData = await pom(['query', dir, 'input where data-status = off-track and not has health', '--ids']);
        expect(byData.stdout).toBe('org.speed\n');
        const table = await pom(['query', dir, 'input', '--columns', 'effective-health,data-trend']);
        expect(table.stdout).toMatch(/org\.speed .*off-track\s+down/);
    });

    test('pom check warns that the data says off-track while no health is declared', async () => {
        const check = await pom(['check', dir]);
        expect(check.stdout).toMatch(
            /strategy\.pom:8:7: warning: 'org\.speed' declares no health, but the data of 'org\.onboarded' says off-track since .*\[health-from-data\]/,
        );
    });

    test('the site lists it on the off-track report and marks it off track on the home page', async () => {
        const site = buildSite((await compileWorkspace(dir)).graph);
        const report = parse(site.get('reports/off-track.html')!);
        expect(report.querySelectorAll('main table a').map(a => a.getAttribute('title'))).toContain('org.speed');
        const home = parse(site.get('index.html')!);
        const item = home.querySelectorAll('a').find(a => a.getAttribute('title') === 'org.speed')!.parentNode;
        expect(item?.textContent).toMatch(/off track\s+by data/);
    });

    test('the editor shows it off track in the hover and an inlay hint', async () => {
        const { shared, pom: services } = createPomLspServices(NodeFileSystem);
        const documents = loadDocuments(shared, services, dir, new Map([[resolve(dir, 'strategy.pom'), FILES['strategy.pom']]]));
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
        const document = documents.find(d => d.uri.path.endsWith('strategy.pom'))!;
        const text = document.textDocument.getText();
        const position = document.textDocument.positionAt(text.indexOf('speed "') + 1);
        const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position });
        expect(JSON.stringify(hover?.contents)).toMatch(/health: off-track \(by the data of `org\.onboarded` since [\d-]+; none declared\)/);
        const end = document.textDocument.positionAt(text.length);
        const hints = await services.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() },
            range: { start: { line: 0, character: 0 }, end },
        });
        expect(hints?.map(h => h.label)).toContain('● off-track by data');
    });
});
