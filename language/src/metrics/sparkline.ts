// A small inline chart of a metric's series, for object pages of the site. Pure: series in, SVG text out,
// byte-identical for the same input.
import type { DataPoint } from '../graph/model.js';

export interface SparklineOptions {
    width?: number;
    height?: number;
    /** Drawn as a dashed horizontal line when it falls in (or widens) the chart's range. */
    target?: number;
    /** Accessible name of the chart; "from A to B" is added. */
    label?: string;
}

const PAD = 2;

const fixed = (value: number) => {
    const text = value.toFixed(2).replace(/\.?0+$/, '');
    return text === '-0' ? '0' : text;
};

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG sparkline: x by date, y by value, the latest point marked. An empty series gives an empty frame. */
export function sparklineSvg(series: readonly DataPoint[], options: SparklineOptions = {}): string {
    const width = options.width ?? 120,
        height = options.height ?? 24;
    const first = series[0],
        last = series[series.length - 1];
    const label = escapeXml(
        [options.label, first ? `from ${first.value} on ${first.date} to ${last.value} on ${last.date}` : 'no data'].filter(Boolean).join(': '),
    );
    const open = `<svg xmlns="http://www.w3.org/2000/svg" class="pom-sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">`;
    if (!first) return `${open}</svg>`;
    const time = (date: string) => Date.parse(`${date}T00:00:00Z`);
    const values = series.map(p => p.value).concat(options.target === undefined ? [] : [options.target]);
    // A loop, not Math.min(...values): a series may hold more observations than the stack holds arguments.
    let low = Infinity,
        high = -Infinity;
    for (const value of values) {
        if (value < low) low = value;
        if (value > high) high = value;
    }
    const t0 = time(first.date),
        t1 = time(last.date);
    const x = (date: string) => (t1 === t0 ? width / 2 : PAD + ((time(date) - t0) / (t1 - t0)) * (width - 2 * PAD));
    const y = (value: number) => (high === low ? height / 2 : height - PAD - ((value - low) / (high - low)) * (height - 2 * PAD));
    const parts = [open];
    if (options.target !== undefined) {
        const ty = fixed(y(options.target));
        parts.push(`<line class="target" x1="0" y1="${ty}" x2="${width}" y2="${ty}" stroke="currentColor" stroke-opacity="0.4" stroke-dasharray="2 2"/>`);
    }
    const points = series.map(p => `${fixed(x(p.date))},${fixed(y(p.value))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>`);
    parts.push(`<circle cx="${fixed(x(last.date))}" cy="${fixed(y(last.value))}" r="2" fill="currentColor"/>`);
    parts.push('</svg>');
    return parts.join('');
}
