// Issue 11, cases 2 and 3: metric data is read only from regular files inside the workspace, of bounded size.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pom, workspace } from '../cli-run.js';
import { readWorkspaceDataFile } from '../../language/src/metrics/read-data.js';

const model = (path: string) => ({
    'm.pom': `package m\nmetric env "E" {\n  source: "ci"\n  data: "${path}"\n}\n`,
});

describe('metric data files', () => {
    it('refuses a data file linked outside the workspace, and prints nothing of it', async () => {
        for (const target of ['/proc/self/environ', '/etc/passwd']) {
            const dir = workspace(model('data/env.csv'));
            mkdirSync(join(dir, 'data'));
            symlinkSync(target, join(dir, 'data', 'env.csv'));
            const result = await pom(['check', '.', '--format', 'json'], dir);
            expect(result.code).toBe(1);
            expect(result.stdout).toContain(
                "Metric 'm.env' reads data/env.csv, which pom does not read: it is a symbolic link to a file outside the workspace",
            );
            expect(result.stdout).not.toMatch(/PATH=|root:x:0/);
            const built = await pom(['build', '.', '--out', join(dir, 'site'), '--no-site'], dir);
            expect(built.stdout + built.stderr).not.toMatch(/PATH=|root:x:0/);
        }
    });

    it('follows a link that stays inside the workspace', async () => {
        const dir = workspace({ ...model('data/link.csv'), 'data/real.csv': 'date,value\n2026-10-01,1\n' });
        symlinkSync('real.csv', join(dir, 'data', 'link.csv'));
        const result = await pom(['check', '.'], dir);
        expect(result.stdout).not.toContain('metric-data-missing');
        expect(result.code).toBe(0);
    });

    it('refuses a FIFO without blocking, and a link to /dev/zero without reading it', async () => {
        const dir = workspace(model('data/x.csv'));
        mkdirSync(join(dir, 'data'));
        execFileSync('mkfifo', [join(dir, 'data', 'x.csv')]);
        const fifo = await pom(['check', '.'], dir);
        expect(fifo.stdout).toContain('it is not a regular file (a device, a FIFO, a socket or a folder)');
        const zero = workspace(model('data/z.csv'));
        mkdirSync(join(zero, 'data'));
        symlinkSync('/dev/zero', join(zero, 'data', 'z.csv'));
        expect((await pom(['check', '.'], zero)).stdout).toContain('which pom does not read');
    });

    it('refuses a file above the size cap', () => {
        const dir = workspace({ 'data/big.csv': 'date,value\n' + '2026-10-01,1\n'.repeat(100) });
        expect(readWorkspaceDataFile(dir, 'data/big.csv', 1000)).toEqual({ refused: expect.stringContaining('more than the 0 MB pom reads') });
        expect(readWorkspaceDataFile(dir, 'data/big.csv')).toMatch(/^date,value\n/);
        expect(readWorkspaceDataFile(dir, 'data/none.csv')).toBeUndefined();
    });

    it('quotes a short, escaped excerpt of a file that is not what it claims', async () => {
        const dir = workspace({ ...model('data/env.csv'), 'data/env.csv': `SECRET=${'x'.repeat(500)}\u001b[2J\u0000OTHER=y\n2026-10-01,1\n` });
        writeFileSync(join(dir, 'data', 'env.csv'), `SECRET=${'x'.repeat(500)}\u001b[2J\u0000OTHER=y\n2026-10-01,1\n`);
        const result = await pom(['check', '.'], dir);
        const lines = result.stdout.split('\n').filter(line => line.includes('missing-column'));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
            expect(line.length).toBeLessThan(400);
            expect(line).not.toMatch(/[\u0000-\u0008\u001b]/);
        }
    });
});
