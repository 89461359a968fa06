// Asking the model a question from outside it: `pom query 'bet where targets -> conversion'`, a declared query
// by name, or lineage(<id>). A written selector is compiled with the workspace as one more (virtual) file, so
// it is resolved and checked exactly like a view in a .pom file.

import { resolve } from 'node:path';
import { compileSources, dataReader, readPomSources, WorkspaceError, type CompileResult } from './compiler.js';
import { GraphIndex } from './graph/graph-index.js';
import type { GraphDiagnostic, GraphObject, GraphQuery, PomGraph } from './graph/model.js';
import { SelectorEngine } from './graph/selector.js';
import { groupAnswer, type GroupedAnswer } from './graph/answer.js';
import { closest, didYouMean } from './util/suggest.js';

export const QUERY_NAME = '__pom_query__';
const QUERY_FILE = '.pom-query.pom';

export interface QueryAnswer {
    kind: 'select';
    question: string;
    /** The declared query answered, when the question named one. */
    query?: GraphQuery;
    objects: GraphObject[];
    columns: string[];
    /** The answer grouped and totalled, when the query declares `group-by:`/`sum:` or the asker asks. */
    grouped?: GroupedAnswer;
}

export interface LineageAnswer {
    kind: 'lineage';
    question: string;
    subject: GraphObject;
    upstream: GraphObject[];
    downstream: GraphObject[];
    /** The other options weighed for the opportunities it came from, rejected ones (with their rationale) included. */
    alternatives: GraphObject[];
}

export type Answer = QueryAnswer | LineageAnswer;

/** A question that does not compile: its diagnostics point into the question text (line 1, columns as typed). */
export class QuestionError extends Error {
    constructor(
        readonly question: string,
        readonly diagnostics: GraphDiagnostic[],
    ) {
        super(diagnostics.map(d => `query:${d.location.line}:${d.location.column}: ${d.message}`).join('\n'));
    }
}

export interface AskResult {
    answer: Answer;
    /** The workspace's own errors: answers from a model with errors may be incomplete. */
    modelErrors: number;
    graph: PomGraph;
}

/** Answers one question about the workspace at `root`. */
export interface AskOptions {
    exclude?: string[];
    /** Metric data and the derived facts as of this date. */
    asOf?: string;
    /** Group the answer by a field, link kind or type (overrides a declared query's `group-by:`). */
    groupBy?: string;
    /** Number fields to sum (added to a declared query's `sum:`). */
    sums?: string[];
}

export async function ask(root: string, question: string, options: AskOptions = {}): Promise<AskResult> {
    const absoluteRoot = resolve(root);
    const sources = await readPomSources(absoluteRoot, options.exclude);
    const asked = parseQuestion(question);
    const { text, bareName } = asked;
    let prefixLines = 0;
    const prefix = `query ${QUERY_NAME} { include `;
    if (!asked.lineage) {
        // Every package is imported, so names need no package prefix unless two packages share them.
        const packages = new Set<string>();
        for (const source of sources.values()) {
            const match = /^\s*package\s+([\w.-]+)/m.exec(source);
            if (match) packages.add(match[1]);
        }
        const imports = [...packages].sort().map(p => `import ${p}`);
        prefixLines = imports.length;
        sources.set(resolve(absoluteRoot, QUERY_FILE), [...imports, `${prefix}${text} }`].join('\n'));
    }
    // Metric data is read as pom check reads it, so answers that depend on it (off-track) agree with the site.
    const result = await compileSources(absoluteRoot, sources, { readData: dataReader(absoluteRoot), asOf: options.asOf });
    const own = result.diagnostics.filter(d => d.location.file === QUERY_FILE);
    const modelErrors = result.diagnostics.filter(d => d.location.file !== QUERY_FILE && d.severity === 'error').length;
    const graph = withoutQuestion(result);
    const engine = new SelectorEngine(GraphIndex.of(graph));

    const compiled = answerParsed(engine, graph, asked, options);
    if (compiled) return { answer: compiled, modelErrors, graph };
    const errors = own.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        if (bareName) {
            const names = graph.queries.map(q => q.name);
            const guess = closest(text, [...names, ...graph.types.map(t => t.name)]);
            const other = errors.filter(d => !/^No type or object/.test(d.message));
            if (other.length === 0) {
                throw new WorkspaceError(
                    `'${text}' is not a query, type or object.${guess ? ` Did you mean '${guess}'?` : ''} ` +
                        `Run 'pom query --list' for the declared queries.`,
                );
            }
        }
        throw new QuestionError(
            text,
            errors.map(d => shift(d, prefixLines, prefix.length)),
        );
    }
    const query = result.graph.queries.find(q => q.id === QUERY_NAME);
    const ids = query ? engine.applyClauses(query.clauses) : [];
    const objects = ids.map(id => engine.index.get(id)!);
    return {
        answer: { kind: 'select', question: text, objects, columns: [], ...grouping(engine.index, ids, options.groupBy, options.sums ?? []) },
        modelErrors,
        graph,
    };
}

/**
 * Answers a question from a graph already compiled (a cached model), when it needs nothing more: lineage(<id>) and
 * a declared query's name. Undefined for a written selector, which must be compiled with the workspace (ask()).
 */
export function answerFromGraph(graph: PomGraph, question: string, options: Pick<AskOptions, 'groupBy' | 'sums'> = {}): Answer | undefined {
    const asked = parseQuestion(question);
    if (!asked.lineage && !asked.bareName) return undefined;
    return answerParsed(new SelectorEngine(GraphIndex.of(graph)), graph, asked, options);
}

interface ParsedQuestion {
    text: string;
    /** The id or name inside lineage(…). */
    lineage?: string;
    /** A bare name may be a declared query; anything else is a selector. */
    bareName: boolean;
}

function parseQuestion(question: string): ParsedQuestion {
    const text = question.trim();
    if (!text) throw new WorkspaceError("the question is empty: give a selector such as 'bet where status = active', a query name, or lineage(<id>)");
    const lineage = /^lineage\s*\(\s*([^()\s]+)\s*\)$/.exec(text)?.[1];
    return { text, lineage, bareName: /^[\w.-]+$/.test(text) };
}

/** The answer to a lineage or a declared query's name from the compiled graph; undefined when it is neither. */
function answerParsed(engine: SelectorEngine, graph: PomGraph, asked: ParsedQuestion, options: Pick<AskOptions, 'groupBy' | 'sums'>): Answer | undefined {
    const { text } = asked;
    if (asked.lineage) {
        const subject = graph.objects.find(o => o.id === asked.lineage) ?? uniqueByName(graph, asked.lineage);
        const upDown = engine.lineage(subject.id);
        const byId = (ids: string[]) => ids.map(id => engine.index.get(id)!).filter(Boolean);
        return {
            kind: 'lineage',
            question: text,
            subject,
            upstream: byId(upDown.upstream),
            downstream: byId(upDown.downstream),
            alternatives: byId(upDown.alternatives),
        };
    }
    if (!asked.bareName) return undefined;
    const declared = graph.queries.find(q => q.id === text) ?? graph.queries.filter(q => q.name === text)[0];
    if (!declared) return undefined;
    const ids = engine.applyClauses(declared.clauses);
    const objects = ids.map(id => engine.index.get(id)!);
    const grouped = grouping(engine.index, ids, options.groupBy ?? declared.groupBy, [...(declared.sums ?? []), ...(options.sums ?? [])]);
    return { kind: 'select', question: text, query: declared, objects, columns: declared.columns, ...grouped };
}

function grouping(index: GraphIndex, ids: string[], by: string | undefined, sums: string[]): { grouped?: GroupedAnswer } {
    if (by === undefined && sums.length === 0) return {};
    if (by !== undefined && !knownGroup(index, by)) {
        throw new WorkspaceError(`cannot group by '${by}': it is no field, derived fact, link kind or type.` + didYouMean(by, groupNames(index)));
    }
    const numbers = new Set([...index.types.values()].flatMap(type => type.fields.filter(f => f.type === 'number').map(f => f.name)));
    for (const field of sums) {
        if (!numbers.has(field)) {
            throw new WorkspaceError(`cannot sum '${field}': it is no number field.${didYouMean(field, [...numbers])}`);
        }
    }
    return { grouped: groupAnswer(index, ids, by, sums) };
}

function groupNames(index: GraphIndex): string[] {
    const names = new Set<string>();
    for (const type of index.types.values()) {
        names.add(type.name);
        for (const field of type.fields) names.add(field.name);
    }
    for (const kind of index.linkKinds.values()) {
        names.add(kind.name);
        if (kind.inverse) names.add(kind.inverse);
    }
    return [...names];
}

function knownGroup(index: GraphIndex, by: string): boolean {
    return groupNames(index).includes(by);
}

/** The graph as the workspace has it, without the virtual question file. */
function withoutQuestion(result: CompileResult): PomGraph {
    const graph = result.graph;
    return {
        ...graph,
        files: graph.files.filter(f => f !== QUERY_FILE),
        queries: graph.queries.filter(q => q.id !== QUERY_NAME),
        diagnostics: graph.diagnostics.filter(d => d.location.file !== QUERY_FILE),
    };
}

function uniqueByName(graph: PomGraph, name: string): GraphObject {
    const matches = graph.objects.filter(o => o.id.endsWith(`.${name}`) || o.name === name);
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new WorkspaceError(`'${name}' is ambiguous: it could be ${matches.map(m => m.id).join(', ')}. Give the full id.`);
    throw new WorkspaceError(
        `no object '${name}' for lineage().${didYouMean(
            name,
            graph.objects.map(o => o.id),
        )}`,
    );
}

/** Maps a diagnostic of the virtual file back onto the question as the user typed it. */
function shift(diagnostic: GraphDiagnostic, lines: number, columns: number): GraphDiagnostic {
    const at = (line: number, column: number) => (line - 1 === lines ? Math.max(1, column - columns) : 1);
    return {
        ...diagnostic,
        location: {
            file: 'query',
            line: 1,
            column: at(diagnostic.location.line, diagnostic.location.column),
            endLine: 1,
            endColumn: at(diagnostic.location.endLine, diagnostic.location.endColumn),
        },
    };
}
