import { URI } from 'langium';
import { relative, sep } from 'node:path';
import { isStdlibUri } from './stdlib.js';

/** How the standard library's file is named to users (in diagnostics and graph locations). */
export const STDLIB_DISPLAY_PATH = '<builtin>/std.pom';

/** How files are named to users: relative to the workspace root, with forward slashes. */
export class PomPaths {
    root: string | undefined;

    display(uri: URI | string): string {
        const parsed = typeof uri === 'string' ? URI.parse(uri) : uri;
        if (isStdlibUri(parsed)) return STDLIB_DISPLAY_PATH;
        if (parsed.scheme !== 'file') return parsed.toString();
        const path = parsed.fsPath;
        if (!this.root) return path.split(sep).join('/');
        const rel = relative(this.root, path);
        return (rel.startsWith('..') ? path : rel).split(sep).join('/');
    }
}
