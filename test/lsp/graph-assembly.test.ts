import { DocumentState, type AstNodeDescription } from 'langium';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from '../../language/src/graph/json.js';
import { deriveFacts } from '../../language/src/graph/derived/index.js';
import type { GraphDiagnostic } from '../../language/src/graph/model.js';
import { GraphBuilder } from '../../language/src/model/graph-builder.js';
import { compile } from '../helpers.js';
import { PomIndex } from '../../language/src/references/pom-index.js';
import { GraphIndex } from '../../language/src/graph/graph-index.js';
import type { PomFile } from '../../language/src/generated/langium/ast.js';
import { editorSession, shownDiagnostics } from './lsp-helpers.js';

const initial: Record<string, string> = {
    'org.pom': `package acme.org

team payments "Payments" {
  topology: stream-aligned
  owns -> checkout
  person ana "Ana" { member-of -> payments { allocation: 60 } }
}

team risk "Risk" {
  topology: stream-aligned
  owns -> fraud
}

scope checkout "Checkout" { kind: capability }
scope fraud "Fraud" { kind: capability }
`,
    'strategy.pom': `package acme.strategy

// Views test derived facts: the editor selects them on the same facts as pom check.
view busy-teams { include team where active-bets >= 1 }

north-star gpv "Monthly GPV" { metric: "GPV" }
driver conversion "Conversion" {
  horizon: years
  metric: "conversion"
  drives -> gpv
}
input completion "Checkout completion" {
  horizon: quarters
  metric: "completion"
  drives -> conversion
}
`,
    'bets.pom': `package acme.bets
import acme.org
import acme.strategy

opportunity friction "Checkout friction" {
  horizon: quarters
  status: exploring
  in-scope -> checkout
  option wallets "Wallets" { status: chosen }
}

bet wallets "Wallets" {
  hypothesis: "Wallets lift completion"
  horizon: months
  status: active
  owner -> payments
  in-scope -> checkout
  chosen-from -> friction.wallets
  targets -> completion { expected: "+1pp" }
  work wallet-sdk "Wallet SDK" { kind: project  status: in-progress }
}
`,
};

/** The sources after each edit: objects and links added, removed and renamed across files, duplicates made and fixed. */
const edits: Array<{ what: string; files: Record<string, string | undefined> }> = [
    { what: 'a title changes', files: { 'org.pom': initial['org.pom'].replace('"Payments"', '"Payments team"') } },
    {
        what: 'a bet is added in a new file, linking across files',
        files: {
            'more.pom': `package acme.bets
import acme.org
import acme.strategy

bet fraud-model "Fraud model" {
  hypothesis: "A better model"
  horizon: months
  status: active
  owner -> risk
  in-scope -> fraud
  targets -> completion { expected: "+0.2pp" }
  depends-on -> wallets { kind: ok }
}
`,
        },
    },
    { what: 'the owner of a bet moves to another team', files: { 'bets.pom': initial['bets.pom'].replace('owner -> payments', 'owner -> risk') } },
    {
        what: 'a linked-to object is renamed (links to it break)',
        files: { 'strategy.pom': initial['strategy.pom'].replace('input completion', 'input completion-rate') },
    },
    {
        what: 'the links follow the rename',
        files: {
            'bets.pom': initial['bets.pom'].replace('owner -> payments', 'owner -> risk').replace('targets -> completion', 'targets -> completion-rate'),
        },
    },
    { what: 'the same id is defined twice, in two files', files: { 'dup.pom': `package acme.org\n\nteam risk "Risk again" { topology: platform }\n` } },
    { what: 'the first definition goes away: the other one takes over', files: { 'org.pom': initial['org.pom'].replace(/team risk[^}]*\}\n/, '') } },
    {
        what: 'a link is written twice, then a nested object leaves',
        files: {
            'bets.pom': initial['bets.pom']
                .replace('owner -> payments', 'owner -> risk')
                .replace('targets -> completion', 'targets -> completion-rate, completion-rate')
                .replace(/ {2}work wallet-sdk[^\n]*\n/, ''),
        },
    },
    { what: 'a file is deleted', files: { 'more.pom': undefined } },
    {
        what: 'the rename is undone in one file and the bets come back',
        files: { 'strategy.pom': initial['strategy.pom'], 'bets.pom': initial['bets.pom'], 'dup.pom': undefined },
    },
];

/** An index as comparable data: every namespace's ids in map order, each with where its definitions are, its duplicates and packages. */
function indexSignature(index: PomIndex): unknown {
    const where = (d: AstNodeDescription) => `${d.documentUri.toString()}:${d.nameSegment?.offset ?? 0}:${d.type}`;
    return {
        ids: Object.fromEntries(Object.entries(index.ids).map(([namespace, map]) => [namespace, [...map].map(([id, list]) => [id, list.map(where)])])),
        duplicates: index.duplicates.map(({ namespace, id, definitions }) => [namespace, id, definitions.map(where)]),
        packages: [...index.packages].sort(),
        types: index.types.map(type => type.name),
    };
}

describe('the editor patches the assembled graph instead of assembling it again', () => {
    test('after each of a series of edits, the patched graph equals a freshly assembled one', async () => {
        const { shared, pom, current, edit: apply } = await editorSession(initial);
        for (const edit of edits) {
            await apply(edit.files);

            // The index of ids, patched for the documents indexed again, equals one made from every document's symbols.
            const files = shared.workspace.LangiumDocuments.all.map(d => d.parseResult.value as PomFile);
            const rebuilt = new PomIndex(shared.workspace.IndexManager.allElements(), files);
            expect(indexSignature(pom.references.PomIndex.index), edit.what).toEqual(indexSignature(rebuilt));

            const patched = pom.model.WorkspaceModel.model;
            // The same documents assembled from scratch by the builder the command line uses.
            const fresh = new GraphBuilder(pom.model.TypeSystem, pom.workspace.Paths);
            const documents = shared.workspace.LangiumDocuments.all
                .filter(d => d.state >= DocumentState.Linked)
                .toArray()
                .sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
            const assembled = fresh.assemble(
                documents.map(d => fresh.fragment(d)),
                pom.references.PomIndex.index,
            );
            // The model derives its facts (effective health, lineage…) from the assembled graph, and selects the
            // views once the facts they may test exist.
            const viewDiagnostics: GraphDiagnostic[] = [];
            const derived = deriveFacts(assembled.graph, {
                selectViews: graph => {
                    const selected = fresh.selectViews(graph, assembled.views);
                    viewDiagnostics.push(...selected.diagnostics);
                    return selected.views;
                },
            });
            expect(canonicalJson(patched.graph), edit.what).toBe(canonicalJson(derived));
            // Its index (shared with the graph before the edit when no object came or went) answers as a new one would.
            const index = GraphIndex.of(patched.graph);
            const rebuiltIndex = new GraphIndex(patched.graph);
            for (const object of patched.graph.objects) expect(index.get(object.id), edit.what).toBe(object);
            for (const type of patched.graph.types) expect(index.ofType(type.id), edit.what).toEqual(rebuiltIndex.ofType(type.id));
            const patchedDiagnostics = [...patched.diagnosticsByFile.values()].flat();
            for (const diagnostic of [...assembled.diagnostics, ...viewDiagnostics]) expect(patchedDiagnostics, edit.what).toContainEqual(diagnostic);

            // And the same as a one-shot compile of the same sources (what `pom check` sees). Not while an id is
            // defined twice: which definition wins then depends on the order files were indexed in.
            const batch = await compile(Object.fromEntries(current));
            if (batch.diagnostics.some(d => d.code === 'duplicate-id')) continue;
            expect(canonicalJson({ ...patched.graph, diagnostics: [] }), edit.what).toBe(canonicalJson({ ...batch.graph, diagnostics: [] }));
            // What the editor shows in every file, after relinking and revalidating only what the edit affects, is
            // what `pom check` reports; a duplicate id resolved in a file the others do not reference included.
            expect(shownDiagnostics(shared, pom), edit.what).toEqual(batch.diagnostics);
        }
        const graph = pom.model.WorkspaceModel.model.graph;
        // The edits were real: the bet links to the input again, and the team risk (both definitions) is gone.
        expect(graph.objects.find(o => o.id === 'acme.bets.wallets')?.links.map(l => l.target)).toContain('acme.strategy.completion');
        expect(graph.objects.find(o => o.id === 'acme.org.payments')?.backlinks.map(l => l.source)).toContain('acme.bets.wallets');
        expect(graph.objects.some(o => o.id === 'acme.org.risk')).toBe(false);
        expect(graph.views.find(v => v.id === 'acme.strategy.busy-teams')?.objects).toEqual(['acme.org.payments']);
    });

    test('a graph handed out earlier is not changed by later edits', async () => {
        const { pom, edit } = await editorSession(initial);
        const before = pom.model.WorkspaceModel.model.graph;
        const json = canonicalJson(before);
        await edit({ 'bets.pom': initial['bets.pom'].replace('owner -> payments', 'owner -> risk') });
        const after = pom.model.WorkspaceModel.model.graph;
        expect(after.objects.find(o => o.id === 'acme.org.risk')?.backlinks.map(l => l.source)).toContain('acme.bets.wallets');
        expect(canonicalJson(before)).toBe(json);
    });
});
