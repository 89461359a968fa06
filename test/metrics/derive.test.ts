import { describe, expect, it } from 'vitest';
import { derive, trendOf } from '../../language/src/metrics/derive.js';

const weekly = (start: string, values: number[]) =>
    values.map((value, i) => {
        const date = new Date(Date.parse(`${start}T00:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10);
        return { date, value };
    });

describe('trend', () => {
    it('follows the latest observations, not the first ones', () => {
        expect(trendOf(weekly('2026-10-01', [50, 60, 70, 71, 72, 73, 74]))).toBe('up');
        expect(trendOf(weekly('2026-10-01', [10, 9, 8, 9, 10, 11, 12, 11, 10, 9, 8]))).toBe('down');
    });

    it('is flat for a single observation or changes under half a percent', () => {
        expect(trendOf(weekly('2026-10-01', [5]))).toBe('flat');
        expect(trendOf(weekly('2026-10-01', [100, 100.1, 99.9, 100.2, 100.1]))).toBe('flat');
    });
});

describe('derived values against a plan', () => {
    // Q4: baseline 70 on 2026-10-01, target 80 by 2026-12-31 (91 days); on 2026-11-12 (day 42) the plan expects 70 + 10 * 42/91.
    const plan = { baseline: 70, target: 80, start: '2026-10-01', end: '2026-12-31', direction: 'increase' as const };

    it('is on track when at or ahead of the straight line from baseline to target', () => {
        const derived = derive(weekly('2026-10-01', [70, 71, 72, 73, 74, 75, 76]), plan);
        expect(derived).toMatchObject({ current: { date: '2026-11-12', value: 76 }, trend: 'up', status: 'on-track', baseline: 70, target: 80 });
        expect(derived.expected).toBeCloseTo(70 + (10 * 42) / 91, 6);
    });

    it('is at risk when a little behind, off track when further behind, and says since when', () => {
        // expected on 2026-11-12 is ~74.6; 5% of the planned change is 0.5, 15% is 1.5.
        expect(derive(weekly('2026-10-01', [70, 71, 72, 73, 73.5, 74, 74]), plan).status).toBe('at-risk');
        const late = derive(weekly('2026-10-01', [70, 71.5, 72, 72, 72, 72, 72]), plan);
        expect(late.status).toBe('off-track');
        // 72 against the plan: 2026-10-22 expects ~72.3 (within the slack), 2026-10-29 ~73.1 (at risk), 2026-11-05 ~73.8 (off track).
        expect(late.since).toBe('2026-11-05');
    });

    it('reads a decrease the right way round, and a reached target is on track', () => {
        const down = { baseline: 2.1, target: 1.4, start: '2026-10-01', end: '2026-12-31' };
        expect(derive(weekly('2026-10-01', [2.1, 2.0, 1.9, 1.8, 1.7, 1.6, 1.5]), down)).toMatchObject({ direction: 'decrease', status: 'on-track' });
        expect(derive(weekly('2026-10-01', [2.1, 2.2, 2.3, 2.3, 2.2, 2.3, 2.3]), down)).toMatchObject({
            direction: 'decrease',
            status: 'off-track',
            since: '2026-10-08',
        });
        expect(derive(weekly('2026-10-01', [70, 81]), plan).status).toBe('on-track');
    });

    it('without a window, is on track while moving toward the target and off track while moving away', () => {
        expect(derive(weekly('2026-10-01', [10, 11, 12, 13]), { target: 20 })).toMatchObject({ status: 'on-track', baseline: 10, direction: 'increase' });
        expect(derive(weekly('2026-10-01', [10, 9, 8, 7]), { target: 20, baseline: 10 })).toMatchObject({ status: 'off-track', since: '2026-10-08' });
        expect(derive(weekly('2026-10-01', [10, 10, 10]), { target: 20 }).status).toBe('at-risk');
    });

    it('has no status without a target, only the current value and trend', () => {
        const derived = derive(weekly('2026-10-01', [3, 4]), {});
        expect(derived).toEqual({ current: { date: '2026-10-08', value: 4 }, trend: 'up', direction: 'increase', baseline: 3 });
    });
});
