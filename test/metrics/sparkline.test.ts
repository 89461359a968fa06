import { describe, expect, it } from 'vitest';
import { sparklineSvg } from '../../language/src/metrics/sparkline.js';

const points = (svg: string) =>
    /points="([^"]*)"/
        .exec(svg)![1]
        .split(' ')
        .map(pair => pair.split(',').map(Number));

describe('sparklineSvg', () => {
    const series = [
        { date: '2026-10-01', value: 10 },
        { date: '2026-10-08', value: 20 },
        { date: '2026-10-29', value: 15 },
    ];

    it('draws one point per observation, spaced by date, highest value at the top, the latest marked', () => {
        const svg = sparklineSvg(series, { width: 100, height: 20, label: 'Checkout completion' });
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="100" height="20" viewBox="0 0 100 20"/);
        expect(svg).toContain('aria-label="Checkout completion: from 10 on 2026-10-01 to 15 on 2026-10-29"');
        const [first, second, last] = points(svg);
        expect(first[0]).toBeLessThan(second[0]);
        expect(second[0] - first[0]).toBeCloseTo((last[0] - first[0]) / 4, 5); // one week of four
        expect(second[1]).toBeLessThan(last[1]); // 20 is drawn above 15
        expect(last[1]).toBeLessThan(first[1]);
        expect(svg).toContain(`<circle cx="${last[0]}" cy="${last[1]}"`);
        expect(svg.endsWith('</svg>')).toBe(true);
    });

    it('draws a target line, the range widened to show it', () => {
        const svg = sparklineSvg(series, { height: 20, target: 40 });
        expect(svg).toContain('<line class="target" x1="0" y1="2"');
        expect(Math.min(...points(svg).map(p => p[1]))).toBeGreaterThan(2);
    });

    it('is byte-identical for the same input, and handles one point, a flat series and no data', () => {
        expect(sparklineSvg(series)).toBe(sparklineSvg([...series]));
        expect(points(sparklineSvg([{ date: '2026-10-01', value: 3 }], { width: 50, height: 10 }))).toEqual([[25, 5]]);
        expect(
            points(
                sparklineSvg(
                    [
                        { date: '2026-10-01', value: 3 },
                        { date: '2026-10-02', value: 3 },
                    ],
                    { height: 10 },
                ),
            ).map(p => p[1]),
        ).toEqual([5, 5]);
        expect(sparklineSvg([], { label: 'a < b' })).toContain('aria-label="a &lt; b: no data"');
    });
});
