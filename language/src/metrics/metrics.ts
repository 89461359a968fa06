// The metrics step: after the graph is assembled, read each metric's data file, check it, and derive for every
// object measured by a metric its current value, trend, target and track status. Pure: the caller reads the files.
import { posix } from 'node:path';
import { contradictsHealth } from '../graph/derived/health.js';
import { GraphIndex } from '../graph/graph-index.js';
import type { GraphDiagnostic, GraphObject, MetricReading, PomGraph, SourceLocation, DataPoint } from '../graph/model.js';
import { Std, StdLinks } from '../graph/std-ids.js';
import { IssueCodes } from '../diagnostics/codes.js';
import { dataFormat, parseDataFile, parseDate, DEFAULT_COLUMNS, type DataProblemKind } from './data-file.js';
import { derive, type TrackPlan } from './derive.js';

export interface MetricsOptions {
    /** Ignore observations after this ISO date, as if the data had been exported then. */
    asOf?: string;
}

/** A data file's text; undefined when it does not exist; or why pom refused to read it (a link out of the workspace, a device, too large). */
export type DataText = string | undefined | { refused: string };

/** Reads a data file by its workspace-relative path. */
export type DataReader = (path: string) => DataText;

export interface MetricsResult {
    /** The graph with `series` on metrics and `metrics` readings on measured objects; objects not concerned are shared. */
    graph: PomGraph;
    diagnostics: GraphDiagnostic[];
}

/** How many problems of one data file are reported one by one before the rest are counted. */
export const MAX_PROBLEMS_PER_FILE = 5;

const PROBLEM_CODES: Record<DataProblemKind, string> = {
    syntax: IssueCodes.MetricDataSyntax,
    empty: IssueCodes.MetricDataEmpty,
    'missing-column': IssueCodes.MetricMissingColumn,
    'bad-date': IssueCodes.MetricBadDate,
    'bad-number': IssueCodes.MetricBadNumber,
    'duplicate-date': IssueCodes.MetricDuplicateDate,
};

/** The workspace-relative path of a metric's data file, or why it cannot be read. */
export function dataPath(metric: GraphObject): { path: string } | { error: string } | undefined {
    const data = metric.fields.data;
    if (typeof data !== 'string') return undefined;
    if (posix.isAbsolute(data) || /^[A-Za-z]:[\\/]/.test(data)) {
        return { error: `'data: "${data}"' is an absolute path: give the path relative to ${metric.location.file}` };
    }
    const path = posix.normalize(posix.join(posix.dirname(metric.location.file), data.replace(/\\/g, '/')));
    if (path === '..' || path.startsWith('../')) {
        return { error: `'data: "${data}"' points outside the workspace: keep data files inside it, next to the .pom files` };
    }
    if (!dataFormat(path)) return { error: `'data: "${data}"' is neither a .csv nor a .json file: export the metric as CSV or JSON` };
    return { path };
}

/**
 * The data files the graph's metrics read: workspace-relative path → the .pom files of the metrics that read it,
 * in graph order. What the model depends on besides its .pom files (to read, to watch, to rebuild on change).
 */
export function dataFilePaths(graph: PomGraph): Map<string, Set<string>> {
    const files = new Map<string, Set<string>>();
    // The metrics from the graph's index (an editor's graph after an edit shares its predecessor's), not a scan of every object.
    for (const object of GraphIndex.of(graph).ofType(Std.metric)) {
        const located = dataPath(object);
        if (!located || !('path' in located)) continue;
        const readers = files.get(located.path) ?? new Set<string>();
        readers.add(object.location.file);
        files.set(located.path, readers);
    }
    return files;
}

/** Reads every metric data file the graph names, once each. */
export function readMetricData(graph: PomGraph, read: DataReader): Map<string, DataText> {
    return new Map([...dataFilePaths(graph).keys()].map(path => [path, read(path)]));
}

/** Checks the data files (path → text, as read by readMetricData) and derives the metrics of every measured object. */
export function applyMetrics(graph: PomGraph, files: ReadonlyMap<string, DataText>, options: MetricsOptions = {}): MetricsResult {
    // Most workspaces name no data files: then the graph is returned as it is.
    const index = GraphIndex.of(graph);
    if (!index.ofType(Std.metric).some(metric => metric.fields.data !== undefined)) return { graph, diagnostics: [] };
    const diagnostics: GraphDiagnostic[] = [];
    const series = new Map<string, DataPoint[]>();
    const parsedFiles = new Map<string, DataPoint[] | undefined>();

    for (const metric of index.ofType(Std.metric)) {
        const located = dataPath(metric);
        if (!located) continue;
        if ('error' in located) {
            diagnostics.push(diagnostic('error', IssueCodes.MetricDataMissing, `Metric '${metric.id}': ${located.error}.`, metric.location, metric.id));
            continue;
        }
        const text = files.get(located.path);
        if (text === undefined) {
            diagnostics.push(
                diagnostic(
                    'error',
                    IssueCodes.MetricDataMissing,
                    `Metric '${metric.id}' reads ${located.path}, which does not exist: fix 'data: "${String(metric.fields.data)}"' (relative to ${metric.location.file}) or add the file.`,
                    metric.location,
                    metric.id,
                ),
            );
            continue;
        }
        if (typeof text !== 'string') {
            diagnostics.push(
                diagnostic(
                    'error',
                    IssueCodes.MetricDataMissing,
                    `Metric '${metric.id}' reads ${located.path}, which pom does not read: ${text.refused}.`,
                    metric.location,
                    metric.id,
                ),
            );
            continue;
        }
        const columns = { ...DEFAULT_COLUMNS, value: typeof metric.fields.column === 'string' ? metric.fields.column : DEFAULT_COLUMNS.value };
        const key = `${located.path}\u0000${columns.value}`;
        if (!parsedFiles.has(key)) {
            const parsed = parseDataFile(located.path, text, columns);
            const where = `data of metric '${metric.id}', ${metric.location.file}:${metric.location.line}:${metric.location.column}`;
            for (const problem of parsed.problems.slice(0, MAX_PROBLEMS_PER_FILE)) {
                diagnostics.push(
                    diagnostic(
                        'error',
                        PROBLEM_CODES[problem.kind],
                        `${capitalise(problem.message)} (${where}).`,
                        { file: located.path, line: problem.line, column: problem.column, endLine: problem.line, endColumn: problem.column + 1 },
                        metric.id,
                    ),
                );
            }
            const more = parsed.problems.length - MAX_PROBLEMS_PER_FILE;
            if (more > 0) {
                const first = parsed.problems[MAX_PROBLEMS_PER_FILE];
                diagnostics.push(
                    diagnostic(
                        'error',
                        PROBLEM_CODES[first.kind],
                        `${more} more problem${more === 1 ? '' : 's'} in this file, the first here: ${first.message} (${where}).`,
                        { file: located.path, line: first.line, column: first.column, endLine: first.line, endColumn: first.column + 1 },
                        metric.id,
                    ),
                );
            }
            // A file with problems gives no series: deriving from what is left would mislead.
            parsedFiles.set(key, parsed.problems.length === 0 ? parsed.points : undefined);
        }
        const points = parsedFiles.get(key);
        if (!points) continue;
        const seen = options.asOf ? points.filter(point => point.date <= options.asOf!) : points;
        series.set(metric.id, seen);
    }

    const readings = new Map<string, MetricReading[]>();
    for (const object of graph.objects) {
        const measured = index
            .out(object, StdLinks.measuredBy)
            .map(link => link.target)
            .filter(id => series.has(id));
        if (measured.length === 0) continue;
        const list: MetricReading[] = [];
        for (const metricId of [...new Set(measured)].sort()) {
            const points = series.get(metricId)!;
            if (points.length === 0) continue;
            const metric = index.get(metricId)!;
            const reading: MetricReading = { metric: metricId, ...derive(points, plan(index, object, metric)) };
            if (typeof metric.fields.unit === 'string') reading.unit = metric.fields.unit;
            list.push(reading);
            const contradiction = contradicts(object, reading);
            if (contradiction) diagnostics.push(diagnostic('warning', IssueCodes.HealthContradicted, contradiction, object.location, object.id));
        }
        if (list.length > 0) readings.set(object.id, list);
    }

    const objects = graph.objects.map(object => {
        const objectSeries = series.get(object.id),
            objectReadings = readings.get(object.id);
        if (!objectSeries && !objectReadings) return object;
        const copy: GraphObject = { ...object };
        if (objectSeries) copy.series = objectSeries;
        if (objectReadings) copy.metrics = objectReadings;
        return copy;
    });
    const withMetrics: PomGraph = { ...graph, objects };
    GraphIndex.derive(withMetrics, index); // the same objects in the same order: share the index's maps
    return { graph: withMetrics, diagnostics };
}

/** Reads the data files through `read` and applies them: the whole step for callers that can read files. */
export function computeMetrics(graph: PomGraph, read: DataReader, options: MetricsOptions = {}): MetricsResult {
    return applyMetrics(graph, readMetricData(graph, read), options);
}

/** The object's own plan wins over the metric's; the window comes from the object's dates, else its cycles'. */
function plan(index: GraphIndex, object: GraphObject, metric: GraphObject): TrackPlan {
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    const direction = (value: unknown) => (value === 'increase' || value === 'decrease' ? value : undefined);
    const date = (value: unknown) => (typeof value === 'string' && 'date' in parseDate(value) ? value : undefined);
    const cycles = index
        .out(object, StdLinks.inCycle)
        .map(link => index.get(link.target))
        .filter((c): c is GraphObject => !!c);
    const cycleStarts = cycles
        .map(c => date(c.fields.start))
        .filter((d): d is string => !!d)
        .sort();
    const cycleEnds = cycles
        .map(c => date(c.fields.end))
        .filter((d): d is string => !!d)
        .sort();
    const result: TrackPlan = {
        direction: direction(object.fields.direction) ?? direction(metric.fields.direction),
        baseline: number(object.fields.baseline) ?? number(metric.fields.baseline),
        target: number(object.fields.target) ?? number(metric.fields.target),
        start: date(object.fields.start) ?? cycleStarts[0],
        end: date(object.fields.end) ?? cycleEnds[cycleEnds.length - 1],
    };
    for (const key of Object.keys(result) as Array<keyof TrackPlan>) if (result[key] === undefined) delete result[key];
    return result;
}

/** A warning when the declared health says the opposite of what the data says; at-risk and unknown never contradict. */
function contradicts(object: GraphObject, reading: MetricReading): string | undefined {
    if (!contradictsHealth(object.fields.health, reading.status)) return undefined;
    const value = `${reading.current.value}${reading.unit && reading.unit.length <= 2 ? reading.unit : ''}`;
    const expectation =
        reading.expected !== undefined
            ? `, where the plan from ${reading.baseline} to ${reading.target} by ${reading.end} expects ${Number(reading.expected.toPrecision(4))}`
            : `, trending ${reading.trend} against a target of ${reading.target}`;
    return (
        `'${object.id}' is marked ${String(object.fields.health)}, but the data of '${reading.metric}' says ${reading.status} since ${reading.since} ` +
        `(${value} on ${reading.current.date}${expectation}): update 'health', or check the plan.`
    );
}

function diagnostic(severity: GraphDiagnostic['severity'], code: string, message: string, location: SourceLocation, object: string): GraphDiagnostic {
    return { severity, code, message, location, object };
}

function capitalise(text: string): string {
    return text.length > 0 && text[0] === "'" ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
