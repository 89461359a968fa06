import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { promises as fs } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import {
    compareDiagnostics,
    createPomServices,
    escapeControls,
    findPomFiles,
    formatDocument,
    type GraphDiagnostic,
    IssueCodes,
    toGraphDiagnostic,
    WorkspaceError,
} from '../../../language/src/index.js';
import { readSourceFile, rewriteSourceFile } from '../write-source.js';
import { formatDiagnostics, type DiagnosticFormat } from '../format-diagnostics.js';

export interface FmtOptions {
    check: boolean;
    format: DiagnosticFormat;
}

/**
 * Rewrites .pom files in the canonical layout (docs/formatting.md), or with --check lists those that are not.
 * Files with syntax errors are reported as pom check reports them and never rewritten.
 * Exit status: 0 all well; 1 syntax errors, or unformatted files with --check; 2 usage or I/O errors.
 */
export async function fmtCommand(paths: string[], options: FmtOptions): Promise<number> {
    const files = await pomFilesOf(paths.length > 0 ? paths : ['.']);
    const { shared, pom } = createPomServices(NodeFileSystem, { indexReferences: false });
    const cwd = process.cwd();
    pom.workspace.Paths.root = cwd;
    const broken: GraphDiagnostic[] = [];
    const unformatted: string[] = [];
    let rewritten = 0;

    // One file that cannot be read, formatted or written is reported, and the others are still formatted.
    const failed: string[] = [];
    for (const file of files) {
        try {
            const text = await readSourceFile(file);
            const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(file));
            if (document.parseResult.lexerErrors.length > 0 || document.parseResult.parserErrors.length > 0) {
                // The same messages and codes as pom check, from the same validator (syntax only: nothing is linked).
                const diagnostics = await pom.validation.DocumentValidator.validateDocument(document, { categories: ['built-in'] });
                const display = pom.workspace.Paths.display(document.uri);
                for (const d of diagnostics) if (d.severity === 1) broken.push(toGraphDiagnostic(display, d));
                continue;
            }
            const formatted = formatDocument(document, pom);
            if (formatted === text) continue;
            unformatted.push(displayPath(cwd, file));
            if (!options.check) {
                await rewriteSourceFile(file, formatted);
                rewritten++;
            }
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            failed.push(displayPath(cwd, file));
            process.stderr.write(`pom: error: ${escapeControls(displayPath(cwd, file))}: ${escapeControls(reason)}\n`);
            if (process.env.POM_DEBUG) console.error(error);
        }
    }

    if (options.format === 'text') {
        process.stdout.write(formatDiagnostics(broken, 'text', cwd));
        // Like gofmt -l: one file name per line, for scripts.
        for (const file of unformatted) process.stdout.write(`${escapeControls(file)}\n`);
    } else {
        // Machine-readable formats: an unformatted file is one more finding, so CI can annotate it.
        const findings = options.check ? unformatted.map(file => unformattedDiagnostic(file)) : [];
        process.stdout.write(formatDiagnostics([...broken, ...findings].sort(compareDiagnostics), options.format, cwd));
    }
    const brokenFiles = new Set(broken.map(d => d.location.file)).size;
    const notes = [
        options.check
            ? `${unformatted.length} of ${files.length} file${files.length === 1 ? '' : 's'} not formatted`
            : `formatted ${rewritten} of ${files.length} file${files.length === 1 ? '' : 's'}`,
        brokenFiles > 0 ? `${brokenFiles} with syntax errors left unchanged` : '',
        failed.length > 0 ? `${failed.length} could not be formatted` : '',
    ].filter(Boolean);
    if (files.length === 0) process.stderr.write(`pom: warning: no .pom files in ${paths.join(', ') || '.'}\n`);
    process.stderr.write(`pom: ${notes.join('; ')}${options.check && unformatted.length > 0 ? ' (run pom fmt to format them)' : ''}\n`);
    if (failed.length > 0) return 2;
    return brokenFiles > 0 || (options.check && unformatted.length > 0) ? 1 : 0;
}

/** The .pom files named, and those under the folders named, once each, in path order. */
async function pomFilesOf(paths: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const path of paths) {
        const stat = await fs.stat(path).catch(() => undefined);
        if (!stat) throw new WorkspaceError(`no such file or folder: ${path}`);
        if (stat.isDirectory()) for (const file of await findPomFiles(resolve(path))) files.add(file);
        else if (path.endsWith('.pom')) files.add(resolve(path));
        else throw new WorkspaceError(`not a .pom file: ${path} (give .pom files or folders that hold them)`);
    }
    return [...files].sort();
}

function unformattedDiagnostic(file: string): GraphDiagnostic {
    return {
        severity: 'error',
        code: IssueCodes.Unformatted,
        message: 'This file is not in the canonical layout: run pom fmt to format it.',
        location: { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
    };
}

function displayPath(cwd: string, file: string): string {
    const path = relative(cwd, file);
    return (path.startsWith('..') ? file : path).split(sep).join('/');
}
