// What a series of observations says about an intent: its current value, its trend, where the plan says it
// should be by now, and whether it is on track. Pure arithmetic on dates and numbers; no clock is read.
import type { DataPoint, MetricReading } from '../graph/model.js';

export type MetricDirection = MetricReading['direction'];
export type MetricTrend = MetricReading['trend'];
export type TrackStatus = NonNullable<MetricReading['status']>;

export interface TrackPlan {
    /** Which way is good. */
    direction?: MetricDirection;
    /** The value progress is measured from; the first observation in the window when absent. */
    baseline?: number;
    target?: number;
    /** The window in which the target is to be reached (ISO dates). */
    start?: string;
    end?: string;
}

export type Derived = Omit<MetricReading, 'metric' | 'unit'>;

/** How many of the latest observations the trend is fitted to. */
export const TREND_POINTS = 5;
/** A fitted change smaller than this share of the values' size is flat. */
export const FLAT_SHARE = 0.005;
/** Behind the plan by at most this share of the planned change (target − baseline) is still on track: noise. */
export const ON_TRACK_SLACK = 0.05;
/** Behind by more than the slack and at most this share is at risk; further behind is off track. */
export const AT_RISK_SHARE = 0.15;

const DAY = 86_400_000;
const days = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** The trend of the latest observations: the sign of a least-squares line through them, by date. */
export function trendOf(points: DataPoint[]): MetricTrend {
    const recent = points.slice(-TREND_POINTS);
    if (recent.length < 2) return 'flat';
    const xs = recent.map(p => days(p.date)),
        ys = recent.map(p => p.value);
    const meanX = xs.reduce((a, b) => a + b, 0) / xs.length,
        meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
    let covariance = 0,
        variance = 0;
    for (let i = 0; i < xs.length; i++) {
        covariance += (xs[i] - meanX) * (ys[i] - meanY);
        variance += (xs[i] - meanX) ** 2;
    }
    const change = (covariance / variance) * (xs[xs.length - 1] - xs[0]);
    const size = ys.reduce((largest, y) => Math.max(largest, Math.abs(y)), 0);
    if (Math.abs(change) <= FLAT_SHARE * size) return 'flat';
    return change > 0 ? 'up' : 'down';
}

/** Status of the series as it stood at its last point. */
function statusAt(
    points: DataPoint[],
    plan: Required<Pick<TrackPlan, 'direction'>> & TrackPlan,
    baseline: number,
    target: number,
): { status: TrackStatus; expected?: number } {
    const last = points[points.length - 1];
    const sign = plan.direction === 'increase' ? 1 : -1;
    if (sign * (last.value - target) >= 0) return { status: 'on-track' };
    if (plan.start && plan.end && days(plan.end) > days(plan.start) && target !== baseline) {
        const elapsed = Math.min(1, Math.max(0, (days(last.date) - days(plan.start)) / (days(plan.end) - days(plan.start))));
        const expected = baseline + (target - baseline) * elapsed;
        const behind = (sign * (expected - last.value)) / Math.abs(target - baseline);
        return { status: behind <= ON_TRACK_SLACK ? 'on-track' : behind <= AT_RISK_SHARE ? 'at-risk' : 'off-track', expected: round(expected) };
    }
    // No window to pace against: on track while it moves toward the target.
    const trend = trendOf(points);
    if (trend === 'flat') return { status: 'at-risk' };
    return { status: (trend === 'up') === sign > 0 ? 'on-track' : 'off-track' };
}

/** Enough digits for any metric, few enough that the JSON does not show float noise. */
function round(value: number): number {
    return Number(value.toPrecision(12));
}

/** Derives what `points` (sorted by date, not empty) say against `plan`. */
export function derive(points: DataPoint[], plan: TrackPlan): Derived {
    const current = points[points.length - 1];
    const inWindow = plan.start ? points.filter(p => p.date >= plan.start!) : points;
    const baseline = plan.baseline ?? (inWindow[0] ?? points[0]).value;
    const direction: MetricDirection = plan.direction ?? (plan.target !== undefined && plan.target < baseline ? 'decrease' : 'increase');
    const result: Derived = { current, trend: trendOf(points), direction, baseline };
    if (plan.start) result.start = plan.start;
    if (plan.end) result.end = plan.end;
    if (plan.target === undefined) return result;
    result.target = plan.target;
    const full = { ...plan, direction };
    const now = statusAt(points, full, baseline, plan.target);
    result.status = now.status;
    if (now.expected !== undefined) result.expected = now.expected;
    // Walk back while the status was the same, to say since when it has been so.
    let since = current.date;
    for (let last = points.length - 2; last >= 0; last--) {
        const upTo = points.slice(Math.max(0, last + 1 - TREND_POINTS), last + 1);
        if (statusAt(upTo, full, baseline, plan.target).status !== now.status) break;
        since = points[last].date;
    }
    result.since = since;
    return result;
}
