import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { escapeControls, parseDate, WorkspaceError } from '../../language/src/index.js';
import { DIAGRAM_FORMATS, DIFF_FORMATS, EXPORT_FORMATS, IMPORT_FORMATS, type ImportFormat } from './formats.js';
import { DIAGNOSTIC_FORMATS } from './format-diagnostics.js';
import { packageVersion } from './package-info.js';

// Commands are imported when run: `pom check` need not load the layout engine, the site or the language server.

/** Exit codes: 0 no errors; 1 errors in the model (or warnings with --strict); 2 usage, I/O or internal errors. */
export const Exit = { Ok: 0, ModelErrors: 1, Usage: 2 } as const;

/**
 * Set when a command whose work is all done when its action returns has run (`pom check`): the `pom` executable then
 * exits as soon as its output is written (cli/bin/pom.js). Left to end by itself, Node frees V8's heap page by page
 * first, about 50 ms after a check of 10,000 objects. Servers (lsp, mcp, serve) go on running after their action.
 */
let doneWhenReturned = false;
export const commandIsDone = (): boolean => doneWhenReturned;

/** A failure to report as one line, without a stack trace. */
export class UsageError extends Error {}

export function createProgram(): Command {
    const program = new Command('pom')
        .description(
            'pom: the Product Operating Model, as code. Checks a workspace of .pom files, builds its graph, diagrams and\n' +
                'site, answers questions about it, and compares its versions.',
        )
        .version(packageVersion(), '-v, --version', 'print the version of pom')
        .helpOption('-h, --help', 'show help for a command')
        .showHelpAfterError('(run pom --help, or pom <command> --help, for usage)')
        .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, 'pom: error:')) })
        .exitOverride();

    const format = () => new Option('-f, --format <format>', 'how to print diagnostics').choices(DIAGNOSTIC_FORMATS).default('text');
    const rev = () => new Option('--rev <git-rev>', 'read the model as it was at this git revision (the working tree and index are not touched)');
    const asOf = () =>
        new Option('--as-of <date>', 'read metric data as it stood on this date (YYYY-MM-DD); default: the latest observation').argParser(isoDate);

    program
        .command('check')
        .description('check every .pom file under a folder and print the problems found')
        .argument('[dir]', 'the workspace folder', '.')
        .addOption(format())
        .option('--strict', 'fail (exit 1) on warnings too', false)
        .addOption(asOf())
        .addOption(rev())
        .addHelpText(
            'after',
            '\nExit status: 0 no errors, 1 errors in the model (or warnings with --strict), 2 usage or I/O errors.\n' +
                'Formats: text (path:line:col: severity: message [code]), json, github (workflow annotations), sarif (code scanning,\n' +
                'each rule described and linked to its code in docs/language.md).\n' +
                'Settings: a settings { severity <code>: off|info|warning|error } block changes warnings, rule findings and\n' +
                'metric data errors, also in data files; errors in the model cannot be changed (cannot-suppress).',
        )
        .action(async (dir: string, options) => {
            process.exitCode = await (await import('./commands/check.js')).checkCommand(dir, options);
            doneWhenReturned = true;
        });

    program
        .command('build')
        .description('check a workspace and write its graph (graph.json), its diagrams and its static site to an output folder')
        .argument('[dir]', 'the workspace folder', '.')
        .option('-o, --out <dir>', 'the output folder', 'out')
        .addOption(format())
        .option('--strict', 'fail (exit 1) on warnings too', false)
        .option('--diagram-limit <objects>', 'draw no diagram of a view with more objects than this', positiveInteger, 1500)
        .option(
            '--layout-timeout <seconds>',
            'fail if one view takes longer than this to lay out (a guard against a stuck layout: diagrams never depend on it)',
            positiveNumber,
            120,
        )
        .option('--site', 'write the static site too: <out>/index.html and its pages (the default)')
        .option('--no-site', 'write no site, only the graph, its schema and the diagrams')
        .addOption(asOf())
        .addOption(rev())
        .option(
            '--history <rev>',
            'add to the site a "model health over time" page (errors, warnings, off-track at each commit since <rev>) and each object\'s history',
        )
        .option('--since <rev>', 'also write <out>/changes.json: what changed since this git revision (or folder, or graph JSON)')
        .option('--force', 'write into a non-empty folder that pom did not create (its files may be overwritten)', false)
        .addHelpText(
            'after',
            '\nWrites <out>/graph.json (see docs/language.md, "The graph JSON"), <out>/graph.schema.json, <out>/diagrams (docs/diagrams.md)\n' +
                'and the strategy site, <out>/index.html and its pages (docs/site.md).\n' +
                'Outputs are written atomically and only when their content changes. The output is written even when the model\n' +
                'has errors, so that they can be inspected; the exit status still reports them.\n' +
                '--out may not be or contain the workspace; a non-empty folder that pom did not create needs --force.',
        )
        .action(async (dir: string, options) => {
            process.exitCode = await (await import('./commands/build.js')).buildCommand(dir, options);
        });

    program
        .command('query')
        .description('answer a question about the model: a selector, a declared query by name, or lineage(<id>)')
        .argument('[dir]', 'the workspace folder (default: the current folder)')
        .argument('[question]', "what to ask, quoted: 'bet where targets -> conversion', 'insight ~> volume', off-track, lineage(acme.bets.one-click)")
        .option('--json', 'print the answer as JSON', false)
        .option('--ids', 'print only the ids, one per line', false)
        .option('--columns <fields>', 'fields or link kinds to show as columns, comma-separated (as in health,owner)')
        .option('--list', 'list the declared queries (the standard library ships the common questions)', false)
        .addOption(rev())
        .option('--group-by <name>', 'group the answer by a field, a link kind, or a type along the lineage (driver: the driver each object serves)')
        .option('--sum <fields>', 'number fields to total for each group and overall, comma-separated (as in person-weeks)')
        .addOption(asOf())
        .addHelpText(
            'after',
            '\nExamples:\n' +
                "  pom query examples/acme 'bet where status = active and health in [at-risk, off-track]'\n" +
                "  pom query examples/acme 'bet where targets -> conversion'      which bets target this input?\n" +
                "  pom query examples/acme 'insight ~> volume'                   which insights inform this driver?\n" +
                '  pom query examples/acme off-track                             a declared query (pom query --list)\n' +
                '  pom query examples/acme "lineage(acme.bets.one-click)"        where did this bet come from?\n' +
                "  pom query examples/acme 'bet where status = active' --group-by driver --sum person-weeks   investment by driver\n" +
                '\nThe selector language is described in docs/language.md, "Selectors". Exit status: 0 answered, 2 the question has errors.',
        )
        .action(async (dir: string | undefined, question: string | undefined, options) => {
            process.exitCode = await (
                await import('./commands/query.js')
            ).queryCommand(
                [dir, question].filter((a): a is string => a !== undefined),
                options,
            );
        });

    program
        .command('diagram')
        .description('draw one view (a declared view, strategy, team:<team id> or lineage:<object id>) as SVG, PNG, Mermaid or draw.io')
        .argument('<view>', 'the view id')
        .argument('[dir]', 'the workspace folder', '.')
        .option('-o, --output <file>', 'write the diagram to this file (default: standard output; a PNG needs a file)')
        .addOption(
            new Option(
                '--format <format>',
                'svg; png (rendered by resvg, fonts included); mermaid (a flowchart); drawio (diagrams.net, positions and styles kept)',
            )
                .choices(DIAGRAM_FORMATS)
                .default('svg'),
        )
        .option('--scale <factor>', 'PNG only: pixels per SVG unit (2 for slides on high-density screens)', positiveNumber, 1)
        .addOption(new Option('--theme <theme>', "colours: follow the reader's preference, or force one").choices(['auto', 'light', 'dark']).default('auto'))
        .option('--limit <objects>', 'draw no diagram of a view with more objects than this', positiveInteger, 1500)
        .option(
            '--timeout <seconds>',
            'fail if the layout takes longer than this (a guard against a stuck layout: the diagram never depends on it)',
            positiveNumber,
            120,
        )
        .addOption(rev())
        .addHelpText('after', '\nSee docs/diagrams.md for the built-in views and how diagrams are drawn.')
        .action(async (view: string, dir: string, options) => {
            process.exitCode = await (await import('./commands/diagram.js')).diagramCommand(view, dir, options);
        });

    program
        .command('init')
        .description('write a small starter workspace that compiles cleanly and teaches the language by example')
        .argument('[dir]', 'the folder to create it in', '.')
        .option('--force', 'write even if the folder already holds .pom files', false)
        .action(async (dir: string, options) => {
            process.exitCode = await (await import('./commands/init.js')).initCommand(dir, options);
        });

    program
        .command('fmt')
        .description('rewrite .pom files in the canonical layout (see docs/formatting.md)')
        .argument('[paths...]', '.pom files or folders that hold them', ['.'])
        .option('--check', 'list the files that are not formatted and exit 1, without writing', false)
        .addOption(format())
        .addHelpText(
            'after',
            '\nFiles are rewritten atomically, and only when their layout changes. A file with syntax errors is reported\n' +
                'and left unchanged. Exit status: 0 done (or all formatted, with --check), 1 syntax errors or, with --check,\n' +
                'unformatted files, 2 usage or I/O errors.',
        )
        .action(async (paths: string[], options) => {
            process.exitCode = await (await import('./commands/fmt.js')).fmtCommand(paths, options);
        });

    program
        .command('lsp')
        .description('run the pom language server (diagnostics, completion, hover, navigation, rename, quick fixes) for an editor')
        .option('--stdio', 'talk to the editor over standard input and output', false)
        .addHelpText('after', '\nEditors start it as: pom lsp --stdio (see docs/editor.md for VS Code, Neovim, Helix and Emacs).')
        .action(async options => {
            process.exitCode = await (await import('./commands/lsp.js')).lspCommand(options);
        });

    program
        .command('mcp')
        .description('answer AI assistants over the Model Context Protocol: search, read, query, lineage, diagnostics, diff, views, proposed patches')
        .argument('[dir]', 'the workspace folder', '.')
        .option('--http [port]', 'serve Streamable HTTP on 127.0.0.1 (default port 0: any free port) instead of stdio', parsePort)
        .addHelpText(
            'after',
            '\nAssistants start it as: pom mcp <dir> (stdio). It reloads as files change, and every read tool takes a git revision.\n' +
                'See docs/mcp.md for VS Code, Claude Code and Cursor, and the tools, resources and prompts it offers.',
        )
        .action(async (dir: string, options: { http?: number | true }) => {
            process.exitCode = await (await import('./commands/mcp.js')).mcpCommand(dir, { http: options.http === true ? 0 : options.http });
        });

    program
        .command('serve')
        .description('serve the site of a workspace on localhost, rebuilding it and reloading open pages when a .pom file changes')
        .argument('[dir]', 'the workspace folder', '.')
        .option('-p, --port <port>', 'the port to listen on (0: any free port)', parsePort, 4321)
        .option('--host <host>', 'the address to listen on', '127.0.0.1')
        .action(async (dir: string, options) => {
            process.exitCode = await (await import('./commands/serve.js')).serveCommand(dir, options);
        });
    program
        .command('diff')
        .description('compare the model at two git revisions, two folders or two graph JSON files: objects, fields, links, health and diagnostics')
        .argument('<from>', 'a git revision (of the repository holding --dir), a folder, or a graph JSON file')
        .argument('[to]', 'the same kinds; default: the working tree of --dir')
        .option('-C, --dir <dir>', 'the workspace folder compiled at each revision', '.')
        .addOption(new Option('-f, --format <format>', 'how to print the changes').choices(DIFF_FORMATS).default('text'))
        .option('--json', 'print JSON (same as --format json)', false)
        .addOption(asOf())
        .addHelpText(
            'after',
            '\nA side that names an existing folder or .json file is read as such; anything else is a git revision.\n' +
                'Examples: pom diff main; pom diff v1.0 v2.0 -C examples/acme; pom diff old/graph.json out/graph.json --format markdown\n' +
                'Exit status: 0 when compared (whatever changed), 2 on usage errors (not a git repository, unknown revision).',
        )
        .action(async (from: string, to: string | undefined, options) => {
            process.exitCode = await (await import('./commands/diff.js')).diffCommand(from, to, options);
        });

    program
        .command('export')
        .description('write the whole graph for spreadsheets (CSV: objects, or links) or graph tools (GraphML)')
        .argument('[dir]', 'the workspace folder', '.')
        .addOption(new Option('-f, --format <format>', 'the file format').choices(EXPORT_FORMATS).makeOptionMandatory())
        .addOption(new Option('--table <table>', 'CSV only: one row per object, or per link').choices(['objects', 'links']).default('objects'))
        .option('-o, --output <file>', 'write to this file (default: standard output)')
        .addOption(rev())
        .addHelpText(
            'after',
            '\nExamples: pom export examples/acme --format csv -o objects.csv; pom export --format csv --table links;\n' +
                'pom export --format graphml -o model.graphml (opens in yEd, Gephi, Cytoscape). See docs/diagrams.md, "Exports".',
        )
        .action(async (dir: string, options) => {
            process.exitCode = await (await import('./commands/export.js')).exportCommand(dir, options);
        });

    program
        .command('import')
        .description('write a .pom package of teams, groups, people, ownership and interactions from a Backstage catalog or Team API files')
        .addArgument(new Argument('<format>', 'what the files are').choices(IMPORT_FORMATS))
        .argument('<files...>', 'catalog-info.yaml files (backstage) or Team API YAML files (teamapi)')
        .option('--package <name>', 'the package to write (default: catalog, or teams)')
        .option('-o, --output <file>', 'the .pom file to write (default: <package>.pom)')
        .addHelpText(
            'after',
            '\nThe file is formatted and written atomically; running the import again on the same files changes nothing.\n' +
                'Only a file an earlier import wrote is ever replaced. See docs/import.md.',
        )
        .action(async (format: ImportFormat, files: string[], options) => {
            process.exitCode = await (await import('./commands/import.js')).importCommand(format, files, options);
        });

    program
        .command('history')
        .description('list what changed in one object (fields, links, health, status, diagnostics), commit by commit, newest first')
        .argument('<id>', 'the object id, as in acme.bets.one-click')
        .argument('[dir]', 'the workspace folder (in a git repository)', '.')
        .option('--since <rev>', 'only commits after this git revision')
        .option('--json', 'print the history as JSON', false)
        .addHelpText(
            'after',
            '\nReads every commit that changed the workspace folder (git log), compiles each and compares it with the one before,\n' +
                'following renames. Example: pom history acme.bets.one-click examples/acme --since v1.0',
        )
        .action(async (id: string, dir: string, options) => {
            process.exitCode = await (await import('./commands/history.js')).historyCommand(id, dir, options);
        });

    return program;
}

function parsePort(value: string): number {
    const port = Number(value);
    if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535.');
    return port;
}

function positiveInteger(value: string): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a whole number above 0.');
    return parsed;
}

function positiveNumber(value: string): number {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number above 0.');
    return parsed;
}

/** Commander parser for date options: a clear usage error for anything but YYYY-MM-DD. */
export function isoDate(value: string): string {
    const parsed = parseDate(value);
    if ('error' in parsed || parsed.date !== value) throw new InvalidArgumentError(`'${value}' is not a date: write it as YYYY-MM-DD, such as 2026-10-01.`);
    return parsed.date;
}

/**
 * `pom check | head`: when the reader closes the pipe, stop quietly, as command-line tools do, rather than with
 * an EPIPE stack trace. 141 is the status a shell reports for a process ended by SIGPIPE.
 */
export function endQuietlyOnClosedPipe(): void {
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'EPIPE') process.exit(141);
            throw error;
        });
    }
}

export async function main(argv: string[]): Promise<number> {
    endQuietlyOnClosedPipe();
    const program = createProgram();
    try {
        await program.parseAsync(argv);
        return typeof process.exitCode === 'number' ? process.exitCode : Exit.Ok;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit cleanly; every other commander error is a usage error.
            return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? Exit.Ok : Exit.Usage;
        }
        if (error instanceof WorkspaceError || error instanceof UsageError || error instanceof InvalidArgumentError) {
            process.stderr.write(`pom: error: ${escapeControls(error.message)}\n`);
            return Exit.Usage;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code && /^E[A-Z]+$/.test(code)) {
            process.stderr.write(`pom: error: ${escapeControls((error as Error).message)}\n`);
            return Exit.Usage;
        }
        process.stderr.write(
            `pom: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
                `This is a bug in pom. Set POM_DEBUG=1 to see where it happened.\n`,
        );
        if (process.env.POM_DEBUG) console.error(error);
        return Exit.Usage;
    }
}
