import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

// node:crypto is loaded when first used (process.getBuiltinModule): `pom check` writes nothing, and loading it
// cost every command about 50 of Node's internal modules at start-up.
const crypto = () => process.getBuiltinModule('node:crypto');

// Synchronous: pom's writers are batch commands that write thousands of files in a row (a 10k-object site is about
// 11,000), where the promise API's trips through the thread pool cost twice the time of the writes themselves.

/**
 * Writes through a temporary file in the same folder and renames it into place, so readers never see a
 * half-written file and a failed build leaves the previous output intact. Unchanged files are not rewritten.
 * True when the file was written.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): boolean {
    // Compared as bytes: encoding the content once is cheaper than decoding the file, and the bytes are what is written.
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    if (readIfPresent(path)?.equals(bytes)) return false;
    mkdirSync(dirname(path), { recursive: true });
    return replaceFile(path, bytes);
}

function readIfPresent(path: string): Buffer | undefined {
    try {
        return readFileSync(path);
    } catch {
        return undefined;
    }
}

/** The temporary file an atomic write of `path` goes through: hidden, beside it (so the rename stays on one file system), unique. */
export function temporaryFileFor(path: string): string {
    return join(dirname(path), `.${basename(path)}.${randomHex()}.tmp`);
}

/** Random bytes drawn a thousand names at a time: one call to the system's generator per file cost more than the write. */
let randomPool = Buffer.alloc(0);
let randomAt = 0;

/** Twelve random hex digits. */
function randomHex(): string {
    if (randomAt + 6 > randomPool.length) {
        randomPool = crypto().randomBytes(6 * 1024);
        randomAt = 0;
    }
    randomAt += 6;
    return randomPool.toString('hex', randomAt - 6, randomAt);
}

/** Whether a file name is that of a temporary file from temporaryFileFor, such as a killed writer leaves behind. */
export function isTemporaryFileName(name: string): boolean {
    return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

/** The atomic part alone, for a writer that knows the folder exists and the file is new or different. */
export function replaceFile(path: string, content: string | Uint8Array): true {
    const temporary = temporaryFileFor(path);
    try {
        writeFileSync(temporary, content);
        renameSync(temporary, path);
    } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
    }
    return true;
}

/** The longest file name stem pom writes: file systems allow 255 bytes, and the temporary name adds about 20. */
export const MAX_FILE_STEM = 160;

/**
 * A file name stem from an id, short enough for any file system: a long one (deeply nested object ids) keeps its
 * start and ends with a hash of the whole, so that distinct ids keep distinct files.
 */
export function boundedFileName(stem: string): string {
    if (Buffer.byteLength(stem) <= MAX_FILE_STEM) return stem;
    const hash = crypto().createHash('sha256').update(stem).digest('hex').slice(0, 16);
    return `${stem.slice(0, MAX_FILE_STEM - 17)}~${hash}`;
}
