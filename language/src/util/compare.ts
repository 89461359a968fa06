/**
 * The one ordering of ids, names, titles and paths: by UTF-16 code unit, like `Array.prototype.sort()` without a
 * comparator. Never `localeCompare`, whose answer depends on the machine's locale: output must not.
 */
export function compareIds(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** The same items in the same order (the same array, or equal copies of one). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}
