// Issue 11, case 5: pom serve never dies on a request, answers only local hosts, watches for real, and serves what
// its Content-Security-Policy allows.
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../cli/src/commands/serve.js';
import { SERVING_AT, startPom } from '../cli-run.js';
import { ACME } from '../helpers.js';

let server: ChildProcess | undefined;
afterEach(() => {
    server?.kill('SIGTERM');
    server = undefined;
});

function serve(dir: string, whileStarting?: () => void): Promise<string> {
    const started = startPom(['serve', dir, '--port', '0'], SERVING_AT, whileStarting);
    server = started.child;
    return started.ready;
}

/** A raw GET, so that the path and the Host header are sent exactly as given. */
function get(url: string, path: string, host?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolveGet, reject) => {
        const req = request({ hostname, port, path, headers: host ? { host } : {} }, response => {
            let body = '';
            response.on('data', chunk => {
                body += String(chunk);
            });
            response.on('end', () => resolveGet({ status: response.statusCode!, headers: response.headers, body }));
        });
        req.on('error', reject);
        req.end();
    });
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
        if (await check()) return true;
        await new Promise(r => setTimeout(r, 200));
    }
    return false;
}

describe('pom serve under hostile requests', () => {
    it('survives a malformed path, refuses foreign Host names, and serves the favicon', async () => {
        const url = await serve(ACME);
        expect((await get(url, '/%')).status).toBe(400);
        expect((await get(url, '/%E0%A4%A')).status).toBe(400);
        expect((await get(url, '/')).status).toBe(200); // still alive
        const rebinding = await get(url, '/graph.json', 'evil.example:4321');
        expect(rebinding.status).toBe(421);
        expect((await get(url, '/', 'evil.example')).body).not.toContain('Successful payment volume');
        expect((await get(url, '/', `localhost:${new URL(url).port}`)).status).toBe(200);
        const favicon = await get(url, '/assets/favicon.svg');
        expect(favicon.status).toBe(200);
        expect(favicon.headers['content-type']).toBe('image/svg+xml');
    });

    it("sends each view page the policy of the page itself, which allows its diagram's style by hash", async () => {
        const url = await serve(ACME);
        const page = await get(url, '/v/strategy.html');
        expect(page.status).toBe(200);
        const header = String(page.headers['content-security-policy']);
        const style = /<svg[\s\S]*?<style(?:\s[^>]*)?>([\s\S]*?)<\/style>/.exec(page.body)?.[1];
        expect(style).toBeDefined();
        const { createHash } = await import('node:crypto');
        const text = style!.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
        expect(header).toContain(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
        expect(header).toContain("script-src 'self'");
    });

    it('rebuilds when a file is saved by rename, and when a metric data file changes', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pom-serve-'));
        cpSync(ACME, dir, { recursive: true });
        const url = await serve(dir);
        const strategy = join(dir, 'strategy', 'strategy.pom');
        // As editors and git checkout save: a new file renamed over the old one.
        writeFileSync(`${strategy}.swp`, readFileSync(strategy, 'utf8').replace('"Successful payment volume"', '"Renamed payment volume"'));
        renameSync(`${strategy}.swp`, strategy);
        expect(await until(async () => (await get(url, '/')).body.includes('Renamed payment volume'), 45_000)).toBe(true);

        const data = join(dir, 'data', 'checkout-completion.csv');
        const before = (await get(url, '/graph.json')).status;
        expect(before).toBe(404); // the site has no graph.json; the page of the metric shows the data
        const page = '/o/acme.strategy.checkout-completion-rate.html';
        expect((await get(url, page)).body).not.toContain('99.5');
        writeFileSync(data, readFileSync(data, 'utf8') + '2026-11-30,99.5,190000\n');
        expect(await until(async () => (await get(url, page)).body.includes('99.5'), 45_000)).toBe(true);
    }, 150_000);

    it('serves a change saved while the first build runs', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pom-serve-'));
        cpSync(ACME, dir, { recursive: true });
        const strategy = join(dir, 'strategy', 'strategy.pom');
        const url = await serve(dir, () => {
            writeFileSync(strategy, readFileSync(strategy, 'utf8').replace('"Successful payment volume"', '"Early payment volume"'));
        });
        expect(await until(async () => (await get(url, '/')).body.includes('Early payment volume'), 45_000)).toBe(true);
    }, 90_000);

    it('builds once for a change that brings in a new metric data file, then stays idle', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pom-serve-'));
        cpSync(ACME, dir, { recursive: true });
        const started = startPom(['serve', dir, '--port', '0'], SERVING_AT);
        server = started.child;
        let stderr = '';
        started.child.stderr!.on('data', chunk => {
            stderr += String(chunk);
        });
        const url = await started.ready;
        const builds = () => stderr.split('\n').filter(line => / in \d+ files?$/.test(line)).length;
        writeFileSync(join(dir, 'data', 'fraud-loss.csv'), 'date,value\n2026-11-02,7.25\n');
        const metrics = join(dir, 'strategy', 'metrics.pom');
        writeFileSync(
            metrics,
            readFileSync(metrics, 'utf8').replace('query: "fraud.chargeback_loss_bps"', 'query: "fraud.chargeback_loss_bps"\n  data: "../data/fraud-loss.csv"'),
        );
        const page = '/o/acme.strategy.fraud-loss.html';
        expect(await until(async () => (await get(url, page)).body.includes('7.25'), 45_000)).toBe(true);
        const afterRebuild = builds();
        await new Promise(r => setTimeout(r, 3500)); // three polls: nothing changed, so nothing is built
        expect(builds()).toBe(afterRebuild);
    }, 90_000);
});

describe('isAllowedHost', () => {
    it('allows loopback names and the listening address only', () => {
        expect(isAllowedHost('localhost:4321', '127.0.0.1')).toBe(true);
        expect(isAllowedHost('127.0.0.1:4321', '127.0.0.1')).toBe(true);
        expect(isAllowedHost('[::1]:4321', '127.0.0.1')).toBe(true);
        expect(isAllowedHost('app.localhost', '127.0.0.1')).toBe(true);
        expect(isAllowedHost('192.168.1.5:4321', '192.168.1.5')).toBe(true);
        expect(isAllowedHost('attacker.example', '127.0.0.1')).toBe(false);
        expect(isAllowedHost('localhost.attacker.example', '127.0.0.1')).toBe(false);
        expect(isAllowedHost(undefined, '127.0.0.1')).toBe(false);
        expect(isAllowedHost('a b', '127.0.0.1')).toBe(false);
    });
});
