/** JSON with object keys sorted at every level, two-space indented, ending in a newline: byte-stable output. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === 'object') {
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            const item = (value as Record<string, unknown>)[key];
            if (item !== undefined) sorted[key] = sortKeys(item);
        }
        return sorted;
    }
    return value;
}
