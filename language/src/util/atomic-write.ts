import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes through a temporary file in the same folder and renames it into place, so readers never see a
 * half-written file and a failed build leaves the previous output intact. Unchanged files are not rewritten.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<boolean> {
    if (typeof content === 'string') {
        const existing = await fs.readFile(path, 'utf8').catch(() => undefined);
        if (existing === content) return false;
    } else {
        const existing = await fs.readFile(path).catch(() => undefined);
        if (existing?.equals(content)) return false;
    }
    await fs.mkdir(dirname(path), { recursive: true });
    return replaceFile(path, content);
}

/** The atomic part alone, for a writer that knows the folder exists and the file is new or different. */
export async function replaceFile(path: string, content: string | Uint8Array): Promise<true> {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
        await fs.writeFile(temporary, content);
        await fs.rename(temporary, path);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
    }
    return true;
}
