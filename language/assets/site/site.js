// pom site enhancements. Every page reads without this script; it adds the theme switch, sortable tables,
// a collapsible menu on phones, and pan and zoom on diagrams. Loaded in <head> so the saved theme applies
// before the page paints.
(function () {
    'use strict';
    var THEME_KEY = 'pom-theme';
    var root = document.documentElement;

    function storedTheme() {
        try {
            return localStorage.getItem(THEME_KEY);
        } catch (e) {
            return null;
        }
    }
    var saved = storedTheme();
    if (saved === 'light' || saved === 'dark') root.setAttribute('data-theme', saved);

    function currentTheme() {
        var explicit = root.getAttribute('data-theme');
        if (explicit) return explicit;
        return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }

    function setUpThemeToggle() {
        var button = document.querySelector('.theme-toggle');
        if (!button) return;
        button.hidden = false;
        var label = function () {
            var next = currentTheme() === 'dark' ? 'light' : 'dark';
            button.setAttribute('aria-label', 'Switch to the ' + next + ' theme');
            button.title = 'Switch to the ' + next + ' theme';
        };
        label();
        button.addEventListener('click', function () {
            var next = currentTheme() === 'dark' ? 'light' : 'dark';
            root.setAttribute('data-theme', next);
            try {
                localStorage.setItem(THEME_KEY, next);
            } catch (e) {
                /* private mode: the choice lasts this page */
            }
            label();
        });
    }

    function setUpMenu() {
        var sidebar = document.querySelector('details.sidebar');
        if (sidebar && window.matchMedia && window.matchMedia('(max-width: 52rem)').matches) sidebar.open = false;
    }

    function cellValue(row, column) {
        var cell = row.cells[column];
        return cell ? cell.textContent.trim() : '';
    }

    function compare(a, b) {
        var x = parseFloat(a),
            y = parseFloat(b);
        if (!isNaN(x) && !isNaN(y) && /^-?[\d.]/.test(a) && /^-?[\d.]/.test(b)) return x - y;
        return naturalCompare(a.toLowerCase(), b.toLowerCase());
    }

    // Digit runs compare as numbers ("bet 9" before "bet 10"); the rest by code unit, the same on every machine.
    function naturalCompare(a, b) {
        var x = a.match(/\d+|\D+/g) || [],
            y = b.match(/\d+|\D+/g) || [];
        for (var i = 0; i < x.length && i < y.length; i++) {
            if (x[i] === y[i]) continue;
            var bothDigits = /^\d/.test(x[i]) && /^\d/.test(y[i]);
            if (bothDigits && Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
            return x[i] < y[i] ? -1 : 1;
        }
        return x.length - y.length;
    }

    function setUpSortableTables() {
        var tables = document.querySelectorAll('table.sortable');
        Array.prototype.forEach.call(tables, function (table) {
            var body = table.tBodies[0];
            var headers = table.tHead ? table.tHead.rows[0].cells : [];
            Array.prototype.forEach.call(headers, function (header, column) {
                var button = document.createElement('button');
                button.type = 'button';
                while (header.firstChild) button.appendChild(header.firstChild);
                header.appendChild(button);
                header.classList.add('sortable-header');
                button.addEventListener('click', function () {
                    var ascending = header.getAttribute('aria-sort') !== 'ascending';
                    Array.prototype.forEach.call(headers, function (other) {
                        other.removeAttribute('aria-sort');
                    });
                    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                    var rows = Array.prototype.slice.call(body.rows);
                    rows.sort(function (a, b) {
                        var order = compare(cellValue(a, column), cellValue(b, column));
                        return ascending ? order : -order;
                    });
                    rows.forEach(function (row) {
                        body.appendChild(row);
                    });
                });
            });
        });
    }

    function setUpDiagrams() {
        var figures = document.querySelectorAll('figure.diagram');
        Array.prototype.forEach.call(figures, function (figure) {
            var viewport = figure.querySelector('.diagram-viewport');
            var svg = viewport && viewport.querySelector('svg');
            var toolbar = figure.querySelector('.diagram-toolbar');
            if (!svg || !toolbar) return;
            toolbar.hidden = false;
            var box = svg.viewBox && svg.viewBox.baseVal;
            var width = box && box.width ? box.width : svg.getBoundingClientRect().width;
            var height = box && box.height ? box.height : svg.getBoundingClientRect().height;
            // Fit to screen on open: the whole diagram in the viewport's width and at most 75% of the window's height.
            var fitScale = function () {
                var room = Math.max(120, window.innerHeight * 0.75);
                return Math.min(1, (viewport.clientWidth || width) / width, room / height);
            };
            var fit = fitScale();
            var scale = fit;
            var apply = function () {
                svg.style.width = Math.round(width * scale) + 'px';
                svg.style.height = Math.round(height * scale) + 'px';
                figure.setAttribute('data-zoom', scale.toFixed(3));
            };
            var fitToView = function () {
                scale = fit;
                apply();
            };
            // Zoom from fit to 4x, keeping the point under the cursor (or the centre) in place.
            var zoomTo = function (next, atX, atY) {
                next = Math.min(4, Math.max(fit, next));
                var x = atX === undefined ? viewport.clientWidth / 2 : atX,
                    y = atY === undefined ? viewport.clientHeight / 2 : atY;
                var contentX = (viewport.scrollLeft + x) / scale,
                    contentY = (viewport.scrollTop + y) / scale;
                scale = next;
                apply();
                viewport.scrollLeft = contentX * scale - x;
                viewport.scrollTop = contentY * scale - y;
            };
            apply();
            window.addEventListener('resize', function () {
                var wasFit = scale === fit;
                fit = fitScale();
                if (wasFit || scale < fit) fitToView();
            });
            toolbar.addEventListener('click', function (event) {
                var button = event.target.closest('button');
                if (!button) return;
                var action = button.getAttribute('data-zoom');
                var exportAs = button.getAttribute('data-export');
                if (action === 'in') zoomTo(scale * 1.25);
                else if (action === 'out') zoomTo(scale * 0.8);
                else if (action === 'fit') fitToView();
                else if (exportAs) exportDiagram(svg, width, height, exportAs, figure.getAttribute('data-name') || 'diagram');
            });
            viewport.addEventListener(
                'wheel',
                function (event) {
                    if (!event.ctrlKey && !event.metaKey) return;
                    event.preventDefault();
                    var rect = viewport.getBoundingClientRect();
                    zoomTo(scale * (event.deltaY < 0 ? 1.1 : 0.9), event.clientX - rect.left, event.clientY - rect.top);
                },
                { passive: false },
            );
            // Keyboard: + and - zoom, 0 fits, arrow keys pan.
            viewport.addEventListener('keydown', function (event) {
                var step = 60;
                if (event.key === '+' || event.key === '=') zoomTo(scale * 1.25);
                else if (event.key === '-') zoomTo(scale * 0.8);
                else if (event.key === '0') fitToView();
                else if (event.key === 'ArrowLeft') viewport.scrollLeft -= step;
                else if (event.key === 'ArrowRight') viewport.scrollLeft += step;
                else if (event.key === 'ArrowUp') viewport.scrollTop -= step;
                else if (event.key === 'ArrowDown') viewport.scrollTop += step;
                else return;
                event.preventDefault();
            });
            // A mouse drags to pan (a click without movement still follows a node's link). A finger scrolls the page as
            // anywhere else (touch-action in site.css); two fingers pinch to zoom the diagram.
            var drag = null;
            var touches = {};
            var pinch = null;
            var touchCount = function () {
                return Object.keys(touches).length;
            };
            var spread = function () {
                var points = Object.keys(touches).map(function (id) {
                    return touches[id];
                });
                return Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y);
            };
            viewport.addEventListener('pointerdown', function (event) {
                if (event.pointerType === 'touch') {
                    touches[event.pointerId] = { x: event.clientX, y: event.clientY };
                    if (touchCount() === 2) pinch = { distance: spread(), scale: scale };
                    return;
                }
                if (event.button !== 0) return;
                drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
            });
            viewport.addEventListener('pointermove', function (event) {
                if (event.pointerType === 'touch') {
                    if (!touches[event.pointerId]) return;
                    touches[event.pointerId] = { x: event.clientX, y: event.clientY };
                    if (pinch && touchCount() === 2) zoomTo((pinch.scale * spread()) / pinch.distance);
                    return;
                }
                if (!drag) return;
                var dx = event.clientX - drag.x,
                    dy = event.clientY - drag.y;
                if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
                viewport.scrollLeft = drag.left - dx;
                viewport.scrollTop = drag.top - dy;
            });
            var end = function (event) {
                if (event.pointerType === 'touch') {
                    delete touches[event.pointerId];
                    if (touchCount() < 2) pinch = null;
                    return;
                }
                setTimeout(function () {
                    drag = null;
                }, 0);
            };
            viewport.addEventListener('pointerup', end);
            viewport.addEventListener('pointercancel', end);
            viewport.addEventListener('pointerleave', end);
            viewport.addEventListener(
                'click',
                function (event) {
                    if (drag && drag.moved) event.preventDefault();
                },
                true,
            );
        });
    }

    /** Downloads the diagram as SVG (as drawn, in the theme shown) or as PNG at twice its size. */
    function exportDiagram(svg, width, height, format, name) {
        // Copied into a document of its own, which nothing renders; a style attribute would still fall under the
        // page's Content-Security-Policy, so the palette goes into a <style> element of the copy.
        var clone = document.implementation.createDocument('http://www.w3.org/2000/svg', null, null).importNode(svg, true);
        clone.removeAttribute('style');
        clone.setAttribute('width', width);
        clone.setAttribute('height', height);
        // The palette of the theme shown, resolved here so that the file reads the same anywhere.
        var style = getComputedStyle(svg);
        var names = Array.prototype.filter.call(style, function (n) {
            return n.indexOf('--pom-') === 0;
        });
        var palette =
            'svg{' +
            names
                .map(function (n) {
                    return n + ':' + style.getPropertyValue(n).trim() + ' !important';
                })
                .join(';') +
            '}';
        // And the font the page gave the diagram (assets/fonts.js): the file has to carry it.
        var added = clone.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'style');
        added.textContent = (window.pomDiagramFontFaces || '') + '\n' + palette;
        clone.insertBefore(added, clone.firstChild);
        var text = new XMLSerializer().serializeToString(clone);
        var save = function (blob, extension) {
            var link = document.createElement('a');
            link.href = URL.createObjectURL(blob);
            link.download = name + '.' + extension;
            document.body.appendChild(link);
            link.click();
            setTimeout(function () {
                URL.revokeObjectURL(link.href);
                link.remove();
            }, 0);
        };
        if (format === 'svg') {
            save(new Blob([text], { type: 'image/svg+xml' }), 'svg');
            return;
        }
        var image = new Image();
        image.onload = function () {
            var canvas = document.createElement('canvas');
            canvas.width = Math.round(width * 2);
            canvas.height = Math.round(height * 2);
            var context = canvas.getContext('2d');
            context.scale(2, 2);
            context.drawImage(image, 0, 0, width, height);
            canvas.toBlob(function (blob) {
                if (blob) save(blob, 'png');
            }, 'image/png');
        };
        image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
    }

    document.addEventListener('DOMContentLoaded', function () {
        setUpThemeToggle();
        setUpMenu();
        setUpSortableTables();
        setUpDiagrams();
    });
})();
