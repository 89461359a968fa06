// A new definition can take over a name that another file had already resolved elsewhere: a file's own package
// wins over its imports, and two imports defining a name make it ambiguous. The file that wrote the name did not
// change and its reference did not point into the edited file, yet it must be linked again, or the editor keeps a
// target that `pom check` no longer picks. After each edit, what the editor shows equals a fresh compile.
import { Cancellation, DocumentState, OperationCancelled, type LangiumDocument } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompileResult } from '../../language/src/compiler.js';
import { canonicalJson } from '../../language/src/graph/json.js';
import { compile } from '../helpers.js';
import { editorSession, shownDiagnostics } from './lsp-helpers.js';

const initial: Record<string, string> = {
    // Package b's team t, link kind guards and type gadget are what x.pom names through `import b`; gadget's
    // grade is of the enum level, which b.pom imports from d.
    'lib/b.pom': `package b
import d

team t "T of b"
type gadget "Gadget" { grade?: level }
link guards from team to team "guards"
`,
    'lib/c.pom': `package c

team other "Other"
`,
    'lib/d.pom': `package d

enum level { low high }
`,
    'x.pom': `package a
import b
import c

team keeper "Keeper" {
  owner -> t
  guards -> t
}
gadget g "G" { grade: high }
`,
    'y.pom': `package a

team s "S"
`,
    // Sees c's t, once there is one, through the import of that one object.
    'w.pom': `package e
import b
import c.t

team w "W" { owner -> t }
`,
    // Its own file: a file with an unresolved name is linked again after every edit anyway.
    'z.pom': `package a
import c

team z "Z" { in-scope -> u }
`,
};

const withTeamT = `${initial['y.pom']}team t "T of a"\n`;

/** Each edit, and what a fresh compile of the sources after it says (so that the edit is known to matter). */
const edits: Array<{ what: string; files: Record<string, string | undefined>; fresh: (result: CompileResult) => void }> = [
    {
        what: 'an object added in the own package shadows the imported one',
        files: { 'y.pom': withTeamT },
        fresh: result => expect(targets(result, 'a.keeper', 'std.owner')).toEqual(['a.t']),
    },
    {
        what: 'deleting it restores the imported target',
        files: { 'y.pom': initial['y.pom'] },
        fresh: result => expect(targets(result, 'a.keeper', 'std.owner')).toEqual(['b.t']),
    },
    {
        what: 'an object renamed takes over the name',
        files: { 'y.pom': initial['y.pom'].replace('team s', 'team t') },
        fresh: result => expect(targets(result, 'a.keeper', 'std.owner')).toEqual(['a.t']),
    },
    {
        what: 'renamed back, the imported object is the target again',
        files: { 'y.pom': initial['y.pom'] },
        fresh: result => expect(targets(result, 'a.keeper', 'std.owner')).toEqual(['b.t']),
    },
    {
        what: 'an object added in another imported package makes the name ambiguous',
        files: { 'lib/c.pom': `${initial['lib/c.pom']}team t "T of c"\n` },
        fresh: result => {
            expect(codesIn(result, 'x.pom')).toContain('ambiguous-reference');
            expect(codesIn(result, 'w.pom')).toContain('ambiguous-reference');
        },
    },
    {
        what: 'it goes, and the name is unambiguous again',
        files: { 'lib/c.pom': initial['lib/c.pom'] },
        fresh: result => expect(targets(result, 'a.keeper', 'std.owner')).toEqual(['b.t']),
    },
    {
        what: 'an unresolved name resolves to an object added in an imported package',
        files: { 'lib/c.pom': `${initial['lib/c.pom']}scope u "U"\n` },
        fresh: result => expect(targets(result, 'a.z', 'std.in-scope')).toEqual(['c.u']),
    },
    {
        what: 'a type added in the own package shadows the imported type',
        files: { 'y.pom': `${initial['y.pom']}type gadget "Local gadget" { size?: number }\n` },
        fresh: result => expect(codesIn(result, 'x.pom')).toContain('unknown-field'),
    },
    {
        what: 'the type goes',
        files: { 'y.pom': initial['y.pom'] },
        fresh: result => expect(codesIn(result, 'x.pom')).not.toContain('unknown-field'),
    },
    {
        what: 'a link kind added in the own package shadows the imported one',
        files: { 'y.pom': `${initial['y.pom']}link guards from team to scope "guards locally"\n` },
        fresh: result => expect(targets(result, 'a.keeper', 'a.guards')).toEqual(['b.t']),
    },
    {
        what: 'the link kind goes',
        files: { 'y.pom': initial['y.pom'] },
        fresh: result => expect(targets(result, 'a.keeper', 'b.guards')).toEqual(['b.t']),
    },
    {
        what: "an enum added in b's package shadows the one b imports: the values of its fields are read against it",
        files: { 'lib/b2.pom': `package b\n\nenum level { low mid }\n` },
        fresh: result => expect(codesIn(result, 'x.pom')).toContain('unknown-enum-member'),
    },
    {
        what: 'the file with the enum is deleted',
        files: { 'lib/b2.pom': undefined },
        fresh: result => expect(codesIn(result, 'x.pom')).not.toContain('unknown-enum-member'),
    },
];

function targets(result: CompileResult, id: string, kind: string): string[] | undefined {
    return result.graph.objects
        .find(o => o.id === id)
        ?.links.filter(l => l.kind === kind)
        .map(l => l.target);
}

function codesIn(result: CompileResult, file: string): string[] {
    return result.diagnostics.filter(d => d.location.file === file).map(d => d.code);
}

/** An editor session over `initial`: edits as the server receives them, and what it shows against pom check. */
async function session() {
    const { shared, pom, current, edit, document } = await editorSession(initial);
    /** Compiles the current texts afresh and expects the editor's diagnostics and graph to equal its; answers the compile. */
    const expectAsCheck = async (what: string) => {
        const batch = await compile(Object.fromEntries(current));
        expect.soft(shownDiagnostics(shared, pom), what).toEqual(batch.diagnostics);
        expect.soft(canonicalJson({ ...pom.model.WorkspaceModel.model.graph, diagnostics: [] }), what).toBe(canonicalJson({ ...batch.graph, diagnostics: [] }));
        return batch;
    };
    return { edit, document, expectAsCheck, current };
}

/** A token that reads as cancelled once `condition` holds: the next keystroke arriving at that moment. */
function cancelledWhen(condition: () => boolean): Cancellation.CancellationToken {
    return {
        get isCancellationRequested() {
            return condition();
        },
        onCancellationRequested: () => ({ dispose: () => undefined }),
    };
}

describe('a new definition that takes over a name another file resolved', () => {
    test('after each edit, the editor links and reports what pom check does', async () => {
        const { edit, expectAsCheck } = await session();
        for (const { what, files, fresh } of edits) {
            await edit(files);
            fresh(await expectAsCheck(what));
        }
    });

    test.each([
        ['once the file with the new object is parsed, before it is indexed', (y: LangiumDocument) => y.state === DocumentState.Parsed],
        ['once the file naming it is marked for relinking', (_y: LangiumDocument, x: LangiumDocument) => x.state === DocumentState.ComputedScopes],
    ])('a build cancelled by the next keystroke %s still ends relinked', async (_when, cancelled) => {
        const { edit, document, expectAsCheck, current } = await session();
        const [x, y] = [document('x.pom'), document('y.pom')];
        await expect(
            edit(
                { 'y.pom': withTeamT },
                cancelledWhen(() => cancelled(y, x)),
            ),
        ).rejects.toBe(OperationCancelled);
        // The next keystroke is in another file.
        await edit({ 'z.pom': `${current.get('z.pom')}// typed\n` });
        const batch = await expectAsCheck('after the next keystroke');
        expect(targets(batch, 'a.keeper', 'std.owner')).toEqual(['a.t']);
    });
});
