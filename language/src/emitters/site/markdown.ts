import MarkdownIt from 'markdown-it';
import { trusted, type Html } from './html.js';

// Docs are written by model authors, so they are untrusted: raw HTML is not rendered (html: false) and links
// are kept only when they go somewhere harmless: http(s), mailto, or a relative path or #fragment.

const SAFE_SCHEME = /^(https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function isSafeUrl(url: string): boolean {
    // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so strip them first.
    const normalised = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
    return SAFE_SCHEME.test(normalised) || !ANY_SCHEME.test(normalised);
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = isSafeUrl;

// A doc's headings sit below the page's own h1 and h2.
markdown.renderer.rules.heading_open = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    return self.renderToken(tokens, index, options);
};
markdown.renderer.rules.heading_close = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    return self.renderToken(tokens, index, options);
};
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    const token = tokens[index];
    if (/^https?:/i.test(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, index, options);
};

/** Renders a doc string as safe HTML. */
export function renderMarkdown(source: string): Html {
    return trusted(markdown.render(source));
}
