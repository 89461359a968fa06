import { type Answer, ask, columnValue, type FieldValue, GraphIndex, type GraphObject, type PomGraph, QuestionError } from '../../../language/src/index.js';
import { userPath, warnModelErrors } from '../format-diagnostics.js';
import { atRevision, compileAt } from '../revision.js';

export interface QueryOptions {
    json: boolean;
    ids: boolean;
    columns?: string;
    list: boolean;
    /** Ask the model as it was at this git revision. */
    rev?: string;
    asOf?: string;
    groupBy?: string;
    sum?: string;
}

/** `pom query [dir] <question>`: a selector, a declared query's name, or lineage(<id>). */
export async function queryCommand(args: string[], options: QueryOptions): Promise<number> {
    if (options.list) return listQueries(args[0] ?? '.', options);
    if (args.length === 0) {
        process.stderr.write(
            `pom: error: give a question: a selector such as 'bet where status = active', a query name, or lineage(<id>). ` +
                `'pom query --list' shows the declared queries.\n`,
        );
        return 2;
    }
    if (args.length > 2) {
        process.stderr.write(`pom: error: too many arguments: quote the question, as in pom query . 'bet where status = active'\n`);
        return 2;
    }
    const [dir, question] = args.length === 2 ? args : ['.', args[0]];
    let result;
    try {
        result = await atRevision(dir, options.rev, folder =>
            ask(folder, question, {
                asOf: options.asOf,
                groupBy: options.groupBy,
                sums: options.sum
                    ?.split(',')
                    .map(field => field.trim())
                    .filter(Boolean),
            }),
        );
    } catch (error) {
        if (error instanceof QuestionError) {
            for (const d of error.diagnostics) {
                process.stderr.write(`query:${d.location.line}:${d.location.column}: error: ${d.message} [${d.code}]\n`);
            }
            process.stderr.write(`  ${question}\n  ${' '.repeat(Math.max(0, error.diagnostics[0].location.column - 1))}^\n`);
            return 2;
        }
        throw error;
    }
    warnModelErrors(result.modelErrors, 'the answer may be incomplete');
    const columns = options.columns
        ? options.columns
              .split(',')
              .map(c => c.trim())
              .filter(Boolean)
        : undefined;
    process.stdout.write(render(result.answer, result.graph, options, columns));
    return 0;
}

function render(answer: Answer, graph: PomGraph, options: QueryOptions, columnsOption: string[] | undefined): string {
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const index = GraphIndex.of(graph);
    if (answer.kind === 'lineage') {
        if (options.ids) return [...answer.upstream, answer.subject, ...answer.downstream, ...answer.alternatives].map(o => o.id + '\n').join('');
        if (options.json) return JSON.stringify(answerJson(answer, graph, columnsOption), null, 2) + '\n';
        const columns = columnsOption ?? ['effective-health', 'status'];
        return (
            `Lineage of ${answer.subject.id} (${types.get(answer.subject.type)}${answer.subject.title ? `: ${answer.subject.title}` : ''})\n\n` +
            `Upstream (what leads to it: insights, the opportunity and option it came from, the work that delivers it): ${answer.upstream.length}\n${table(index, answer.upstream, columns, types)}\n` +
            `Downstream (what it serves, on to the north star): ${answer.downstream.length}\n${table(index, answer.downstream, columns, types)}` +
            (answer.alternatives.length > 0
                ? `\nOther options considered (rejected ones with their rationale): ${answer.alternatives.length}\n${table(index, answer.alternatives, columnsOption ?? ['status', 'rationale'], types)}`
                : '')
        );
    }
    const columns = columnsOption ?? (answer.columns.length > 0 ? answer.columns : defaultColumns(answer.objects));
    if (options.ids) return answer.objects.map(o => o.id + '\n').join('');
    const grouped = answer.grouped;
    if (options.json) return JSON.stringify(answerJson(answer, graph, columnsOption), null, 2) + '\n';
    const heading = answer.query ? `${answer.query.title ?? answer.query.name}\n\n` : '';
    const count = (n: number) => `${n} object${n === 1 ? '' : 's'}`;
    const sums = (totals: Record<string, number>) =>
        Object.entries(totals)
            .map(([field, sum]) => `, ${field} ${Number(sum.toPrecision(12))}`)
            .join('');
    if (!grouped || !grouped.by) {
        return heading + table(index, answer.objects, columns, types) + `${count(answer.objects.length)}${grouped ? sums(grouped.total.sums) : ''}\n`;
    }
    const byId = new Map(answer.objects.map(o => [o.id, o]));
    return (
        heading +
        grouped.groups
            .map(group => {
                const label =
                    group.key === ''
                        ? `(no ${grouped.by})`
                        : group.object
                          ? `${group.key}${index.get(group.key)?.title ? ` (${index.get(group.key)!.title})` : ''}`
                          : group.key;
                return (
                    `${grouped.by}: ${label}: ${count(group.ids.length)}${sums(group.sums)}\n` +
                    table(
                        index,
                        group.ids.map(id => byId.get(id)!),
                        columns,
                        types,
                    ) +
                    '\n'
                );
            })
            .join('') +
        `Total: ${count(grouped.total.count)}${sums(grouped.total.sums)}\n`
    );
}

/**
 * An answer as `pom query --json` prints it (and the MCP server returns it): the objects with their id, type, title,
 * the asked or default columns, and file:line:col; a lineage as its subject, upstream and downstream.
 */
export function answerJson(answer: Answer, graph: PomGraph, columnsOption?: string[]): unknown {
    const types = new Map(graph.types.map(t => [t.id, t.name]));
    const index = GraphIndex.of(graph);
    if (answer.kind === 'lineage') {
        const brief = (o: GraphObject) => describe(index, o, types, ['effective-health', 'status', 'rationale']);
        return {
            subject: brief(answer.subject),
            upstream: answer.upstream.map(brief),
            downstream: answer.downstream.map(brief),
            alternatives: answer.alternatives.map(brief),
        };
    }
    const columns = columnsOption ?? (answer.columns.length > 0 ? answer.columns : defaultColumns(answer.objects));
    const objects = answer.objects.map(o => describe(index, o, types, columns));
    const grouped = answer.grouped;
    return grouped ? { objects, groupBy: grouped.by || undefined, groups: grouped.groups, total: grouped.total } : objects;
}

/** Status and health when the answer has them: what most questions are about. */
function defaultColumns(objects: GraphObject[]): string[] {
    return ['status', 'health', 'horizon'].filter(field => objects.some(o => field in o.fields));
}

function describe(index: GraphIndex, object: GraphObject, types: Map<string, string>, columns: string[]): Record<string, unknown> {
    const result: Record<string, unknown> = { id: object.id, type: types.get(object.type) ?? object.type };
    if (object.title !== undefined) result.title = object.title;
    for (const column of columns) {
        const value = cell(index, object, column);
        if (value !== '') result[column] = value;
    }
    result.location = `${object.location.file}:${object.location.line}:${object.location.column}`;
    return result;
}

/** A column's value (graph/answer.ts: a field, a derived fact, or a link kind's targets), as text. */
function cell(index: GraphIndex, object: GraphObject, column: string): string {
    const value = columnValue(index, object, column);
    return value === undefined ? '' : text(value);
}

function text(value: FieldValue): string {
    return Array.isArray(value) ? value.map(text).join(', ') : String(value);
}

function table(index: GraphIndex, objects: GraphObject[], columns: string[], types: Map<string, string>): string {
    if (objects.length === 0) return '(none)\n';
    const header = ['id', 'type', 'title', ...columns];
    const rows = objects.map(o => [o.id, types.get(o.type) ?? o.type, o.title ?? '', ...columns.map(c => cell(index, o, c))]);
    const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map(r => r[i].length))));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => (c.length > widths[i] ? c.slice(0, widths[i] - 1) + '…' : c).padEnd(widths[i]))
            .join('  ')
            .trimEnd() + '\n';
    return line(header) + line(widths.map(w => '-'.repeat(w))) + rows.map(line).join('');
}

/** The declared queries (the standard library's first) as `pom query --list --json` prints them. */
export function queryListJson(graph: PomGraph): Array<{ id: string; name: string; title?: string; location: string }> {
    return graph.queries.map(q => ({ id: q.id, name: q.name, title: q.title, location: `${q.location.file}:${q.location.line}` }));
}

async function listQueries(dir: string, options: QueryOptions): Promise<number> {
    const result = await compileAt(dir, options.rev);
    const queries = result.graph.queries;
    if (options.json) {
        process.stdout.write(JSON.stringify(queryListJson(result.graph), null, 2) + '\n');
        return 0;
    }
    const width = Math.max(4, ...queries.map(q => q.name.length));
    process.stdout.write(queries.map(q => `${q.name.padEnd(width)}  ${q.title ?? ''}  (${userPath(dir, q.location.file)}:${q.location.line})\n`).join(''));
    return 0;
}
