// Where each page lives in the site, and relative hrefs between pages: the site works from file:// and from
// any sub-path of a web server, so no link is absolute.
import { StdQueries } from '../../graph/std-ids.js';
import { boundedFileName } from '../../util/atomic-write.js';

/** A file name for an id: dots and dashes stay readable; anything else (`:` in built-in view ids) is encoded. */
export function fileName(id: string): string {
    return boundedFileName(id.replace(/[^A-Za-z0-9._-]/g, c => `~${c.charCodeAt(0).toString(16)}`));
}

export const Paths = {
    home: 'index.html',
    search: 'search.html',
    types: 'types.html',
    teams: 'teams.html',
    views: 'views.html',
    horizons: 'horizons.html',
    offTrack: 'reports/off-track.html',
    deliveryRisk: 'reports/delivery-risk.html',
    health: 'reports/health.html',
    changes: 'reports/changes.html',
    history: 'reports/history.html',
    object: (id: string) => `o/${fileName(id)}.html`,
    type: (id: string) => `t/${fileName(id)}.html`,
    view: (id: string) => `v/${fileName(id)}.html`,
    horizon: (name: string) => `h/${fileName(name)}.html`,
    asset: (name: string) => `assets/${name}`,
    /** A declared query's answer: the std off-track and delivery-risk queries are the two reports. */
    query: (id: string) => (id === StdQueries.offTrack ? Paths.offTrack : id === StdQueries.deliveryRisk ? Paths.deliveryRisk : `q/${fileName(id)}.html`),
} as const;

/** The href from the page at `from` to the site file `to`, both site-relative paths. */
export function relativeHref(from: string, to: string): string {
    const depth = from.split('/').length - 1;
    return '../'.repeat(depth) + to;
}
