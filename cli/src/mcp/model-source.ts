// The workspace the MCP server answers about: compiled once and kept until a file under it changes (so answers
// follow edits without a restart), or read at a git revision on request (never cached: revisions are rarely asked twice).
import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { answerFromGraph, ask, type AskResult, type CompileResult, compileWorkspace } from '../../../language/src/index.js';
import { atRevision, compileAt } from '../revision.js';

export class ModelSource {
    readonly root: string;
    private current: Promise<CompileResult> | undefined;
    private watcher: FSWatcher | undefined;
    /** Called after a change under the workspace drops the compiled model. */
    onChange: (() => void) | undefined;

    constructor(dir: string) {
        this.root = resolve(dir);
    }

    /** Watches the workspace folder; any change to a .pom or data file invalidates the compiled model. */
    watch(): void {
        if (this.watcher) return;
        try {
            this.watcher = watch(this.root, { recursive: true }, (_event, file) => {
                if (file && /(^|[\\/])(\.git|node_modules|out)([\\/]|$)/.test(file)) return;
                this.current = undefined;
                this.onChange?.();
            });
            this.watcher.on('error', () => {
                this.current = undefined;
            });
        } catch {
            // No recursive watching on this platform: answers are recompiled each time instead.
            this.watcher = undefined;
        }
    }

    close(): void {
        this.watcher?.close();
        this.watcher = undefined;
    }

    /** The compiled workspace: the working tree (cached while nothing changes), or as it was at `rev`. */
    async model(rev?: string): Promise<CompileResult> {
        if (rev) return compileAt(this.root, rev);
        if (!this.watcher) return compileWorkspace(this.root);
        const compiling = (this.current ??= compileWorkspace(this.root));
        try {
            return await compiling;
        } catch (error) {
            if (this.current === compiling) this.current = undefined;
            throw error;
        }
    }

    /**
     * A question answered exactly as `pom query` answers it. Lineage and a declared query's name are answered from a
     * model already compiled (`model`, compiled for `rev`; else the cached working tree); a written selector is
     * compiled with the workspace, as pom query does.
     */
    async ask(question: string, rev?: string, model?: CompileResult): Promise<AskResult> {
        const compiled = model ?? (rev === undefined && this.watcher ? await this.model() : undefined);
        const answer = compiled && answerFromGraph(compiled.graph, question);
        if (compiled && answer) {
            return { answer, modelErrors: compiled.diagnostics.filter(d => d.severity === 'error').length, graph: compiled.graph };
        }
        return atRevision(this.root, rev, folder => ask(folder, question));
    }
}
