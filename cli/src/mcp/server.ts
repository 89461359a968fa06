// `pom mcp`: the model, answered to AI assistants over the Model Context Protocol. Every tool calls the function the
// matching CLI command calls (ask() for pom query, diffSides() for pom diff, historyOf() for pom history, renderDiagram()
// for pom diagram), so an assistant and a person get the same answer. Read tools take an optional git revision.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import {
    closest,
    compareIds,
    type CompileResult,
    compileWorkspace,
    didYouMean,
    diffGraphs,
    diffSummary,
    type FieldValue,
    formatDiffMarkdown,
    formatDiffText,
    formatDocument,
    type GraphObject,
    PomFormatError,
    type PomGraph,
    QuestionError,
    resolveView,
    STDLIB_SOURCE,
    viewIds,
    WorkspaceError,
} from '../../../language/src/index.js';
import { renderDiagram, UnknownViewError } from '../../../language/src/render.js';
import { answerJson, queryListJson } from '../commands/query.js';
import { diffSides } from '../commands/diff.js';
import { historyOf } from '../commands/history.js';
import { packageRoot, packageVersion } from '../package-info.js';
import type { ModelSource } from './model-source.js';

const run = promisify(execFile);

/** The standard library's declared questions (name → title), read from its source. */
export const STANDARD_QUESTIONS: Array<{ name: string; title: string }> = [...STDLIB_SOURCE.matchAll(/^query ([\w-]+) "([^"]*)"/gm)].map(([, name, title]) => ({
    name,
    title,
}));

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
const rev = z.string().optional().describe('a git revision (commit, branch, tag, HEAD~1) to read the model at; default: the working tree');

function text(value: string): CallToolResult {
    return { content: [{ type: 'text', text: value }] };
}

function json(value: unknown): CallToolResult {
    return text(JSON.stringify(value, null, 2));
}

function failure(message: string): CallToolResult {
    return { content: [{ type: 'text', text: message }], isError: true };
}

/** Answers a tool call; a mistake in the request (unknown id, bad question, unknown revision) is a tool error, not a crash. */
async function answer(compute: () => Promise<CallToolResult>): Promise<CallToolResult> {
    try {
        return await compute();
    } catch (error) {
        if (error instanceof QuestionError) return failure(`the question does not compile:\n${error.message}`);
        if (error instanceof WorkspaceError || error instanceof UnknownViewError || error instanceof PomFormatError) return failure(error.message);
        throw error;
    }
}

const at = (o: { location: { file: string; line: number; column: number } }) => `${o.location.file}:${o.location.line}:${o.location.column}`;

function findObject(graph: PomGraph, id: string): GraphObject {
    const found = graph.objects.find(o => o.id === id);
    if (found) return found;
    const ids = graph.objects.map(o => o.id);
    const guess = closest(id, ids) ?? ids.filter(other => other.startsWith(id) || other.endsWith(`.${id}`)).sort()[0];
    throw new WorkspaceError(`no object '${id}'.${guess ? ` Did you mean '${guess}'?` : ''} Use search_objects to find ids.`);
}

/** One object as an assistant reads it: its values, what its data says, its links both ways, where it is written. */
export function objectFacts(graph: PomGraph, object: GraphObject): Record<string, unknown> {
    const titles = new Map(graph.objects.map(o => [o.id, o.title]));
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const kinds = new Map(graph.linkKinds.map(k => [k.id, k]));
    const facts: Record<string, unknown> = {
        id: object.id,
        type: types.get(object.type) ?? object.type,
        title: object.title,
        location: at(object),
        fields: object.fields,
        health: {
            declared: object.fields.health,
            /** The derived effective health (graph/derived): the worse of the declared health and the data. */
            effective: object.facts?.['effective-health'],
            data: (object.metrics ?? []).map(m => ({
                metric: m.metric,
                status: m.status,
                since: m.since,
                current: m.current,
                target: m.target,
                baseline: m.baseline,
                expected: m.expected,
                trend: m.trend,
                unit: m.unit,
            })),
        },
        status: object.fields.status,
        links: object.links.map(l => ({
            kind: kinds.get(l.kind)?.name ?? l.kind,
            target: l.target,
            targetTitle: titles.get(l.target),
            meta: l.meta,
            location: at(l),
        })),
        backlinks: object.backlinks.map(l => ({
            kind: kinds.get(l.kind)?.name ?? l.kind,
            inverse: l.inverse,
            source: l.source,
            sourceTitle: titles.get(l.source),
            meta: l.meta,
            location: at(l),
        })),
        inherited: object.inherited,
        /** Every fact pom derives for it (docs/language.md, "Derived facts"), as selectors test them. */
        derived: object.facts,
        parent: object.parent,
        children: object.children,
        diagnostics: graph.diagnostics
            .filter(d => d.object === object.id)
            .map(d => ({ severity: d.severity, code: d.code, message: d.message, location: at(d) })),
    };
    return facts;
}

function showValue(value: FieldValue): string {
    return Array.isArray(value) ? value.map(showValue).join(', ') : String(value);
}

/** The object as markdown, for the pom://object/<id> resource and prompts. */
export function objectMarkdown(graph: PomGraph, object: GraphObject): string {
    const facts = objectFacts(graph, object) as {
        type: string;
        links: Array<{ kind: string; target: string; targetTitle?: string; meta: Record<string, FieldValue> }>;
        backlinks: Array<{ kind: string; inverse?: string; source: string; sourceTitle?: string; meta: Record<string, FieldValue> }>;
        health: { data: Array<{ metric: string; status?: string; current: { date: string; value: number }; target?: number; unit?: string }> };
        diagnostics: Array<{ severity: string; code: string; message: string; location: string }>;
    };
    const meta = (m: Record<string, FieldValue>) =>
        Object.keys(m).length === 0
            ? ''
            : ` (${Object.entries(m)
                  .map(([k, v]) => `${k}: ${showValue(v)}`)
                  .join(', ')})`;
    const lines = [`# ${object.title ?? object.id}`, '', `\`${object.id}\`, a ${facts.type}, written at \`${at(object)}\`.`, ''];
    const doc = object.fields.doc;
    if (typeof doc === 'string') lines.push(doc, '');
    const fields = Object.entries(object.fields).filter(([name]) => name !== 'doc');
    if (fields.length > 0) {
        lines.push('## Fields', '');
        for (const [name, value] of fields) lines.push(`- **${name}**: ${showValue(value)}`);
        lines.push('');
    }
    if (facts.health.data.length > 0) {
        lines.push('## What the data says', '');
        for (const m of facts.health.data) {
            lines.push(
                `- \`${m.metric}\`: ${m.status ?? 'no target'}; ${m.current.value}${m.unit ? ` ${m.unit}` : ''} on ${m.current.date}${m.target !== undefined ? `, target ${m.target}` : ''}`,
            );
        }
        lines.push('');
    }
    if (facts.links.length > 0) {
        lines.push('## Links', '');
        for (const l of facts.links) lines.push(`- ${l.kind} → \`${l.target}\`${l.targetTitle ? ` ${l.targetTitle}` : ''}${meta(l.meta)}`);
        lines.push('');
    }
    if (facts.backlinks.length > 0) {
        lines.push('## Linked from', '');
        for (const l of facts.backlinks) lines.push(`- \`${l.source}\`${l.sourceTitle ? ` ${l.sourceTitle}` : ''} ${l.kind} this${meta(l.meta)}`);
        lines.push('');
    }
    if (object.children.length > 0) lines.push('## Contains', '', ...object.children.map(c => `- \`${c}\``), '');
    if (facts.diagnostics.length > 0) {
        lines.push('## Problems', '');
        for (const d of facts.diagnostics) lines.push(`- ${d.severity} [${d.code}] at \`${d.location}\`: ${d.message}`);
        lines.push('');
    }
    return lines.join('\n');
}

/** Searches ids, names, titles and text fields (doc and others); ids and titles that match rank first. */
export function searchObjects(graph: PomGraph, words: string, type?: string): GraphObject[] {
    const terms = words.toLowerCase().split(/\s+/).filter(Boolean);
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const scored: Array<{ object: GraphObject; score: number }> = [];
    for (const object of graph.objects) {
        if (type && types.get(object.type) !== type && object.type !== type && !object.types.some(t => t === type || types.get(t) === type)) continue;
        const head = `${object.id} ${object.title ?? ''}`.toLowerCase();
        const body = Object.values(object.fields)
            .filter(v => typeof v === 'string')
            .join(' ')
            .toLowerCase();
        if (!terms.every(term => head.includes(term) || body.includes(term))) continue;
        scored.push({ object, score: terms.filter(term => head.includes(term)).length });
    }
    return scored.sort((a, b) => b.score - a.score || compareIds(a.object.id, b.object.id)).map(s => s.object);
}

/** A workspace-relative .pom path an assistant proposes, checked to stay inside the workspace. */
function proposedPath(root: string, path: string): string {
    const clean = normalize(path).split(sep).join('/');
    if (isAbsolute(path) || clean.startsWith('../') || clean === '..' || !clean.endsWith('.pom')) {
        throw new WorkspaceError(`'${path}' is not a .pom file inside the workspace: give a path relative to the workspace folder, such as bets/new.pom`);
    }
    return resolve(root, clean);
}

/** `diff -u` of one file, labelled for `git apply` and `patch -p1` from the workspace folder. */
async function unifiedDiff(before: string | undefined, after: string, path: string): Promise<string> {
    const folder = await fs.mkdtemp(join(tmpdir(), 'pom-mcp-'));
    try {
        const [a, b] = [join(folder, 'a'), join(folder, 'b')];
        await fs.writeFile(a, before ?? '');
        await fs.writeFile(b, after);
        const labels = ['--label', before === undefined ? '/dev/null' : `a/${path}`, '--label', `b/${path}`];
        try {
            await run('diff', ['-u', ...labels, a, b]);
            return '';
        } catch (error) {
            const e = error as { code?: number; stdout?: string };
            if (e.code === 1 && e.stdout !== undefined) return e.stdout;
            throw error;
        }
    } finally {
        await fs.rm(folder, { recursive: true, force: true });
    }
}

export interface ProposedFile {
    path: string;
    content: string;
}

/**
 * A proposed change as a patch: each file formatted as `pom fmt` would, the workspace compiled with them, and the
 * unified diff returned only when the result has no errors. Nothing is written to the workspace.
 */
export async function proposeChange(source: ModelSource, files: ProposedFile[]): Promise<{ patch: string; summary: string; warnings: string[] }> {
    if (files.length === 0) throw new WorkspaceError('give at least one file: { path, content } with the whole new text of a .pom file');
    const overrides = new Map<string, string>();
    const originals = new Map<string, string | undefined>();
    for (const file of files) {
        const absolute = proposedPath(source.root, file.path);
        let formatted: string;
        try {
            formatted = formatDocument(file.content);
        } catch (error) {
            if (error instanceof PomFormatError) {
                throw new WorkspaceError(
                    `${file.path} has syntax errors, so it cannot be proposed:\n` +
                        error.errors.map(e => `${file.path}:${e.line}:${e.column}: ${e.message}`).join('\n'),
                );
            }
            throw error;
        }
        overrides.set(absolute, formatted);
        originals.set(absolute, await fs.readFile(absolute, 'utf8').catch(() => undefined));
    }
    const before = await source.model();
    const after = await compileWorkspace(source.root, { overrides });
    const errors = after.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        throw new WorkspaceError(
            `the change does not pass pom check (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was proposed:\n` +
                errors.map(d => `${d.location.file}:${d.location.line}:${d.location.column}: error: ${d.message} [${d.code}]`).join('\n'),
        );
    }
    const patches: string[] = [];
    for (const [absolute, formatted] of [...overrides].sort(([a], [b]) => compareIds(a, b))) {
        const path = absolute
            .slice(source.root.length + 1)
            .split(sep)
            .join('/');
        patches.push(await unifiedDiff(originals.get(absolute), formatted, path));
    }
    const changes = diffGraphs(before.graph, after.graph, { from: 'working tree', to: 'proposed' });
    return {
        patch: patches.join(''),
        summary: formatDiffText(changes),
        warnings: changes.diagnostics.new.map(d => `${d.location.file}:${d.location.line}:${d.location.column}: ${d.severity}: ${d.message} [${d.code}]`),
    };
}

function readDoc(name: string): string {
    return readFileSync(join(packageRoot(), 'docs', name), 'utf8');
}

/** The MCP server for the workspace `source` reads. */
export function createMcpServer(source: ModelSource): McpServer {
    const server = new McpServer(
        { name: 'pom', version: packageVersion() },
        {
            capabilities: { resources: { listChanged: true } },
            instructions:
                'pom models a product organisation: teams, strategy (north star, drivers, inputs, bets), discovery and ' +
                "metrics, as typed .pom files in git. Ask with query (selectors such as 'bet where status = active'), " +
                'standard_question (off-track, delivery-risk, …), lineage, read_object and search_objects. Every read tool takes ' +
                'an optional git revision. propose_change returns a patch for review and writes nothing. The language: resource pom://docs/llms.txt.',
        },
    );

    /** A question answered as `pom query --json` prints it; `model`, when given, is the workspace already compiled at `revision`. */
    const askJson = async (question: string, revision?: string, model?: CompileResult): Promise<unknown> => {
        const result = await source.ask(question, revision, model);
        return answerJson(result.answer, result.graph);
    };

    server.registerTool(
        'search_objects',
        {
            title: 'Search objects',
            description:
                'Find objects whose id, title or text (doc and other text fields) contain all the given words. Returns id, type, title and file:line:col.',
            inputSchema: {
                text: z.string().describe('words to look for, case-insensitive'),
                type: z.string().optional().describe('only objects of this type (bet, team, input…)'),
                limit: z.number().int().positive().optional(),
                rev,
            },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const { graph } = await source.model(args.rev);
                const types = new Map(graph.types.map(t => [t.id, t.name]));
                const found = searchObjects(graph, args.text, args.type);
                return json({
                    total: found.length,
                    objects: found.slice(0, args.limit ?? 25).map(o => ({ id: o.id, type: types.get(o.type) ?? o.type, title: o.title, location: at(o) })),
                });
            }),
    );

    server.registerTool(
        'read_object',
        {
            title: 'Read an object',
            description:
                'One object: its fields (set, defaulted and inherited), declared health and status with what its metric data says, ' +
                'its links and the links to it with their metadata, its container and children, its problems, and where it is written (file:line:col).',
            inputSchema: { id: z.string().describe('the object id, as acme.bets.one-click'), rev },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const { graph } = await source.model(args.rev);
                return json(objectFacts(graph, findObject(graph, args.id)));
            }),
    );

    server.registerTool(
        'query',
        {
            title: 'Ask a question (selector or declared query)',
            description:
                "Answers exactly as `pom query --json` does: a selector ('bet where status = active and health in [at-risk, off-track]', " +
                "'bet where targets -> conversion', 'insight ~> volume'), the name of a declared query (list_queries), or lineage(<id>). " +
                'The selector language is in resource pom://docs/language.md, "Selectors".',
            inputSchema: { question: z.string(), rev },
            annotations: READ_ONLY,
        },
        args => answer(async () => json(await askJson(args.question, args.rev))),
    );

    server.registerTool(
        'lineage',
        {
            title: 'Lineage of an object',
            description:
                'Where an object comes from (insights, opportunities, options it was chosen from) and what it moves (inputs, drivers, the north star): as `pom query "lineage(<id>)" --json`.',
            inputSchema: { id: z.string(), rev },
            annotations: READ_ONLY,
        },
        args => answer(async () => json(await askJson(`lineage(${args.id})`, args.rev))),
    );

    server.registerTool(
        'list_queries',
        {
            title: 'List the declared queries',
            description: 'The questions declared in the model and the standard library, with their titles: as `pom query --list --json`.',
            inputSchema: { rev },
            annotations: READ_ONLY,
        },
        args => answer(async () => json(queryListJson((await source.model(args.rev)).graph))),
    );

    server.registerTool(
        'standard_question',
        {
            title: 'A standard question',
            description:
                "One of the standard library's questions, answered as `pom query <name> --json`: " +
                STANDARD_QUESTIONS.map(q => `${q.name} (${q.title})`).join('; ') +
                '.',
            inputSchema: { name: z.enum(STANDARD_QUESTIONS.map(q => q.name) as [string, ...string[]]), rev },
            annotations: READ_ONLY,
        },
        args => answer(async () => json(await askJson(args.name, args.rev))),
    );

    server.registerTool(
        'diagnostics',
        {
            title: 'Problems in the model',
            description: "The model's diagnostics as `pom check --format json` gives them: severity, code, message, file:line:col and the object concerned.",
            inputSchema: {
                severity: z.enum(['error', 'warning', 'info']).optional().describe('only this severity'),
                object: z.string().optional().describe('only the problems of this object'),
                rev,
            },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const { diagnostics } = await source.model(args.rev);
                const chosen = diagnostics.filter(d => (!args.severity || d.severity === args.severity) && (!args.object || d.object === args.object));
                return json(chosen);
            }),
    );

    server.registerTool(
        'diff',
        {
            title: 'What changed between two revisions',
            description:
                'Compares the model at two git revisions (or a revision and the working tree): objects added, removed, renamed and changed, ' +
                'health and status transitions, problems new and fixed. As `pom diff <from> [<to>] --json`; format markdown gives the pull-request comment.',
            inputSchema: {
                from: z.string().describe('a git revision'),
                to: z.string().optional().describe('a git revision; default: the working tree'),
                format: z.enum(['json', 'markdown', 'text']).optional(),
            },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const diff = await diffSides(args.from, args.to, source.root);
                return args.format === 'markdown' ? text(formatDiffMarkdown(diff)) : args.format === 'text' ? text(formatDiffText(diff)) : json(diff);
            }),
    );

    server.registerTool(
        'history',
        {
            title: 'History of one object',
            description:
                'What changed in one object commit by commit, newest first (fields, links, links to it, health, status, problems), following renames: as `pom history <id> --json`.',
            inputSchema: { id: z.string(), since: z.string().optional().describe('only commits after this git revision') },
            annotations: READ_ONLY,
        },
        args => answer(async () => json(await historyOf(args.id, source.root, args.since))),
    );

    server.registerTool(
        'list_views',
        {
            title: 'List the views',
            description:
                'The diagrams the model has: declared views, the strategy view and one per team (lineage:<id> works for any object), with titles and sizes.',
            inputSchema: { rev },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const { graph } = await source.model(args.rev);
                return json(
                    viewIds(graph).map(id => {
                        const view = resolveView(graph, id)!;
                        return { id, title: view.title, kind: view.kind, objects: view.nodes.length, links: view.edges.length };
                    }),
                );
            }),
    );

    server.registerTool(
        'describe_view',
        {
            title: 'Describe a view',
            description:
                'The objects and links one view shows (a declared view, strategy, team:<id> or lineage:<id>); with svg: true, the diagram as `pom diagram` draws it.',
            inputSchema: { view: z.string(), svg: z.boolean().optional().describe('also return the SVG drawing'), rev },
            annotations: READ_ONLY,
        },
        args =>
            answer(async () => {
                const { graph } = await source.model(args.rev);
                const view = resolveView(graph, args.view);
                if (!view) {
                    throw new WorkspaceError(`there is no view '${args.view}'.${didYouMean(args.view, viewIds(graph))} list_views lists them.`);
                }
                const titles = new Map(graph.objects.map(o => [o.id, o]));
                const types = new Map(graph.types.map(t => [t.id, t.name]));
                const description = {
                    id: view.id,
                    title: view.title,
                    kind: view.kind,
                    direction: view.direction,
                    objects: view.nodes.map(n => ({
                        id: n.id,
                        type: types.get(titles.get(n.id)?.type ?? ''),
                        title: titles.get(n.id)?.title,
                        parent: n.parent,
                    })),
                    links: view.edges.map(e => ({ source: e.source, kind: e.label, target: e.target })),
                };
                const result = json(description);
                if (args.svg) {
                    const diagram = await renderDiagram(graph, args.view, { theme: 'light' });
                    result.content.push({ type: 'text', text: diagram.svg });
                }
                return result;
            }),
    );

    server.registerTool(
        'propose_change',
        {
            title: 'Propose a change (writes nothing)',
            description:
                'Proposes an edit as a patch for review, like a pull request: give the whole new text of each .pom file to change or add ' +
                '(paths relative to the workspace). pom formats them as pom fmt does, checks the whole model with them as pom check does, and ' +
                'returns a unified diff (apply with `git apply` or `patch -p1` in the workspace folder) and what the change does to the model. ' +
                'A change that leaves errors is refused with the errors. Nothing is written.',
            inputSchema: { files: z.array(z.object({ path: z.string(), content: z.string() })).min(1) },
            annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
        },
        args =>
            answer(async () => {
                const proposal = await proposeChange(source, args.files);
                return {
                    content: [
                        { type: 'text', text: proposal.patch },
                        { type: 'text', text: proposal.summary + (proposal.warnings.length > 0 ? `\nNew warnings:\n${proposal.warnings.join('\n')}\n` : '') },
                    ],
                };
            }),
    );

    server.registerResource(
        'object',
        new ResourceTemplate('pom://object/{id}', {
            list: async () => {
                const { graph } = await source.model();
                return { resources: graph.objects.map(o => ({ uri: `pom://object/${o.id}`, name: o.id, title: o.title, mimeType: 'text/markdown' })) };
            },
        }),
        {
            title: 'An object of the model',
            description: 'One object as markdown: fields, what its data says, links both ways, problems, where it is written.',
            mimeType: 'text/markdown',
        },
        async (uri, variables) => {
            const { graph } = await source.model();
            const id = decodeURIComponent(String(variables.id));
            return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: objectMarkdown(graph, findObject(graph, id)) }] };
        },
    );

    server.registerResource(
        'stdlib',
        'pom://stdlib/std.pom',
        {
            title: 'The standard library',
            description: 'std.pom: the types, link kinds, enums, rules and questions every workspace starts with.',
            mimeType: 'text/plain',
        },
        uri => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: STDLIB_SOURCE }] }),
    );

    server.registerResource(
        'language',
        'pom://docs/language.md',
        {
            title: 'The language reference',
            description: 'docs/language.md: syntax, names, selectors, views, rules, queries, diagnostics.',
            mimeType: 'text/markdown',
        },
        uri => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: readDoc('language.md') }] }),
    );

    server.registerResource(
        'llms',
        'pom://docs/llms.txt',
        {
            title: 'pom for assistants',
            description: 'llms.txt: the language in brief, for writing and reading .pom files.',
            mimeType: 'text/plain',
        },
        uri => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: readDoc('llms.txt') }] }),
    );

    const prompt = (textValue: string): GetPromptResult => ({ messages: [{ role: 'user', content: { type: 'text', text: textValue } }] });

    server.registerPrompt(
        'quarterly-review-pack',
        {
            title: 'Quarterly review pack',
            description:
                'A review of the strategy for a quarterly business review: what is off track, delivery risk, drivers no bet moves, what we learned, open problems.',
            argsSchema: { rev: z.string().optional().describe('the git revision to review (default: the working tree)') },
        },
        async args => {
            // One model for all five questions: each is a declared query, answered from it.
            const model = await source.model(args.rev);
            const sections: string[] = [];
            for (const name of ['strategy-tree', 'off-track', 'delivery-risk', 'drivers-without-bets', 'learnings']) {
                const title = STANDARD_QUESTIONS.find(q => q.name === name)?.title ?? name;
                sections.push(`## ${title} (${name})\n\n\`\`\`json\n${JSON.stringify(await askJson(name, args.rev, model), null, 2)}\n\`\`\``);
            }
            const { diagnostics } = model;
            const count = (s: string) => diagnostics.filter(d => d.severity === s).length;
            return prompt(
                'Write a quarterly review pack for the leadership team from this product operating model' +
                    `${args.rev ? ` as it was at ${args.rev}` : ''}. Lead with what is off track and why, then delivery risk, drivers that no bet ` +
                    'moves, and what we learned; end with decisions to take. Cite object ids. Use the pom tools (read_object, lineage) for detail.\n\n' +
                    `The model has ${count('error')} errors and ${count('warning')} warnings.\n\n${sections.join('\n\n')}`,
            );
        },
    );

    server.registerPrompt(
        'why-am-i-working-on',
        {
            title: 'Why am I working on this?',
            description:
                'Explains a work item (bet, initiative, option…) by its lineage: the insights and opportunities it came from and the inputs, drivers and north star it moves.',
            argsSchema: { id: z.string().describe("the work item's id") },
        },
        async args => {
            const { graph } = await source.model();
            const object = findObject(graph, args.id);
            const lineage = await askJson(`lineage(${object.id})`);
            return prompt(
                `Explain to the team working on ${object.id} why it matters, in a few short paragraphs: what evidence and opportunities ` +
                    'it came from, and which input, driver and north star it is meant to move, with their health. Cite ids.\n\n' +
                    `${objectMarkdown(graph, object)}\n\n## Lineage\n\n\`\`\`json\n${JSON.stringify(lineage, null, 2)}\n\`\`\``,
            );
        },
    );

    server.registerPrompt(
        'what-changed-since',
        {
            title: 'What changed since a revision',
            description: 'Summarises how the model changed since a git revision: objects, health and status transitions, problems new and fixed.',
            argsSchema: { rev: z.string().describe('a git revision: a tag, branch or commit') },
        },
        async args => {
            const diff = await diffSides(args.rev, undefined, source.root);
            return prompt(
                `Summarise for a product leader what changed in the operating model since ${args.rev} (${diffSummary(diff)}): ` +
                    'the strategic moves first (health and status transitions, bets added or stopped), then the rest. Cite ids.\n\n' +
                    formatDiffMarkdown(diff),
            );
        },
    );

    return server;
}
