import { URI } from 'langium';
import { relative, sep } from 'node:path';
import { isStdlibUri } from './stdlib.js';

/** How files are named to users: relative to the workspace root, with forward slashes. */
export class PomPaths {
    root: string | undefined;

    display(uri: URI | string): string {
        const parsed = typeof uri === 'string' ? URI.parse(uri) : uri;
        if (isStdlibUri(parsed)) return '<builtin>/std.pom';
        if (parsed.scheme !== 'file') return parsed.toString();
        const path = parsed.fsPath;
        if (!this.root) return path.split(sep).join('/');
        const rel = relative(this.root, path);
        return (rel.startsWith('..') ? path : rel).split(sep).join('/');
    }
}
