// Reading metric observations from the CSV or JSON files that analytics and BI tools export.
// Pure text in, points and problems out: the batch compiler and the language server share it.

import { excerpt } from '../util/excerpt.js';
import type { DataPoint } from '../graph/model.js';
import { compareIds } from '../util/compare.js';

export type { DataPoint };

export type DataProblemKind = 'syntax' | 'missing-column' | 'bad-date' | 'bad-number' | 'empty' | 'duplicate-date';

/** Something wrong in a data file, at a 1-based line and column of that file. */
export interface DataProblem {
    kind: DataProblemKind;
    message: string;
    line: number;
    column: number;
}

export interface ParsedData {
    /** The observations, sorted by date; rows with problems are left out. */
    points: DataPoint[];
    problems: DataProblem[];
}

export interface DataColumns {
    /** The column (CSV) or member (JSON) holding the dates. */
    date: string;
    /** The column (CSV) or member (JSON) holding the values. */
    value: string;
}

export const DEFAULT_COLUMNS: DataColumns = { date: 'date', value: 'value' };

/** The data formats pom reads, by file extension. */
export function dataFormat(path: string): 'csv' | 'json' | undefined {
    const lower = path.toLowerCase();
    return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : undefined;
}

export function parseDataFile(path: string, text: string, columns: DataColumns = DEFAULT_COLUMNS): ParsedData {
    return dataFormat(path) === 'json' ? parseJsonData(text, columns) : parseCsvData(text, columns);
}

// ---- Cells: the same checks for both formats -------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The date part of an ISO date or date-time, or an explanation of what is wrong with it. */
export function parseDate(text: string): { date: string } | { error: string } {
    const match = ISO_DATE.exec(text.trim());
    if (!match) return { error: `'${excerpt(text)}' is not a date: write it as YYYY-MM-DD, such as 2026-10-01` };
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const calendar = new Date(Date.UTC(year, month - 1, day));
    if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
        return { error: `'${text}' is not a date: ${match[1]}-${match[2]} has no day ${match[3]}` };
    }
    return { date: `${match[1]}-${match[2]}-${match[3]}` };
}

/** A number as BI tools write it, or an explanation. Units, percent signs and thousands separators are refused. */
export function parseNumber(text: string): { value: number } | { error: string } {
    const trimmed = text.trim();
    if (NUMBER.test(trimmed)) return { value: Number(trimmed) };
    const hint =
        /^[+-]?[\d.,]+$/.test(trimmed) && trimmed.includes(',')
            ? 'drop the thousands separators or write the decimal point as "."'
            : /%$/.test(trimmed)
              ? 'drop the "%" (the metric\'s unit says what the number means)'
              : 'write a plain number such as 71.4 or -3';
    return { error: `'${excerpt(text)}' is not a number: ${hint}` };
}

class PointCollector {
    readonly problems: DataProblem[] = [];
    private readonly byDate = new Map<string, { point: DataPoint; line: number }>();

    problem(kind: DataProblemKind, message: string, line: number, column: number): void {
        this.problems.push({ kind, message, line, column });
    }

    /** Checks one row's cells; an empty or null value is a gap (no observation that day), not an error. */
    row(date: { text: unknown; line: number; column: number }, value: { text: unknown; line: number; column: number }): void {
        if (typeof date.text !== 'string') {
            this.problem(
                'bad-date',
                `${excerpt(JSON.stringify(date.text) ?? String(date.text))} is not a date: write it as a text "YYYY-MM-DD"`,
                date.line,
                date.column,
            );
            return;
        }
        const parsedDate = parseDate(date.text);
        if ('error' in parsedDate) {
            this.problem('bad-date', parsedDate.error, date.line, date.column);
            return;
        }
        if (value.text === null || value.text === '' || (typeof value.text === 'string' && value.text.trim() === '')) return;
        let number: number;
        if (typeof value.text === 'number') {
            number = value.text;
        } else if (typeof value.text === 'string') {
            const parsed = parseNumber(value.text);
            if ('error' in parsed) {
                this.problem('bad-number', parsed.error, value.line, value.column);
                return;
            }
            number = parsed.value;
        } else {
            this.problem(
                'bad-number',
                `${excerpt(JSON.stringify(value.text) ?? 'an empty value')} is not a number: write a plain number such as 71.4`,
                value.line,
                value.column,
            );
            return;
        }
        const earlier = this.byDate.get(parsedDate.date);
        if (earlier) {
            this.problem('duplicate-date', `${parsedDate.date} has a value already, on line ${earlier.line}: keep one row per date`, date.line, date.column);
            return;
        }
        this.byDate.set(parsedDate.date, { point: { date: parsedDate.date, value: number }, line: date.line });
    }

    result(): ParsedData {
        const points = [...this.byDate.values()].map(entry => entry.point).sort((a, b) => compareIds(a.date, b.date));
        return { points, problems: this.problems };
    }
}

// ---- CSV (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks) --------------------

interface CsvCell {
    text: string;
    line: number;
    column: number;
}

function csvRecords(text: string): CsvCell[][] {
    return text.includes('"') ? quotedCsvRecords(text) : plainCsvRecords(text);
}

/** The common case, no quotes anywhere: split lines and cells without looking at each character. */
function plainCsvRecords(text: string): CsvCell[][] {
    const records: CsvCell[][] = [];
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index];
        if (line.trim() === '') continue;
        let column = 1;
        records.push(
            line.split(',').map(cell => {
                const located = { text: cell, line: index + 1, column };
                column += cell.length + 1;
                return located;
            }),
        );
    }
    return records;
}

function quotedCsvRecords(text: string): CsvCell[][] {
    const records: CsvCell[][] = [];
    let record: CsvCell[] = [];
    let cell = '';
    let cellLine = 1,
        cellColumn = 1,
        line = 1,
        column = 1;
    let quoted = false,
        cellStarted = false;
    const endCell = () => {
        record.push({ text: cell, line: cellLine, column: cellColumn });
        cell = '';
        cellStarted = false;
    };
    const endRecord = () => {
        endCell();
        // A blank line is not a record.
        if (!(record.length === 1 && record[0].text.trim() === '')) records.push(record);
        record = [];
    };
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (!cellStarted) {
            cellStarted = true;
            cellLine = line;
            cellColumn = column;
        }
        if (quoted) {
            if (char === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
                column += 2;
                continue;
            }
            if (char === '"') {
                quoted = false;
                column++;
                continue;
            }
            cell += char;
            if (char === '\n') {
                line++;
                column = 1;
            } else column++;
            continue;
        }
        if (char === '"' && cell.trim() === '') {
            quoted = true;
            cell = '';
            column++;
            continue;
        }
        if (char === ',') {
            endCell();
            column++;
            continue;
        }
        if (char === '\r' && text[i + 1] === '\n') continue;
        if (char === '\n') {
            endRecord();
            line++;
            column = 1;
            continue;
        }
        cell += char;
        column++;
    }
    if (cellStarted || record.length > 0) endRecord();
    return records;
}

export function parseCsvData(text: string, columns: DataColumns = DEFAULT_COLUMNS): ParsedData {
    const collector = new PointCollector();
    const records = csvRecords(text.replace(/^\uFEFF/, ''));
    if (records.length === 0) {
        collector.problem('empty', 'the file is empty: it needs a header row (date,value) and one row per observation', 1, 1);
        return collector.result();
    }
    const [header, ...rows] = records;
    const names = header.map(cell => cell.text.trim().toLowerCase());
    const dateIndex = names.indexOf(columns.date.toLowerCase());
    const valueIndex = names.indexOf(columns.value.toLowerCase());
    for (const [index, wanted] of [
        [dateIndex, columns.date],
        [valueIndex, columns.value],
    ] as const) {
        if (index < 0) {
            collector.problem(
                'missing-column',
                `no column '${wanted}' in the header (${excerpt(header.map(c => c.text.trim()).join(', '))}): ` +
                    (wanted === columns.value ? `rename the column, or set 'column: "…"' on the metric` : `the first row must name a '${wanted}' column`),
                header[0].line,
                header[0].column,
            );
        }
    }
    if (dateIndex < 0 || valueIndex < 0) return collector.result();
    if (rows.length === 0) {
        collector.problem('empty', 'the file has a header but no rows: add one row per observation', header[0].line, header[0].column);
        return collector.result();
    }
    for (const row of rows) {
        const needed = Math.max(dateIndex, valueIndex) + 1;
        if (row.length < needed) {
            const last = row[row.length - 1];
            collector.problem(
                'syntax',
                `this row has ${row.length} cell${row.length === 1 ? '' : 's'}, the header ${header.length}: add the missing cells`,
                row[0].line,
                last.column + last.text.length,
            );
            continue;
        }
        collector.row(row[dateIndex], row[valueIndex]);
    }
    return collector.result();
}

// ---- JSON: an array of objects such as { "date": "2026-10-01", "value": 71.4 } ----------------------

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
interface Located<T = JsonValue> {
    value: T;
    offset: number;
}

class JsonSyntaxError extends Error {
    constructor(
        message: string,
        readonly offset: number,
    ) {
        super(message);
    }
}

// Sticky: they match exactly at lastIndex, so long files are not copied for each token.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const MAX_JSON_DEPTH = 64;

/** A small JSON reader that remembers where each array element and member value starts. */
class LocatingJsonReader {
    private index = 0;
    readonly elements: Array<{ offset: number; members: Map<string, Located> }> = [];

    constructor(private readonly text: string) {}

    readDocument(): JsonValue {
        const value = this.value(0);
        this.space();
        if (this.index < this.text.length) this.fail('unexpected text after the end of the JSON value');
        return value;
    }

    private fail(message: string): never {
        throw new JsonSyntaxError(message, this.index);
    }

    private space(): void {
        while (this.index < this.text.length && ' \t\r\n'.includes(this.text[this.index])) this.index++;
    }

    private value(depth: number): JsonValue {
        // The reader recurses per level; observations are two levels deep, so a bound costs nothing real.
        if (depth > MAX_JSON_DEPTH) this.fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
        this.space();
        const char = this.text[this.index];
        if (char === '[') return this.array(depth);
        if (char === '{') return this.object(depth).value;
        if (char === '"') return this.string();
        LITERAL.lastIndex = this.index;
        const literal = LITERAL.exec(this.text);
        if (!literal) this.fail(char === undefined ? 'the JSON ends too early' : `unexpected '${char}'`);
        this.index += literal[0].length;
        return literal[0] === 'true' ? true : literal[0] === 'false' ? false : literal[0] === 'null' ? null : Number(literal[0]);
    }

    private array(depth: number): JsonValue[] {
        this.index++;
        const items: JsonValue[] = [];
        this.space();
        if (this.text[this.index] === ']') {
            this.index++;
            return items;
        }
        for (;;) {
            this.space();
            if (depth === 0 && this.text[this.index] === '{') {
                const element = this.object(depth + 1);
                this.elements.push({ offset: element.offset, members: element.members });
                items.push(element.value);
            } else {
                items.push(this.value(depth + 1));
            }
            this.space();
            const char = this.text[this.index];
            if (char === ',') {
                this.index++;
                continue;
            }
            if (char === ']') {
                this.index++;
                return items;
            }
            this.fail(char === undefined ? 'the JSON ends too early: a "]" is missing' : `expected ',' or ']' but found '${char}'`);
        }
    }

    private object(depth: number): { value: { [key: string]: JsonValue }; offset: number; members: Map<string, Located> } {
        const offset = this.index;
        this.index++;
        const value: { [key: string]: JsonValue } = {};
        const members = new Map<string, Located>();
        this.space();
        if (this.text[this.index] === '}') {
            this.index++;
            return { value, offset, members };
        }
        for (;;) {
            this.space();
            if (this.text[this.index] !== '"') this.fail('expected a member name in double quotes');
            const key = this.string();
            this.space();
            if (this.text[this.index] !== ':') this.fail(`expected ':' after "${key}"`);
            this.index++;
            this.space();
            const start = this.index;
            value[key] = this.value(depth + 1);
            members.set(key, { value: value[key], offset: start });
            this.space();
            const char = this.text[this.index];
            if (char === ',') {
                this.index++;
                continue;
            }
            if (char === '}') {
                this.index++;
                return { value, offset, members };
            }
            this.fail(char === undefined ? 'the JSON ends too early: a "}" is missing' : `expected ',' or '}' but found '${char}'`);
        }
    }

    private string(): string {
        STRING.lastIndex = this.index;
        const match = STRING.exec(this.text);
        if (!match) this.fail('a text in double quotes is not closed or holds a bad escape');
        this.index += match[0].length;
        return JSON.parse(match[0]) as string;
    }
}

/** Offset → 1-based line and column, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return offset => {
        let low = 0,
            high = starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (starts[middle] <= offset) low = middle;
            else high = middle - 1;
        }
        return { line: low + 1, column: offset - starts[low] + 1 };
    };
}

export function parseJsonData(text: string, columns: DataColumns = DEFAULT_COLUMNS): ParsedData {
    const collector = new PointCollector();
    const source = text.replace(/^\uFEFF/, '');
    if (source.trim() === '') {
        collector.problem('empty', 'the file is empty: it needs an array of observations such as [{ "date": "2026-10-01", "value": 71.4 }]', 1, 1);
        return collector.result();
    }
    const reader = new LocatingJsonReader(source);
    const position = lineIndex(source);
    let document: JsonValue;
    try {
        document = reader.readDocument();
    } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        const at = position(error.offset);
        collector.problem('syntax', `not valid JSON: ${excerpt(error.message, 120)}`, at.line, at.column);
        return collector.result();
    }
    if (!Array.isArray(document)) {
        collector.problem('syntax', 'expected an array of observations such as [{ "date": "2026-10-01", "value": 71.4 }]', 1, 1);
        return collector.result();
    }
    if (document.length === 0) {
        collector.problem('empty', 'the array holds no observations: add one object per date', 1, 1);
        return collector.result();
    }
    if (reader.elements.length !== document.length) {
        const at = position(source.indexOf('[') + 1);
        collector.problem('syntax', 'every element of the array must be an object such as { "date": "2026-10-01", "value": 71.4 }', at.line, at.column);
        return collector.result();
    }
    for (const element of reader.elements) {
        const at = position(element.offset);
        const cell = (name: string) => {
            const member = element.members.get(name);
            return member ? { text: member.value, ...position(member.offset) } : undefined;
        };
        const date = cell(columns.date),
            value = cell(columns.value);
        if (!date || !value) {
            const missing = !date ? columns.date : columns.value;
            collector.problem(
                'missing-column',
                `this observation has no "${missing}" member (it has ${excerpt([...element.members.keys()].map(k => `"${k}"`).join(', ')) || 'none'})` +
                    (missing === columns.value ? `: rename the member, or set 'column: "…"' on the metric` : ''),
                at.line,
                at.column,
            );
            continue;
        }
        collector.row(date, value);
    }
    return collector.result();
}
