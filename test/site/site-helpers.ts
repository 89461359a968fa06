import { resolve } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { compileWorkspace } from '../../language/src/compiler.js';
import { buildSite, type SiteOptions } from '../../language/src/emitters/site/index.js';
import type { PomGraph } from '../../language/src/graph/model.js';
import { ACME } from '../helpers.js';

/** A model written to attack the site: markup and script in every string. */
export const XSS_FIXTURE = resolve('test/site/fixtures/xss');

let acme: PomGraph | undefined;

/** The example organisation's graph, compiled once per test file. */
export async function acmeGraph(): Promise<PomGraph> {
    acme ??= (await compileWorkspace(ACME)).graph;
    return acme;
}

export async function acmeSite(options: SiteOptions = {}): Promise<Map<string, string>> {
    return buildSite(await acmeGraph(), options);
}

/** A page of the site, parsed: fails with the list of pages when it is missing. */
export function page(site: Map<string, string>, path: string): HTMLElement {
    const text = site.get(path);
    if (text === undefined) throw new Error(`no page ${path}; pages: ${[...site.keys()].slice(0, 40).join(', ')}…`);
    return parse(text);
}

/** What a reader sees: text with whitespace collapsed. */
export function text(element: HTMLElement | null | undefined): string {
    return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The card section with this heading. */
export function section(root: HTMLElement, heading: string): HTMLElement {
    const found = root.querySelectorAll('section').find(s => text(s.querySelector('h2')) === heading);
    if (!found)
        throw new Error(
            `no section '${heading}'; sections: ${root
                .querySelectorAll('section h2')
                .map(h => text(h))
                .join(', ')}`,
        );
    return found;
}

/** Resolves a relative href against the page it is on, as a site path (no fragment or query). */
export function resolveHref(from: string, href: string): string {
    const url = new URL(href, `http://site/${from}`);
    return decodeURIComponent(url.pathname.slice(1));
}
