import { describe, expect, it } from 'vitest';
import { parseCsvData, parseJsonData } from '../../language/src/metrics/data-file.js';

describe('CSV data files', () => {
    it('reads date and value columns in any order and case, sorted by date, with quotes, CRLF and a BOM', () => {
        const parsed = parseCsvData(
            '\uFEFFValue,"Date",note\r\n71.9,2026-10-08,"a, quoted ""note"""\r\n71.4,2026-10-01,\r\n\r\n-3e1,2026-10-15T00:00:00Z,x\r\n',
        );
        expect(parsed.problems).toEqual([]);
        expect(parsed.points).toEqual([
            { date: '2026-10-01', value: 71.4 },
            { date: '2026-10-08', value: 71.9 },
            { date: '2026-10-15', value: -30 },
        ]);
    });

    it('reads a file without quotes the same way, CRLF and positions included', () => {
        const parsed = parseCsvData('value,date\r\n1,2026-10-01\r\n\r\nx,2026-10-08\r\n');
        expect(parsed.points).toEqual([{ date: '2026-10-01', value: 1 }]);
        expect(parsed.problems.map(p => [p.kind, p.line, p.column])).toEqual([['bad-number', 4, 1]]);
    });

    it('treats an empty value as a gap, not an observation', () => {
        const parsed = parseCsvData('date,value\n2026-10-01,1\n2026-10-08,\n2026-10-15,3\n');
        expect(parsed.problems).toEqual([]);
        expect(parsed.points.map(p => p.date)).toEqual(['2026-10-01', '2026-10-15']);
    });

    it('reads the value column the metric names', () => {
        const parsed = parseCsvData('date,signups,visits\n2026-10-01,5,100\n', { date: 'date', value: 'signups' });
        expect(parsed.points).toEqual([{ date: '2026-10-01', value: 5 }]);
    });

    it('reports a bad date at its row and column, and says how to write it', () => {
        const parsed = parseCsvData('date,value\n2026-10-01,1\n01/10/2026,2\n2026-02-30,3\n');
        expect(parsed.problems).toEqual([
            { kind: 'bad-date', line: 3, column: 1, message: expect.stringContaining("'01/10/2026' is not a date: write it as YYYY-MM-DD") },
            { kind: 'bad-date', line: 4, column: 1, message: expect.stringContaining('2026-02 has no day 30') },
        ]);
        expect(parsed.points).toEqual([{ date: '2026-10-01', value: 1 }]);
    });

    it('reports a wrong number at its cell, with a hint for separators and percent signs', () => {
        const parsed = parseCsvData('date,value\n2026-10-01,"1,234.5"\n2026-10-08,71%\n2026-10-15,n/a\n');
        expect(parsed.problems.map(p => [p.kind, p.line, p.column])).toEqual([
            ['bad-number', 2, 12],
            ['bad-number', 3, 12],
            ['bad-number', 4, 12],
        ]);
        expect(parsed.problems[0].message).toContain('thousands separators');
        expect(parsed.problems[1].message).toContain('drop the "%"');
        expect(parsed.problems[2].message).toContain("'n/a' is not a number");
    });

    it('reports a missing column at the header, naming the columns there are', () => {
        const parsed = parseCsvData('day,value\n2026-10-01,1\n');
        expect(parsed.problems).toEqual([
            { kind: 'missing-column', line: 1, column: 1, message: expect.stringContaining("no column 'date' in the header (day, value)") },
        ]);
        const noValue = parseCsvData('date,count\n2026-10-01,1\n');
        expect(noValue.problems[0].message).toContain(`set 'column: "…"' on the metric`);
    });

    it('reports an empty file, a header without rows, short rows and duplicate dates', () => {
        expect(parseCsvData('').problems.map(p => p.kind)).toEqual(['empty']);
        expect(parseCsvData('  \n\n').problems.map(p => p.kind)).toEqual(['empty']);
        expect(parseCsvData('date,value\n').problems.map(p => p.kind)).toEqual(['empty']);
        expect(parseCsvData('date,value\n2026-10-01\n').problems).toEqual([
            { kind: 'syntax', line: 2, column: 11, message: expect.stringContaining('this row has 1 cell, the header 2') },
        ]);
        expect(parseCsvData('date,value\n2026-10-01,1\n2026-10-01,2\n').problems).toEqual([
            { kind: 'duplicate-date', line: 3, column: 1, message: expect.stringContaining('has a value already, on line 2') },
        ]);
    });
});

describe('JSON data files', () => {
    it('reads an array of observations; numbers may be quoted, null is a gap', () => {
        const parsed = parseJsonData(
            '[\n  {"date": "2026-10-08", "value": "71.9"},\n  {"date": "2026-10-01", "value": 71.4},\n  {"date": "2026-10-15", "value": null}\n]',
        );
        expect(parsed.problems).toEqual([]);
        expect(parsed.points).toEqual([
            { date: '2026-10-01', value: 71.4 },
            { date: '2026-10-08', value: 71.9 },
        ]);
    });

    it('reports bad dates, wrong numbers and missing members at the value or the observation', () => {
        const text =
            '[\n  {"date": "2026-13-01", "value": 1},\n  {"date": "2026-10-01", "value": true},\n  {"date": "2026-10-08"},\n  {"date": 20261015, "value": 2}\n]';
        expect(parseJsonData(text).problems.map(p => [p.kind, p.line, p.column])).toEqual([
            ['bad-date', 2, 12],
            ['bad-number', 3, 35],
            ['missing-column', 4, 3],
            ['bad-date', 5, 12],
        ]);
        expect(parseJsonData(text).problems[2].message).toContain('has no "value" member (it has "date")');
    });

    it('reports a syntax error at its line and column, and a wrong shape or an empty file plainly', () => {
        expect(parseJsonData('[\n  {"date": "2026-10-01", "value": 1}\n  {"date": "2026-10-08", "value": 2}\n]').problems).toEqual([
            { kind: 'syntax', line: 3, column: 3, message: "not valid JSON: expected ',' or ']' but found '{'" },
        ]);
        expect(parseJsonData('{"date": "2026-10-01", "value": 1}').problems.map(p => p.kind)).toEqual(['syntax']);
        expect(parseJsonData('[1, 2]').problems.map(p => p.kind)).toEqual(['syntax']);
        expect(parseJsonData('').problems.map(p => p.kind)).toEqual(['empty']);
        expect(parseJsonData('[]').problems.map(p => p.kind)).toEqual(['empty']);
    });

    it('reads the member the metric names', () => {
        expect(parseJsonData('[{"day": "2026-10-01", "rate": 0.5}]', { date: 'day', value: 'rate' }).points).toEqual([{ date: '2026-10-01', value: 0.5 }]);
    });
});
