import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POM, SERVING_AT, startPom } from '../cli-run.js';
import { ACME } from '../helpers.js';

let server: ChildProcess | undefined;

afterEach(() => {
    server?.kill('SIGTERM');
    server = undefined;
});

/** Starts `pom serve` on a free port and resolves with its URL once it listens. */
function serve(dir: string): Promise<string> {
    const started = startPom(['serve', dir, '--port', '0'], SERVING_AT);
    server = started.child;
    return started.ready;
}

/** Reads server-sent events until one named `reload` arrives. */
async function nextReload(url: string, onOpen: () => void): Promise<string> {
    const response = await fetch(new URL('__pom/events', url));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    let buffer = '';
    let opened = false;
    for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`event stream ended: ${buffer}`);
        buffer += new TextDecoder().decode(value);
        if (!opened) {
            opened = true;
            onOpen();
        }
        const event = /event: reload\ndata: (\d+)/.exec(buffer);
        if (event) {
            await reader.cancel();
            return event[1];
        }
    }
}

describe('pom serve', () => {
    it('serves the site with the live-reload script, and rebuilds and signals a reload when a .pom file changes', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pom-serve-'));
        cpSync(ACME, dir, { recursive: true });
        const url = await serve(dir);
        const home = await fetch(url);
        expect(home.status).toBe(200);
        expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
        const page = await home.text();
        expect(page).toContain('Successful payment volume');
        expect(page).toContain('assets/live-reload.js');
        expect((await fetch(new URL('assets/live-reload.js', url))).status).toBe(200);
        expect((await fetch(new URL('no/such/page.html', url))).status).toBe(404);

        const strategy = join(dir, 'strategy', 'strategy.pom');
        const generation = await nextReload(url, () => {
            writeFileSync(strategy, readFileSync(strategy, 'utf8').replace('"Successful payment volume"', '"Captured payment volume"'));
        });
        expect(Number(generation)).toBeGreaterThan(0);
        const rebuilt = await (await fetch(url)).text();
        expect(rebuilt).toContain('Captured payment volume');
        expect(rebuilt).not.toContain('Successful payment volume');
    });

    it('rejects a port that is not a number', async () => {
        const child = spawn(process.execPath, [POM, 'serve', ACME, '--port', 'http'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
        });
        const code = await new Promise(r => child.on('exit', r));
        expect(code).toBe(2);
        expect(stderr).toContain('a port is a number from 0 to 65535');
    });
});
