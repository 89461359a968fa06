import { describe, expect, it } from 'vitest';
import { pom } from '../cli-run.js';
import { ACME } from '../helpers.js';
import { ask, type Answer } from '../../language/src/query.js';

function ids(answer: Answer): string[] {
    if (answer.kind !== 'select') throw new Error('not a selection');
    return answer.objects.map(o => o.id);
}

/** The questions of ../shared/domain.md part C that the model answers, asked of the example organisation. */
describe('the graph questions, asked of examples/acme', () => {
    it('6. which bets target this input? (checkout completion)', async () => {
        const { answer } = await ask(ACME, 'bet where targets -> acme.strategy.checkout-completion');
        expect(ids(answer)).toEqual(['acme.bets.express-wallets', 'acme.bets.frictionless-3ds', 'acme.bets.one-click-checkout', 'acme.bets.pay-later-pilot']);
    });

    it('7. the lineage of a bet: insight → opportunity → option → bet ← work, release, impact; bet → input → driver → north star', async () => {
        const { answer } = await ask(ACME, 'lineage(acme.bets.one-click-checkout)');
        if (answer.kind !== 'lineage') throw new Error('expected lineage');
        // What leads to it: the insight, the opportunity and the chosen option, and the work, release and impact that deliver and evidence it.
        expect(answer.upstream.map(o => o.id)).toEqual([
            'acme.bets.checkout-4-2',
            'acme.bets.one-click-checkout.ab-test',
            'acme.bets.one-click-checkout.card-vault',
            'acme.bets.one-click-early-read',
            'acme.discovery.abandonment',
            'acme.discovery.abandonment.one-click',
            'acme.discovery.mobile-card-form',
        ]);
        expect(answer.downstream.map(o => o.id)).toEqual(['acme.strategy.checkout-completion', 'acme.strategy.conversion', 'acme.strategy.successful-gpv']);
        // The other options weighed for the opportunity, the rejected one with its rationale.
        expect(answer.alternatives.map(o => o.id)).toContain('acme.discovery.abandonment.form-redesign');
        expect(answer.alternatives.find(o => o.id === 'acme.discovery.abandonment.form-redesign')!.fields.rationale).toMatch(/3-D Secure/);
    });

    it('18. why am I working on this? lineage(<work item>) leads through its bet to the north star', async () => {
        const { answer } = await ask(ACME, 'lineage(acme.bets.one-click-checkout.card-vault)');
        if (answer.kind !== 'lineage') throw new Error('expected lineage');
        expect(answer.downstream.map(o => o.id)).toEqual([
            'acme.bets.one-click-checkout',
            'acme.strategy.checkout-completion',
            'acme.strategy.conversion',
            'acme.strategy.successful-gpv',
        ]);
    });

    it('8. what insights inform this driver? (reverse multi-hop)', async () => {
        const { answer } = await ask(ACME, 'insight ~> conversion');
        expect(ids(answer)).toEqual(['acme.discovery.good-customers-blocked', 'acme.discovery.mobile-card-form', 'acme.discovery.soft-decline-share']);
    });

    it("2. what's off track? bets and inputs at risk or off track", async () => {
        const { answer } = await ask(ACME, 'off-track');
        const found = ids(answer);
        expect(found).toContain('acme.strategy.payout-speed');
        expect(found).toContain('acme.bets.fraud-model-v3');
        // Declared on-track, but its data has said off-track since October: off track by its effective health.
        expect(found).toContain('acme.strategy.activation-speed');
        for (const object of (answer as { objects: Array<{ facts?: Record<string, unknown> }> }).objects) {
            expect(['at-risk', 'off-track']).toContain(object.facts?.['effective-health']);
        }
    });

    it('1. the strategy tree: the north star, drivers, inputs and only the active bets', async () => {
        const { answer } = await ask(ACME, 'strategy-tree');
        const objects = (answer as { objects: Array<{ id: string; type: string; fields: Record<string, unknown> }> }).objects;
        expect(objects.filter(o => o.type === 'std.north-star').map(o => o.id)).toEqual(['acme.strategy.successful-gpv']);
        expect(objects.filter(o => o.type === 'std.driver').map(o => o.id)).toEqual([
            'acme.strategy.activation',
            'acme.strategy.conversion',
            'acme.strategy.retention',
        ]);
        const bets = objects.filter(o => o.id.startsWith('acme.bets.'));
        expect(bets.length).toBeGreaterThan(0);
        expect(bets.every(o => o.fields.status === 'active')).toBe(true);
    });

    it('17. who depends on the data platform team, and on what?', async () => {
        const { answer } = await ask(ACME, '* where depends-on -> (bet where owner -> acme.org.data-platform)');
        expect(ids(answer)).toEqual(['acme.bets.fraud-model-v3']);
    });

    it('19. who owns a capability?', async () => {
        const { answer } = await ask(ACME, 'team where owns -> acme.org.commerce.payments');
        expect(ids(answer)).toEqual(['acme.org.payments-core']);
    });
});

describe('pom query', () => {
    it('prints a table with the fields the answer has', async () => {
        const { code, stdout } = await pom(['query', ACME, 'bet where targets -> acme.strategy.checkout-completion and status = active']);
        expect(code).toBe(0);
        const lines = stdout.trimEnd().split('\n');
        expect(lines[0].split(/\s{2,}/)).toEqual(['id', 'type', 'title', 'status', 'health', 'horizon']);
        expect(lines.slice(2, -1).map(l => l.split(/\s+/)[0])).toEqual(['acme.bets.express-wallets', 'acme.bets.one-click-checkout']);
        expect(lines.at(-1)).toBe('2 objects');
    });

    it('--ids and --json', async () => {
        const idsOut = await pom(['query', ACME, 'driver', '--ids']);
        expect(idsOut.stdout).toBe('acme.strategy.activation\nacme.strategy.conversion\nacme.strategy.retention\n');
        const json = await pom(['query', ACME, 'input where owner -> *', '--json', '--columns', 'owner,horizon']);
        const parsed = JSON.parse(json.stdout) as Array<Record<string, string>>;
        expect(parsed.length).toBeGreaterThan(0);
        expect(parsed[0]).toMatchObject({ type: 'input' });
        expect(parsed[0].horizon).toMatch(/^(weeks|months|quarters|years)$/);
        expect(parsed[0].owner).toMatch(/^acme\./);
        expect(parsed[0].location).toMatch(/^strategy\/strategy\.pom:\d+:\d+$/);
    });

    it('runs a declared query by name, and lists them', async () => {
        const list = await pom(['query', '--list', ACME]);
        expect(list.stdout).toMatch(/^off-track\s+What's off track/m);
        const answer = await pom(['query', ACME, 'delivery-risk']);
        expect(answer.code).toBe(0);
        expect(answer.stdout).toMatch(/^Where delivery risk is/);
        expect(answer.stdout).toContain('acme.bets.fraud-model-v3');
    });

    it('answers lineage(<id>) in three parts: upstream, downstream and the other options considered', async () => {
        const { stdout } = await pom(['query', ACME, 'lineage(acme.bets.one-click-checkout)']);
        expect(stdout).toMatch(/^Lineage of acme\.bets\.one-click-checkout/);
        expect(stdout).toMatch(/Upstream \(what leads to it[^)]*\): 7/);
        expect(stdout).toMatch(/Downstream \(what it serves, on to the north star\): 3/);
        expect(stdout).toMatch(
            /Other options considered \(rejected ones with their rationale\): 4\n[\s\S]*form-redesign +option +Redesign the card form +rejected +The form is not the problem/,
        );
        expect(stdout).toContain('acme.discovery.mobile-card-form');
    });

    it('groups and totals an answer: investment by driver', async () => {
        const { stdout } = await pom(['query', ACME, 'investment']);
        expect(stdout).toContain('driver: acme.strategy.conversion (Payment conversion): 6 objects, person-weeks 200');
        expect(stdout).toMatch(/Total: 11 objects, person-weeks 346\n$/);
        const byHorizon = await pom(['query', ACME, 'bet where status = active', '--group-by', 'investment-horizon', '--sum', 'person-weeks']);
        expect(byHorizon.stdout).toContain('investment-horizon: h1: 2 objects, person-weeks 84');
        const wrong = await pom(['query', ACME, 'bet', '--group-by', 'drivr']);
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toContain("cannot group by 'drivr'");
    });

    it('points at the mistake in a question, with a suggestion, and exits 2', async () => {
        const { code, stderr, stdout } = await pom(['query', ACME, 'bet where helth = at-risk']);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toContain("query:1:11: error: Type 'bet' has no field 'helth'. Did you mean 'health'? [unknown-field]");
        expect(stderr).toContain('  bet where helth = at-risk\n            ^');
        expect(stderr).not.toMatch(/at .*\.js:\d+/);
    });

    it('says when a bare name is neither a query nor a type', async () => {
        const { code, stderr } = await pom(['query', ACME, 'offtrack']);
        expect(code).toBe(2);
        expect(stderr).toContain("'offtrack' is not a query, type or object. Did you mean 'off-track'?");
    });
});
