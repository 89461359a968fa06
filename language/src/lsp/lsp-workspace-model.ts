import { URI } from 'langium';
import { join } from 'node:path';
import { dataFormat } from '../metrics/data-file.js';
import { dataFilePaths, type DataText } from '../metrics/metrics.js';
import { readWorkspaceDataFile } from '../metrics/read-data.js';
import { PomWorkspaceModel } from '../model/workspace-model.js';
import type { PomServices } from '../pom-module.js';

/**
 * The editor's model also reads the metric data files the metrics name, as `pom check` does, so the editor shows
 * the same metric diagnostics (health-contradicted, metric-bad-date…). Each file is read once and read again
 * when the client reports it changed (PomDocumentUpdateHandler).
 */
export class PomLspWorkspaceModel extends PomWorkspaceModel {
    /** Data file texts by workspace-relative path; undefined for a file that could not be read. */
    protected readonly dataTexts = new Map<string, DataText>();

    constructor(services: PomServices) {
        super(services);
        this.metricSource = { read: path => this.dataText(path) };
    }

    protected dataText(path: string): DataText {
        if (this.dataTexts.has(path)) return this.dataTexts.get(path);
        // The same guarded read as pom check: inside the workspace, regular files, bounded size.
        const text = readWorkspaceDataFile(this.paths.root ?? '/', path);
        this.dataTexts.set(path, text);
        return text;
    }

    /** The URI of a workspace-relative data path. */
    dataUri(path: string): URI {
        return URI.file(join(this.paths.root ?? '/', ...path.split('/')));
    }

    /**
     * Forgets the data files among `changed` and returns the .pom files whose metrics read them: rebuilding
     * those rebuilds the model, which reads the files again.
     */
    dataFilesChanged(changed: readonly URI[]): URI[] {
        const paths = new Set(changed.map(uri => this.paths.display(uri)).filter(path => dataFormat(path) !== undefined));
        if (paths.size === 0) return [];
        for (const path of paths) this.dataTexts.delete(path);
        const readers = new Set<string>();
        for (const [path, files] of dataFilePaths(this.model.graph)) if (paths.has(path)) for (const file of files) readers.add(file);
        return [...readers].sort().map(file => URI.file(join(this.paths.root ?? '/', ...file.split('/'))));
    }
}
