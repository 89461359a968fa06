// Search over the prebuilt index (assets/search-index.js sets window.POM_SEARCH_INDEX; a script, not fetch(),
// so it works from file://). Results are built with DOM calls and textContent only: model text is never parsed as HTML.
(function () {
    'use strict';
    var MAX_RESULTS = 100;

    function terms(query) {
        return query.toLowerCase().split(/\s+/).filter(Boolean);
    }

    // Rows: [path, title, id, type, text]. Every term must match; title and id matches rank first.
    function search(index, query) {
        var words = terms(query);
        if (words.length === 0) return [];
        var results = [];
        for (var i = 0; i < index.length; i++) {
            var row = index[i];
            var title = row[1].toLowerCase(),
                id = row[2].toLowerCase(),
                type = row[3].toLowerCase(),
                text = row[4].toLowerCase();
            var score = 0,
                all = true;
            for (var w = 0; w < words.length; w++) {
                var word = words[w];
                if (title.indexOf(word) >= 0) score += title.indexOf(word) === 0 ? 6 : 4;
                else if (id.indexOf(word) >= 0) score += 3;
                else if (type.indexOf(word) >= 0) score += 2;
                else if (text.indexOf(word) >= 0) score += 1;
                else {
                    all = false;
                    break;
                }
            }
            if (all) results.push({ row: row, score: score });
        }
        results.sort(function (a, b) {
            return b.score - a.score || (a.row[2] < b.row[2] ? -1 : 1);
        });
        return results;
    }

    function snippet(text, word) {
        var at = text.toLowerCase().indexOf(word);
        if (at < 0) return text.slice(0, 140);
        var start = Math.max(0, at - 50);
        return (start > 0 ? '…' : '') + text.slice(start, start + 140) + (start + 140 < text.length ? '…' : '');
    }

    function render(query) {
        var list = document.getElementById('search-results');
        var status = document.getElementById('search-status');
        var index = window.POM_SEARCH_INDEX || [];
        while (list.firstChild) list.removeChild(list.firstChild);
        if (!query.trim()) {
            status.textContent = 'Type to search ' + index.length + ' objects.';
            return;
        }
        var results = search(index, query);
        status.textContent =
            results.length === 0
                ? 'No results for "' + query + '".'
                : results.length +
                  (results.length === 1 ? ' result' : ' results') +
                  (results.length > MAX_RESULTS ? ', showing the first ' + MAX_RESULTS : '') +
                  '.';
        var first = terms(query)[0];
        results.slice(0, MAX_RESULTS).forEach(function (result) {
            var row = result.row;
            var item = document.createElement('li');
            var link = document.createElement('a');
            link.className = 'result-title';
            link.href = row[0];
            link.textContent = row[1];
            var type = document.createElement('span');
            type.className = 'type-tag';
            type.textContent = ' ' + row[3] + ' · ' + row[2];
            var text = document.createElement('p');
            text.className = 'result-snippet';
            text.textContent = snippet(row[4], first);
            item.appendChild(link);
            item.appendChild(type);
            if (row[4]) item.appendChild(text);
            list.appendChild(item);
        });
    }

    document.addEventListener('DOMContentLoaded', function () {
        var input = document.getElementById('search-query');
        if (!input) return;
        var query = new URLSearchParams(window.location.search).get('q') || '';
        input.value = query;
        var header = document.getElementById('site-search');
        if (header) header.value = query;
        render(query);
        input.addEventListener('input', function () {
            render(input.value);
            if (window.history && window.history.replaceState) {
                try {
                    window.history.replaceState(null, '', '?q=' + encodeURIComponent(input.value));
                } catch (e) {
                    /* file:// in some browsers */
                }
            }
        });
        input.form.addEventListener('submit', function (event) {
            event.preventDefault();
            render(input.value);
        });
        input.focus();
    });
})();
