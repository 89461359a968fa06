import { promises as fs } from 'node:fs';
import { temporaryFileFor } from '../../language/src/index.js';

/**
 * Rewrites a source file in place for `pom fmt`: through a symbolic link to the file it names (the link stays a
 * link), atomically (a temporary file beside the real one, renamed over it), and with the file's mode and, where
 * allowed, its owner and group kept. Anything but a regular file is refused.
 */
export async function rewriteSourceFile(path: string, content: string): Promise<void> {
    const real = await fs.realpath(path);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new Error('not a regular file');
    const temporary = temporaryFileFor(real);
    try {
        await fs.writeFile(temporary, content, { mode: stat.mode & 0o7777, flag: 'wx' });
        await fs.chmod(temporary, stat.mode & 0o7777); // the umask narrowed the mode writeFile gave
        // Only root may give a file away; others keep their own ownership, which is the file's already.
        if (process.getuid?.() === 0) await fs.chown(temporary, stat.uid, stat.gid).catch(() => undefined);
        await fs.rename(temporary, real);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
    }
}

/** The text of a .pom file to format, refusing what is not a regular file (a FIFO would block the read forever). */
export async function readSourceFile(path: string): Promise<string> {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new Error('not a regular file (a FIFO, a device or a socket): pom fmt reads only regular files');
    return fs.readFile(path, 'utf8');
}
