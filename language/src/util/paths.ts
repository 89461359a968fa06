import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` lies strictly inside `folder` (not the folder itself); both resolved the same way (real paths, say). */
export function isInside(folder: string, path: string): boolean {
    const rel = relative(folder, path);
    return rel !== '' && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel);
}
