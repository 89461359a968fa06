// ELK layouts off the calling thread. elkjs runs synchronously wherever it is called and cannot be interrupted,
// and some graphs make it hang or overflow its stack; so each layout runs in a worker thread, and a layout that
// passes its deadline has its worker terminated (and replaced) instead of blocking the build.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

const require = createRequire(import.meta.url);

/**
 * A file of the elkjs package: from node_modules, or, in the VS Code extension's bundle (which ships no
 * node_modules), from the copy beside the bundle in vendor/elkjs.
 */
export function elkFile(name: string): string {
    try {
        return require.resolve(`elkjs/${name}`);
    } catch {
        return join(dirname(fileURLToPath(import.meta.url)), 'vendor', 'elkjs', name);
    }
}

/** The worker: loads elkjs's bundled build (which lays out on its own thread) and answers one job at a time. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elkPath);
const elk = new ELK();
parentPort.on('message', (job) => {
    elk.layout(job.graph).then(
        (graph) => parentPort.postMessage({ id: job.id, graph }),
        (error) => parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) }));
});
`;

export type LayoutOutcome = { status: 'done'; graph: ElkNode } | { status: 'timeout' } | { status: 'failed'; message: string };

interface Job {
    id: number;
    graph: ElkNode;
    deadlineMs: number;
    resolve: (outcome: LayoutOutcome) => void;
}

interface Slot {
    worker: Worker;
    job?: Job;
    timer?: NodeJS.Timeout;
}

/**
 * A pool of ELK workers, by default one per core but one: the calling thread works alongside them (it draws each
 * diagram as its layout arrives), and each worker compiles ELK's code afresh, a second or two of CPU before it runs
 * at full speed; on two cores a second worker made a 10k-object build's layouts slower, not faster. Call close()
 * when done, or the workers keep the process alive.
 */
export class ElkPool {
    protected readonly slots: Slot[] = [];
    protected readonly queue: Job[] = [];
    protected nextId = 0;
    protected closed = false;
    /** How many layouts ELK has been asked for: lets callers and tests see cache hits. */
    layouts = 0;

    constructor(protected readonly size = Math.max(1, availableParallelism() - 1)) {}

    layout(graph: ElkNode, deadlineMs: number): Promise<LayoutOutcome> {
        if (this.closed) return Promise.reject(new Error('the layout pool is closed'));
        this.layouts++;
        return new Promise(resolve => {
            this.queue.push({ id: this.nextId++, graph, deadlineMs, resolve });
            this.pump();
        });
    }

    /** Starts every worker now rather than at the first layout: loading ELK (a fraction of a second each) overlaps the caller's work. */
    warmUp(): void {
        if (this.closed) return;
        while (this.slots.length < this.size) this.spawn();
    }

    async close(): Promise<void> {
        this.closed = true;
        const slots = this.slots.splice(0);
        for (const slot of slots) clearTimeout(slot.timer);
        await Promise.all(slots.map(slot => slot.worker.terminate()));
    }

    protected pump(): void {
        while (this.queue.length > 0) {
            let slot = this.slots.find(candidate => !candidate.job);
            if (!slot && this.slots.length < this.size) slot = this.spawn();
            if (!slot) return;
            this.start(slot, this.queue.shift()!);
        }
    }

    protected spawn(): Slot {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { elkPath: elkFile('lib/elk.bundled.js') } });
        const slot: Slot = { worker };
        worker.on('message', (message: { id: number; graph?: ElkNode; error?: string }) => {
            const job = slot.job;
            if (!job || job.id !== message.id) return;
            this.finish(slot, message.error !== undefined ? { status: 'failed', message: message.error } : { status: 'done', graph: message.graph! });
        });
        worker.on('error', error => this.replace(slot, { status: 'failed', message: error.message }));
        worker.on('exit', () => {
            if (slot.job) this.replace(slot, { status: 'failed', message: 'the layout worker stopped' });
        });
        this.slots.push(slot);
        return slot;
    }

    protected start(slot: Slot, job: Job): void {
        slot.job = job;
        slot.timer = setTimeout(() => this.replace(slot, { status: 'timeout' }), job.deadlineMs);
        slot.worker.postMessage({ id: job.id, graph: job.graph });
    }

    protected finish(slot: Slot, outcome: LayoutOutcome): void {
        const job = slot.job;
        clearTimeout(slot.timer);
        slot.job = undefined;
        slot.timer = undefined;
        job?.resolve(outcome);
        this.pump();
    }

    /** The worker is stuck or gone: settle its job, terminate it, and let a fresh one take the queue. */
    protected replace(slot: Slot, outcome: LayoutOutcome): void {
        const index = this.slots.indexOf(slot);
        if (index < 0) return;
        this.slots.splice(index, 1);
        const job = slot.job;
        clearTimeout(slot.timer);
        slot.job = undefined;
        void slot.worker.terminate();
        job?.resolve(outcome);
        if (!this.closed) this.pump();
    }
}
