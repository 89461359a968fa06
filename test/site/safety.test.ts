import { beforeAll, describe, expect, it } from 'vitest';
import { compileWorkspace } from '../../language/src/compiler.js';
import { html } from '../../language/src/emitters/site/html.js';
import { Paths, buildSite } from '../../language/src/emitters/site/index.js';
import { isSafeUrl, renderMarkdown } from '../../language/src/emitters/site/markdown.js';
import { page, section, text, XSS_FIXTURE } from './site-helpers.js';

let site: Map<string, string>;
beforeAll(async () => {
    site = buildSite((await compileWorkspace(XSS_FIXTURE)).graph);
});

const SCHEME_OF = (url: string) => url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();

describe('a model written to attack the site', () => {
    it('cannot add a script, an event handler, a frame, a style or a javascript: or data: link to any page', () => {
        const problems: string[] = [];
        for (const [path, content] of site) {
            if (!path.endsWith('.html')) continue;
            const root = page(site, path);
            for (const element of root.querySelectorAll('*')) {
                const tag = element.tagName.toLowerCase();
                if (['iframe', 'object', 'embed', 'style', 'img', 'svg', 'base'].includes(tag)) problems.push(`${path}: <${tag}>`);
                if (tag === 'script' && !/^(\.\.\/)?assets\/[a-z-]+\.js$/.test(element.getAttribute('src') ?? ''))
                    problems.push(`${path}: script ${element.toString().slice(0, 80)}`);
                for (const [name, value] of Object.entries(element.attributes)) {
                    if (/^on/i.test(name)) problems.push(`${path}: ${tag}[${name}]`);
                    if (['href', 'src', 'action', 'formaction'].includes(name.toLowerCase()) && /^(javascript|data|vbscript):/.test(SCHEME_OF(value))) {
                        problems.push(`${path}: ${tag}[${name}=${value}]`);
                    }
                }
            }
            expect(content).not.toMatch(/<script>alert/i);
        }
        expect(problems).toEqual([]);
    });

    it('shows its strings as text, exactly as written', () => {
        const team = page(site, Paths.object('evil.red'));
        expect(text(team.querySelector('h1'))).toBe("<script>alert('team')</script>");
        expect(text(team.querySelector('title'))).toBe("<script>alert('team')</script> · pom");
        const fields = section(team, 'Fields');
        expect(text(fields)).toContain("<img src=x onerror=alert('focus')>");
        // A javascript: url field is shown, never linked.
        expect(text(fields)).toContain("javascript:alert('url')");
        const bet = page(site, Paths.object('evil.attack'));
        expect(text(section(bet, 'Links'))).toContain("expected <img src=x onerror=alert('meta')>");
        expect(text(bet.querySelector('.kicker'))).toContain("<img src=x onerror=alert('type')>");
    });

    it('renders docs as markdown without raw HTML and without unsafe links', () => {
        const star = page(site, Paths.object('evil.star'));
        const doc = section(star, 'Documentation');
        expect(text(doc.querySelector('h3'))).toBe("<script>alert('heading')</script>");
        expect(text(doc)).toContain("<script>alert('raw-html')</script>");
        const hrefs = doc.querySelectorAll('a').map(a => a.getAttribute('href'));
        expect(hrefs).toEqual(['https://example.com/ok']);
        expect(doc.querySelector('a')!.getAttribute('rel')).toBe('noopener noreferrer');
    });
});

describe('escaping and link validation', () => {
    it('html`` escapes every interpolated string, attribute quotes included', () => {
        const value = `"><script>alert('x')</script>&`;
        expect(html`<a title="${value}">${value}</a>`.value).toBe(
            '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>',
        );
    });

    it('allows http(s), mailto and relative links; rejects other schemes however they are disguised', () => {
        for (const url of ['https://example.com', 'http://a.b/c?d#e', 'mailto:a@b.c', 'other-page.html', '#section', '../o/x.html']) {
            expect(isSafeUrl(url), url).toBe(true);
        }
        for (const url of [
            'javascript:alert(1)',
            'JAVASCRIPT:alert(1)',
            ' javascript:alert(1)',
            'java\tscript:alert(1)',
            'java\nscript:x',
            'data:text/html,<script>',
            'vbscript:msgbox',
            'file:///etc/passwd',
        ]) {
            expect(isSafeUrl(url), JSON.stringify(url)).toBe(false);
        }
    });

    it('renders markdown headings below the page headings and keeps code as text', () => {
        const rendered = renderMarkdown('# Title\n\nSome `<b>code</b>` and **bold**.').value;
        expect(rendered).toContain('<h3>Title</h3>');
        expect(rendered).toContain('<code>&lt;b&gt;code&lt;/b&gt;</code>');
        expect(rendered).toContain('<strong>bold</strong>');
    });
});
