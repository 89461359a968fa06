/** Whole days from one ISO date (yyyy-mm-dd) to another, in UTC; undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return Number.isNaN(a) || Number.isNaN(b) ? undefined : Math.round((b - a) / 86_400_000);
}
