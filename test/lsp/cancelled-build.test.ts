// A build the next keystroke cancels leaves documents half built. When the following edit changes a document
// they link into, the editor must relink them too, or their links keep pointing into the replaced syntax tree
// and drop out of the model (the fuzz burst in test/hostile/fuzz.test.ts found it). In process, so the moment
// of cancellation is chosen, not hoped for.
import { Cancellation, DocumentState, OperationCancelled, URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compileWorkspace, loadDocuments } from '../../language/src/compiler.js';
import { canonicalJson } from '../../language/src/graph/json.js';
import { createPomLspServices } from '../../language/src/lsp/pom-lsp-module.js';
import { ACME } from '../helpers.js';
import { shownDiagnostics } from './lsp-helpers.js';

/** A token that reads as cancelled once `condition` holds: the next keystroke arriving at that moment. */
function cancelledWhen(condition: () => boolean): Cancellation.CancellationToken {
    return {
        get isCancellationRequested() {
            return condition();
        },
        onCancellationRequested: () => ({ dispose: () => undefined }),
    };
}

function pomFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter(file => file.endsWith('.pom'))
        .map(file => join(dir, file))
        .sort();
}

/** An editor session over examples/acme, built as the server builds it on start-up. */
async function acmeSession() {
    const { shared, pom } = createPomLspServices(NodeFileSystem);
    const texts = new Map(pomFiles(ACME).map(file => [file, readFileSync(file, 'utf8')]));
    await shared.workspace.DocumentBuilder.build(loadDocuments(shared, pom, ACME, texts), { validation: true });
    const document = (path: string): LangiumDocument => shared.workspace.LangiumDocuments.getDocument(URI.file(join(ACME, path)))!;
    let version = 1;
    /** Types a comment at the end of a file; the build it starts stops when `cancel` says. */
    const edit = (path: string, cancel = Cancellation.CancellationToken.None) => {
        const file = join(ACME, path);
        texts.set(file, `${texts.get(file)}// typed\n`);
        shared.workspace.TextDocuments.set(TextDocument.create(URI.file(file).toString(), 'pom', ++version, texts.get(file)!));
        return shared.workspace.DocumentBuilder.update([URI.file(file)], [], cancel);
    };
    /** What the editor shows in every file, and what pom check says of the same texts. */
    const shown = () => shownDiagnostics(shared, pom);
    const check = () => compileWorkspace(ACME, { overrides: texts });
    const graph = () => pom.model.WorkspaceModel.model.graph;
    return { document, edit, shown, check, graph };
}

const linkTargets = (graph: { objects: ReadonlyArray<{ id: string; links: ReadonlyArray<{ kind: string; target: string }> }> }, id: string, kind: string) =>
    graph.objects
        .find(o => o.id === id)
        ?.links.filter(l => l.kind === kind)
        .map(l => l.target);

describe('an edit after a cancelled build', () => {
    test('a file linked but not yet indexed when its build was cancelled is relinked when a file it links into changes', async () => {
        const session = await acmeSession();
        const commerce = session.document('bets/commerce.pom');
        // commerce.pom is edited; the next keystroke lands just after it is linked, before its references are indexed.
        await expect(
            session.edit(
                'bets/commerce.pom',
                cancelledWhen(() => commerce.state === DocumentState.Linked),
            ),
        ).rejects.toBe(OperationCancelled);
        expect(commerce.state).toBe(DocumentState.Linked);
        // That keystroke is in platform.pom, which defines the feature store commerce.pom's fraud model depends on.
        await session.edit('bets/platform.pom');

        const check = await session.check();
        expect(linkTargets(session.graph(), 'acme.bets.fraud-model-v3', 'std.depends-on')).toEqual(['acme.bets.feature-store']);
        expect(session.shown().filter(d => d.location.file === 'bets/commerce.pom')).toContainEqual(
            expect.objectContaining({ code: 'blocked-by-overloaded-team', object: 'acme.bets.fraud-model-v3' }),
        );
        expect(session.shown()).toEqual(check.diagnostics.filter(d => d.location.file.endsWith('.pom')));
        expect(canonicalJson({ ...session.graph(), diagnostics: [] })).toBe(canonicalJson({ ...check.graph, diagnostics: [] }));
    });

    test('a file whose linking was cut off midway is relinked when a file its linked part points into changes', async () => {
        const session = await acmeSession();
        const commerce = session.document('bets/commerce.pom');
        // The keystroke lands while commerce.pom is being linked: its first bets' owners (in teams.pom) are resolved.
        const midway = () => commerce.state < DocumentState.Linked && commerce.references.length > 0;
        await expect(session.edit('bets/commerce.pom', cancelledWhen(midway))).rejects.toBe(OperationCancelled);
        expect(commerce.state).toBe(DocumentState.ComputedScopes);
        expect(commerce.references.map(r => r.$refText)).toContain('checkout-team');
        // That keystroke is in teams.pom.
        await session.edit('org/teams.pom');

        const check = await session.check();
        expect(linkTargets(session.graph(), 'acme.bets.one-click-checkout', 'std.owner')).toEqual(['acme.org.checkout-team']);
        expect(session.shown()).toEqual(check.diagnostics.filter(d => d.location.file.endsWith('.pom')));
        expect(canonicalJson({ ...session.graph(), diagnostics: [] })).toBe(canonicalJson({ ...check.graph, diagnostics: [] }));
    });
});
