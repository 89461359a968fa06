// pom serve only: reloads the page when the workspace is rebuilt (server-sent events from the serve command).
(function () {
    'use strict';
    if (!window.EventSource) return;
    var marker = document.querySelector('script[src$="live-reload.js"]');
    // The events endpoint sits at the site root; this script is at assets/live-reload.js.
    var url = new URL('../__pom/events', marker ? marker.src : window.location.href);
    var source = new EventSource(url.href);
    source.addEventListener('reload', function () {
        window.location.reload();
    });
})();
