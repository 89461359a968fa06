// Reading metric data files from disk, for the batch compiler and the language server alike. A data path comes
// from the model (an attacker's pull request, say), so the file is only read if it is what it claims to be: a
// regular file inside the workspace, of a sensible size.
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from '../util/paths.js';
import type { DataText } from './metrics.js';

/** The largest data file pom reads (10 MiB: about half a million observations). */
export const MAX_DATA_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Reads the workspace-relative data file `path` under `root`: its text; undefined when it does not exist; or why
 * it is refused. Symbolic links are resolved and refused when they lead outside the workspace; devices, FIFOs
 * and sockets are refused without being opened for a blocking read; so is anything above MAX_DATA_FILE_BYTES.
 */
export function readWorkspaceDataFile(root: string, path: string, maxBytes = MAX_DATA_FILE_BYTES): DataText {
    const file = join(root, ...path.split('/'));
    let real: string, realRoot: string;
    try {
        real = realpathSync(file);
        realRoot = realpathSync(root);
    } catch {
        return undefined; // reported as metric-data-missing
    }
    if (!isInside(realRoot, real)) {
        return { refused: 'it is a symbolic link to a file outside the workspace; keep data files inside it' };
    }
    let fd: number;
    try {
        // Non-blocking: opening a FIFO for reading would otherwise wait forever for a writer.
        fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'ENOENT' ? undefined : { refused: `it cannot be read (${code ?? 'error'})` };
    }
    try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) return { refused: 'it is not a regular file (a device, a FIFO, a socket or a folder)' };
        if (stat.size > maxBytes) {
            return { refused: `it is ${megabytes(stat.size)}, more than the ${megabytes(maxBytes)} pom reads; export fewer observations` };
        }
        // Read at most one byte past the cap: a file that grows while it is read is still bounded.
        const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
        let length = 0;
        for (;;) {
            const read = readSync(fd, buffer, length, buffer.length - length, null);
            if (read === 0) break;
            length += read;
            if (length === buffer.length) {
                return { refused: `it is more than the ${megabytes(maxBytes)} pom reads; export fewer observations` };
            }
        }
        return buffer.subarray(0, length).toString('utf8');
    } catch (error) {
        return { refused: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    } finally {
        closeSync(fd);
    }
}

function megabytes(bytes: number): string {
    return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
