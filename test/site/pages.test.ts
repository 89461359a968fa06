import { beforeAll, describe, expect, it } from 'vitest';
import { Paths, type SiteDiagram } from '../../language/src/emitters/site/index.js';
import type { ResolvedView } from '../../language/src/views/view-model.js';
import { buildSite } from '../../language/src/emitters/site/index.js';
import { compileWorkspace } from '../../language/src/compiler.js';
import { ACME } from '../helpers.js';
import { acmeGraph, acmeSite, page, resolveHref, section, text } from './site-helpers.js';

let site: Map<string, string>;
beforeAll(async () => {
    site = await acmeSite();
});

describe('site of the example organisation: home', () => {
    it('summarises the strategy from the std queries: each driver with its health, active bets and what is off track', () => {
        const home = page(site, 'index.html');
        const strategy = section(home, 'Strategy');
        const star = strategy.querySelector('.north-star')!;
        expect(text(star.querySelector('.chain-title'))).toBe('Successful payment volume');
        const row = (id: string) => star.querySelectorAll('tr[data-id]').find(r => r.getAttribute('data-id') === id)!;
        const conversion = row('acme.strategy.conversion');
        // Six active bets serve payment conversion; five of the things serving it are at risk or off track, linked to the report.
        expect(text(conversion.querySelectorAll('td')[2])).toBe('6');
        const offTrack = conversion.querySelectorAll('td')[3];
        expect(text(offTrack.querySelector('a'))).toMatch(/^\d+ off track or at risk$/);
        expect(resolveHref('index.html', offTrack.querySelector('a')!.getAttribute('href')!)).toBe(Paths.offTrack);
        expect(text(offTrack)).toContain('Card authorisation at risk');
        // The input off track only by its data shows off track on the home page too.
        expect(text(row('acme.strategy.activation').querySelectorAll('td')[3])).toContain('Time to first payment off track by data');
        // Every question, with the size of its answer.
        expect(
            section(home, 'Questions')
                .querySelectorAll('li')
                .map(li => text(li.querySelector('a'))),
        ).toContain("What's off track: bets and inputs at risk or off track, by their health or their metric data");
    });

    it('shows the model counts and its warnings', () => {
        const home = page(site, 'index.html');
        const stats = Object.fromEntries(
            home.querySelectorAll('.stat').map(s => [text(s.querySelector('.stat-label')), text(s.querySelector('.stat-figure'))]),
        );
        // two deliberate warnings (an overloaded team that blocks a bet) and one from metric data (docs/metrics.md)
        expect(stats).toMatchObject({ objects: '137', teams: '11', warnings: '3', errors: '0' });
        const health = section(home, 'Model health');
        expect(text(health)).toContain('over its WIP limit of 2');
    });
});

describe('object pages', () => {
    it('a bet page lists its fields, targets with their metadata, backlinks and where it is defined', () => {
        const bet = page(site, Paths.object('acme.bets.express-wallets'));
        expect(text(bet.querySelector('h1'))).toBe('Express Apple Pay and Google Pay');
        expect(text(bet.querySelector('.kicker'))).toContain('Bet');
        expect(text(bet.querySelector('.summary'))).toContain('bets/commerce.pom:55');
        const fields = section(bet, 'Fields');
        const row = fields.querySelectorAll('tr').find(r => text(r.querySelector('th')).startsWith('hypothesis'))!;
        expect(text(row.querySelector('td'))).toContain('never see a card form');
        const links = section(bet, 'Links');
        const targets = links.querySelectorAll('.link-group').find(g => text(g.querySelector('h3')) === 'targets')!;
        expect(text(targets)).toContain('Checkout completion');
        expect(text(targets)).toContain('expected +1pp');
        const depends = links.querySelectorAll('.link-group').find(g => text(g.querySelector('h3')) === 'depends on')!;
        expect(text(depends)).toContain('Network tokens for stored cards');
        expect(text(depends)).toContain('no network tokens, no wallets');
        const backlinks = section(bet, 'Backlinks');
        expect(text(backlinks)).toContain('delivered by');
        expect(text(backlinks)).toContain('Apple Pay on the web');
    });

    it('a bet page shows its lineage (the lineage() walk), with rejected options and their rationale', () => {
        const bet = page(site, Paths.object('acme.bets.express-wallets'));
        const lineage = section(bet, 'Lineage');
        const steps = Object.fromEntries(lineage.querySelectorAll('.lineage-step').map(s => [text(s.querySelector('h3')), s]));
        expect(Object.keys(steps)).toEqual(['Insight', 'Opportunity', 'Option', 'Work', 'Bet', 'Actionable input', 'Driver', 'North Star']);
        expect(text(steps['Opportunity'])).toContain('Shoppers abandon checkout on mobile');
        const rejected = steps['Option'].querySelector('li.rejected')!;
        expect(text(rejected)).toContain('Redesign the card form');
        expect(text(rejected)).toContain('the time is lost in 3-D Secure challenges');
        expect(text(steps['Bet'].querySelector('.current'))).toContain('Express Apple Pay and Google Pay');
        expect(text(steps['North Star'])).toContain('Successful payment volume');
    });

    it('nested work shows its container, the owner it inherits and the bet it delivers', () => {
        const work = page(site, Paths.object('acme.bets.express-wallets.apple-pay-web'));
        expect(work.querySelectorAll('.breadcrumbs li').map(li => text(li))).toEqual([
            'Home',
            'Bet',
            'Express Apple Pay and Google Pay',
            'Apple Pay on the web',
        ]);
        expect(text(section(work, 'Inherited context'))).toContain('owned by Checkout from Express Apple Pay and Google Pay');
        expect(text(section(work, 'Lineage').querySelector('.current'))).toContain('Apple Pay on the web');
    });

    it('renders a doc as markdown', () => {
        const bet = page(site, Paths.object('acme.bets.pay-later-pilot'));
        const doc = section(bet, 'Documentation');
        expect(text(doc.querySelector('strong'))).toBe('Killed on 2026-09-14.');
        expect(text(doc.querySelector('code'))).toBe('pay-later-flat');
    });

    it('a team page shows active bets against its WIP limit, scopes, interactions and dependencies', () => {
        const team = page(site, Paths.object('acme.org.data-platform'));
        const wip = section(team, 'Bets and WIP');
        expect(text(wip.querySelector('.wip-figure'))).toBe('3 active bets against a WIP limit of 2 over the limit');
        expect(wip.querySelectorAll('.slot.filled')).toHaveLength(3);
        expect(wip.querySelectorAll('.slot.over')).toHaveLength(1);
        expect(text(section(team, 'Scopes'))).toContain('owns');
        expect(text(section(team, 'Interactions'))).toContain('Risk Engine');
        const dependencies = section(team, 'Dependencies');
        expect(text(dependencies)).toContain('Fraud model v3 depends on Online feature store blocking');
    });

    it('a scope page shows who owns it and what is in it', () => {
        const scope = page(site, Paths.object('acme.org.commerce.checkout'));
        expect(text(section(scope, 'Ownership'))).toContain('Checkout');
        expect(text(section(scope, 'In this scope'))).toContain('Express Apple Pay and Google Pay');
    });
});

describe('browse pages', () => {
    it('a type page is a sortable table of its objects, counting subtypes', () => {
        const bets = page(site, Paths.type('std.bet'));
        const table = bets.querySelector('table.sortable')!;
        const rows = table.querySelectorAll('tbody tr');
        expect(rows).toHaveLength(15); // 13 bets and 2 experiments
        expect(text(table.querySelector('thead'))).toContain('health');
        const pilot = rows.find(r => text(r).includes('Pay-later widget pilot'))!;
        expect(text(pilot)).toContain('Experiment');
        expect(text(pilot)).toContain('Growth');
    });

    it('the teams page lists active bets against each WIP limit', () => {
        const teams = page(site, Paths.teams);
        const row = teams.querySelectorAll('tbody tr').find(r => text(r).startsWith('Data Platform'))!;
        expect(text(row)).toContain('3 / 2 over');
    });

    it('a horizon page lists what is planned at it and how it links to other horizons', () => {
        const quarters = page(site, Paths.horizon('quarters'));
        const wallets = quarters.querySelectorAll('.horizon-items > li').find(li => text(li).startsWith('Express Apple Pay'))!;
        expect(wallets).toBeDefined();
        const timeline = page(site, Paths.horizons);
        const columns = timeline.querySelectorAll('.horizon-column').map(c => text(c.querySelector('h2')));
        expect(columns).toHaveLength(6);
        expect(columns[0]).toMatch(/^1–3 days/);
        const flows = section(timeline, 'Links across horizons')
            .querySelectorAll('tbody tr')
            .map(r => r.querySelectorAll('td').map(td => text(td)));
        expect(flows).toContainEqual(['quarters', 'years', expect.stringMatching(/^\d+$/)]);
    });
});

describe('reports', () => {
    it("what's off track groups at-risk and off-track bets and inputs by driver", () => {
        const report = page(site, Paths.offTrack);
        const conversion = section(report, 'Driver: Payment conversion');
        for (const item of ['Card authorisation', 'False declines', 'Network tokens for stored cards', 'Express Apple Pay and Google Pay', 'Fraud model v3']) {
            expect(text(conversion)).toContain(item);
        }
        expect(text(section(report, 'Driver: Merchant retention and expansion'))).toContain('Same-day payouts');
        expect(text(report.querySelector('main'))).not.toContain('Smart retries for soft declines');
    });

    it('delivery risk lists the delivery-risk query, with why, what blocks, overloaded teams and overdue bets', () => {
        const report = page(site, Paths.deliveryRisk);
        const bets = section(report, 'Bets at delivery risk');
        const row = bets.querySelectorAll('tbody tr').find(r => r.getAttribute('data-id') === 'acme.bets.fraud-model-v3')!;
        expect(text(row)).toContain('at risk blocked');
        expect(text(row)).toContain('Online feature store');
        const store = bets.querySelectorAll('tbody tr').find(r => r.getAttribute('data-id') === 'acme.bets.feature-store')!;
        expect(text(store)).toContain('owner overloaded');
        expect(text(store)).toContain('Data Platform overloaded');
        expect(text(bets)).not.toContain('Uses the identity API'); // kind: ok is not blocking
        expect(text(section(report, 'Overloaded teams'))).toContain('Data Platform: 3 active bets against a WIP limit of 2');
        expect(text(section(report, 'Overdue bets'))).toMatch(/No active bet ended before 2026-11-16|ended/);
    });

    it('built --as-of a date, the footer and the delivery-risk report speak for that date, not the latest as-of', async () => {
        const asOf = '2026-03-01';
        const dated = buildSite((await compileWorkspace(ACME, { asOf })).graph);
        const home = page(dated, Paths.home);
        expect(text(home.querySelector('footer'))).toContain(`as of ${asOf}.`);
        expect(text(page(dated, Paths.deliveryRisk).querySelector('main'))).toContain(`an end date before ${asOf}`);
    });

    it('model health lists every diagnostic with its place and a link to its object', () => {
        const report = page(site, Paths.health);
        const rows = section(report, 'Problems').querySelectorAll('tbody tr');
        expect(rows.map(r => ['wip-limit-exceeded', 'blocked-by-overloaded-team', 'health-contradicted'].find(code => text(r).includes(code))).sort()).toEqual([
            'blocked-by-overloaded-team',
            'health-contradicted',
            'wip-limit-exceeded',
        ]);
        const wip = rows.find(r => text(r).includes('wip-limit-exceeded'))!;
        expect(text(wip)).toContain('org/teams.pom:137');
        const link = wip.querySelector('a')!;
        expect(resolveHref(Paths.health, link.getAttribute('href')!)).toBe(Paths.object('acme.org.data-platform'));
    });
});

describe('search index', () => {
    it('is a script assigning a global with every object, its title, type and field text', async () => {
        const script = site.get('assets/search-index.js')!;
        expect(script.startsWith('window.POM_SEARCH_INDEX = ')).toBe(true);
        const rows = JSON.parse(script.slice('window.POM_SEARCH_INDEX = '.length).replace(/;\n$/, '')) as string[][];
        expect(rows).toHaveLength((await acmeGraph()).objects.length);
        const wallets = rows.find(r => r[2] === 'acme.bets.express-wallets')!;
        expect(wallets.slice(0, 4)).toEqual([
            Paths.object('acme.bets.express-wallets'),
            'Express Apple Pay and Google Pay',
            'acme.bets.express-wallets',
            'Bet',
        ]);
        expect(wallets[4]).toContain('never see a card form');
        const search = page(site, Paths.search);
        expect(search.querySelectorAll('script').map(s => s.getAttribute('src'))).toEqual(['assets/site.js', 'assets/search-index.js', 'assets/search.js']);
    });
});

describe('view pages', () => {
    const view: ResolvedView = {
        id: 'team:acme.org.checkout-team',
        title: 'Checkout team',
        kind: 'team',
        direction: 'right',
        nodes: [{ id: 'acme.org.checkout-team' }, { id: 'acme.bets.express-wallets' }],
        edges: [
            {
                id: 'acme.bets.express-wallets|std.owner|acme.org.checkout-team',
                source: 'acme.bets.express-wallets',
                target: 'acme.org.checkout-team',
                kind: 'std.owner',
                label: 'owner',
            },
        ],
    };
    const diagrams = (link: (id: string) => string): SiteDiagram[] => [
        {
            view,
            svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">${view.nodes
                .map(
                    (n, i) =>
                        `<a href="${link(n.id)}"><g data-id="${n.id}"><rect x="${i * 100}" y="0" width="90" height="40"/><text x="${i * 100 + 5}" y="20">${n.id}</text></g></a>`,
                )
                .join('')}</svg>`,
        },
    ];

    it('show the diagram with nodes linking to object pages, and list its objects', async () => {
        const withDiagrams = await acmeSite({ diagrams });
        const path = Paths.view(view.id);
        expect(path).not.toContain(':'); // a colon would make the relative href look like a URL scheme
        const viewPage = page(withDiagrams, path);
        const nodes = viewPage.querySelectorAll('figure.diagram svg a');
        expect(nodes).toHaveLength(2);
        for (const node of nodes) {
            const target = resolveHref(path, node.getAttribute('href')!);
            expect(withDiagrams.has(target)).toBe(true);
            expect(target).toBe(Paths.object(node.querySelector('g')!.getAttribute('data-id')!));
        }
        expect(text(section(viewPage, 'Objects in this view'))).toContain('Express Apple Pay and Google Pay');
        const views = page(withDiagrams, Paths.views);
        expect(text(views.querySelector('main'))).toContain('Checkout team');
    });

    it('object pages list the diagrams they appear in', async () => {
        const withDiagrams = await acmeSite({ diagrams });
        const bet = page(withDiagrams, Paths.object('acme.bets.express-wallets'));
        const appears = section(bet, 'Appears in');
        const targets = appears.querySelectorAll('a').map(a => resolveHref(Paths.object('acme.bets.express-wallets'), a.getAttribute('href')!));
        expect(targets).toContain(Paths.view(view.id));
    });

    it("allows exactly the diagram's own stylesheet, by its hash, in the view page's Content-Security-Policy", async () => {
        const css = '.node{fill:#eef}';
        const styled = await acmeSite({ diagrams: link => diagrams(link).map(d => ({ ...d, svg: d.svg.replace('>', `><style>${css}</style>`) })) });
        const csp = page(styled, Paths.view(view.id)).querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
        const { createHash } = await import('node:crypto');
        expect(csp).toContain(`style-src 'self' 'sha256-${createHash('sha256').update(css).digest('base64')}';`);
        const other = page(styled, Paths.home).querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
        expect(other).toContain("style-src 'self';");
    });

    it('a view too large to draw lists its objects instead', async () => {
        const large = await acmeSite({ diagrams: link => diagrams(link).map(d => ({ ...d, tooLarge: true })) });
        const viewPage = page(large, Paths.view(view.id));
        expect(viewPage.querySelector('figure.diagram')).toBeNull();
        expect(text(viewPage.querySelector('main'))).toContain('too many objects to draw');
    });
});

describe('the whole site', () => {
    it('has no broken or absolute links: every href and src is relative and names a page or asset of the site', () => {
        const broken: string[] = [];
        for (const [path, content] of site) {
            if (!path.endsWith('.html')) continue;
            for (const element of page(site, path).querySelectorAll('[href], [src], form[action]')) {
                const ref = element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action')!;
                if (/^https?:/.test(ref) && element.getAttribute('rel')?.includes('noopener')) continue; // a url field
                if (ref.startsWith('#')) continue;
                if (ref.startsWith('/') || /^[a-z]+:/i.test(ref) || !site.has(resolveHref(path, ref))) broken.push(`${path}: ${ref}`);
            }
            expect(content.startsWith('<!doctype html>')).toBe(true);
        }
        expect(broken).toEqual([]);
    });

    it('every page has landmarks, a Content-Security-Policy, no inline script and no inline style', () => {
        for (const [path] of [...site].filter(([p]) => p.endsWith('.html'))) {
            const root = page(site, path);
            const csp = root.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
            expect(csp, path).toContain("script-src 'self'");
            expect(
                root.querySelectorAll('script').every(s => s.getAttribute('src') && s.textContent.trim() === ''),
                path,
            ).toBe(true);
            expect(root.querySelectorAll('[style]'), path).toHaveLength(0);
            expect(root.querySelector('main#main'), path).not.toBeNull();
            expect(root.querySelector('nav[aria-label="Site"]'), path).not.toBeNull();
            expect(root.querySelectorAll('h1'), path).toHaveLength(1);
            expect(root.querySelector('html')?.getAttribute('lang'), path).toBe('en');
        }
    });

    it('is deterministic: the same graph gives byte-identical files', async () => {
        const again = await acmeSite();
        expect([...again.keys()].sort()).toEqual([...site.keys()].sort());
        for (const [path, content] of site) expect(again.get(path), path).toBe(content);
    });

    it('lets an extension add a section to object pages (the hook for metric charts)', async () => {
        const { html } = await import('../../language/src/emitters/site/html.js');
        const extended = await acmeSite({
            extensions: [
                {
                    objectSections: object =>
                        object.type === 'std.input' ? [{ title: 'Trend', body: html`<p class="trend">${object.id} <b>series</b></p>` }] : [],
                },
            ],
        });
        const input = page(extended, Paths.object('acme.strategy.checkout-completion'));
        expect(text(section(input, 'Trend').querySelector('.trend'))).toBe('acme.strategy.checkout-completion series');
        expect(
            page(extended, Paths.object('acme.bets.express-wallets'))
                .querySelectorAll('section h2')
                .map(h => text(h)),
        ).not.toContain('Trend');
    });

    it('has a page for every object, and the live-reload script only when asked', async () => {
        const graph = await acmeGraph();
        for (const object of graph.objects) expect(site.has(Paths.object(object.id)), object.id).toBe(true);
        expect(site.has('assets/live-reload.js')).toBe(false);
        expect(site.get('index.html')).not.toContain('live-reload');
        const served = await acmeSite({ liveReload: true });
        expect(
            page(served, 'index.html')
                .querySelectorAll('script')
                .map(s => s.getAttribute('src')),
        ).toContain('assets/live-reload.js');
    });
});
