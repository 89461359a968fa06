import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { URI } from 'langium';
import { STDLIB_SOURCE, STDLIB_URI, isStdlibUri } from '../workspace/stdlib.js';
import { temporaryFileFor } from '../util/atomic-write.js';

/**
 * The standard library as a read-only file on disk, for editors that cannot open the built-in `pom-std:` document
 * (VS Code's client library has no workspace/textDocumentContent; Neovim opens it empty). Definitions, references
 * and symbols in std.pom point at this copy; the server reads the copy's URI as the built-in document, so hover
 * and go-to-definition work inside it too. The folder is named by the text's hash: versions never clash, and an
 * existing copy is reused. `POM_CACHE_DIR` moves it (default: $XDG_CACHE_HOME/pom or ~/.cache/pom).
 */
export class StdlibCopy {
    protected written: string | undefined | null = null;

    /** The copy's file: URI, written on first use; undefined if it cannot be written (then `pom-std:` is used). */
    uri(): string | undefined {
        if (this.written === null) this.written = this.write();
        return this.written;
    }

    protected write(): string | undefined {
        const hash = createHash('sha256').update(STDLIB_SOURCE).digest('hex').slice(0, 12);
        const folder = process.env.POM_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pom');
        const path = join(folder, `std-${hash}`, 'std.pom');
        try {
            let existing: string | undefined;
            try {
                existing = readFileSync(path, 'utf8');
            } catch {
                existing = undefined;
            }
            if (existing !== STDLIB_SOURCE) {
                mkdirSync(dirname(path), { recursive: true });
                // Atomically, since several servers may start at once.
                const temporary = temporaryFileFor(path);
                try {
                    writeFileSync(temporary, STDLIB_SOURCE);
                    chmodSync(temporary, 0o444);
                    renameSync(temporary, path);
                } finally {
                    rmSync(temporary, { force: true });
                }
            }
            return URI.file(path).toString();
        } catch {
            return undefined;
        }
    }

    /** How a client should see a document's URI: the copy for the built-in standard library. */
    toClient(uri: string): string {
        return isStdlibUri(uri) ? (this.uri() ?? uri) : uri;
    }

    /** The document a client's URI stands for: the built-in standard library for its copy. */
    fromClient(uri: URI): URI {
        if (uri.scheme !== 'file' || !uri.path.endsWith('/std.pom')) return uri;
        const copy = this.uri();
        return copy && uri.toString() === copy ? URI.parse(STDLIB_URI) : uri;
    }

    isCopy(uri: URI | string): boolean {
        const parsed = typeof uri === 'string' ? URI.parse(uri) : uri;
        return this.fromClient(parsed) !== parsed;
    }
}

/** The session's copy service (one per server, shared by its languages). */
export function stdlibCopyOf(services: { shared: object }): StdlibCopy {
    return (services.shared as { lsp: { StdlibCopy: StdlibCopy } }).lsp.StdlibCopy;
}
