import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { WorkspaceError } from '../../language/src/compiler.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { DIFF_FORMATS, diffCommand } from './commands/diff.js';
import { initCommand } from './commands/init.js';
import { DIAGNOSTIC_FORMATS } from './format-diagnostics.js';
import { packageVersion } from './package-info.js';
import { parseDate } from '../../language/src/metrics/data-file.js';

/** Exit codes: 0 no errors; 1 errors in the model (or warnings with --strict); 2 usage, I/O or internal errors. */
export const Exit = { Ok: 0, ModelErrors: 1, Usage: 2 } as const;

/** A failure to report as one line, without a stack trace. */
export class UsageError extends Error { }

export function createProgram(): Command {
    const program = new Command('pom')
        .description('pom: the Product Operating Model, as code. Checks and builds a workspace of .pom files.')
        .version(packageVersion(), '-v, --version', 'print the version of pom')
        .helpOption('-h, --help', 'show help for a command')
        .showHelpAfterError('(run pom --help, or pom <command> --help, for usage)')
        .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, 'pom: error:')) })
        .exitOverride();

    const format = () => new Option('-f, --format <format>', 'how to print diagnostics').choices(DIAGNOSTIC_FORMATS).default('text');
    const asOf = () => new Option('--as-of <date>', 'read metric data as it stood on this date (YYYY-MM-DD); default: the latest observation')
        .argParser(isoDate);

    program.command('check')
        .description('check every .pom file under a folder and print the problems found')
        .argument('[dir]', 'the workspace folder', '.')
        .addOption(format())
        .option('--strict', 'fail (exit 1) on warnings too', false)
        .addOption(asOf())
        .addHelpText('after', '\nExit status: 0 no errors, 1 errors in the model (or warnings with --strict), 2 usage or I/O errors.\n' +
            'Formats: text (path:line:col: severity: message [code]), json, github (workflow annotations), sarif (code scanning).')
        .action(async (dir: string, options) => { process.exitCode = await checkCommand(dir, options); });

    program.command('build')
        .description('check a workspace and write its compiled model (graph.json) to an output folder')
        .argument('[dir]', 'the workspace folder', '.')
        .option('-o, --out <dir>', 'the output folder', 'out')
        .addOption(format())
        .option('--strict', 'fail (exit 1) on warnings too', false)
        .addOption(asOf())
        .option('--since <rev>', 'also write <out>/changes.json: what changed since this git revision (or folder, or graph JSON)')
        .addHelpText('after', '\nWrites <out>/graph.json (see docs/language.md, "The graph JSON") and <out>/graph.schema.json.\n' +
            'Outputs are written atomically and only when their content changes. The output is written even when the model\n' +
            'has errors, so that they can be inspected; the exit status still reports them.')
        .action(async (dir: string, options) => { process.exitCode = await buildCommand(dir, options); });

    program.command('init')
        .description('write a small starter workspace that compiles cleanly and teaches the language by example')
        .argument('[dir]', 'the folder to create it in', '.')
        .option('--force', 'write even if the folder already holds .pom files', false)
        .action(async (dir: string, options) => { process.exitCode = await initCommand(dir, options); });

    program.command('diff')
        .description('compare the model at two git revisions, two folders or two graph JSON files: objects, fields, links, health and diagnostics')
        .argument('<from>', 'a git revision (of the repository holding --dir), a folder, or a graph JSON file')
        .argument('[to]', 'the same kinds; default: the working tree of --dir')
        .option('-C, --dir <dir>', 'the workspace folder compiled at each revision', '.')
        .addOption(new Option('-f, --format <format>', 'how to print the changes').choices(DIFF_FORMATS).default('text'))
        .option('--json', 'print JSON (same as --format json)', false)
        .addOption(asOf())
        .addHelpText('after', '\nA side that names an existing folder or .json file is read as such; anything else is a git revision.\n' +
            'Examples: pom diff main; pom diff v1.0 v2.0 -C examples/acme; pom diff old/graph.json out/graph.json --format markdown\n' +
            'Exit status: 0 when compared (whatever changed), 2 on usage errors (not a git repository, unknown revision).')
        .action(async (from: string, to: string | undefined, options) => { process.exitCode = await diffCommand(from, to, options); });

    return program;
}

/** Commander parser for date options: a clear usage error for anything but YYYY-MM-DD. */
export function isoDate(value: string): string {
    const parsed = parseDate(value);
    if ('error' in parsed || parsed.date !== value) throw new InvalidArgumentError(`'${value}' is not a date: write it as YYYY-MM-DD, such as 2026-10-01.`);
    return parsed.date;
}

export async function main(argv: string[]): Promise<number> {
    const program = createProgram();
    try {
        await program.parseAsync(argv);
        return typeof process.exitCode === 'number' ? process.exitCode : Exit.Ok;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit cleanly; every other commander error is a usage error.
            return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
                ? Exit.Ok : Exit.Usage;
        }
        if (error instanceof WorkspaceError || error instanceof UsageError || error instanceof InvalidArgumentError) {
            process.stderr.write(`pom: error: ${error.message}\n`);
            return Exit.Usage;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code && /^E[A-Z]+$/.test(code)) {
            process.stderr.write(`pom: error: ${(error as Error).message}\n`);
            return Exit.Usage;
        }
        process.stderr.write(`pom: internal error: ${error instanceof Error ? error.message : String(error)}\n` +
            `This is a bug in pom. Set POM_DEBUG=1 to see where it happened.\n`);
        if (process.env.POM_DEBUG) console.error(error);
        return Exit.Usage;
    }
}
