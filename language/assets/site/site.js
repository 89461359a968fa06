// pom site enhancements. Every page reads without this script; it adds the theme switch, sortable tables,
// a collapsible menu on phones, and pan and zoom on diagrams. Loaded in <head> so the saved theme applies
// before the page paints.
(function () {
  'use strict';
  var THEME_KEY = 'pom-theme';
  var root = document.documentElement;

  function storedTheme() {
    try { return localStorage.getItem(THEME_KEY); } catch (e) { return null; }
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
      try { localStorage.setItem(THEME_KEY, next); } catch (e) { /* private mode: the choice lasts this page */ }
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
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && /^-?[\d.]/.test(a) && /^-?[\d.]/.test(b)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
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
          Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
          header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var order = compare(cellValue(a, column), cellValue(b, column));
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
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
      var scale = 1;
      var apply = function () {
        svg.style.width = Math.round(width * scale) + 'px';
        svg.style.height = Math.round(height * scale) + 'px';
      };
      var zoom = function (factor) {
        scale = Math.min(4, Math.max(0.2, scale * factor));
        apply();
      };
      apply();
      toolbar.addEventListener('click', function (event) {
        var button = event.target.closest('button');
        if (!button) return;
        var action = button.getAttribute('data-zoom');
        if (action === 'in') zoom(1.25);
        else if (action === 'out') zoom(0.8);
        else { scale = 1; apply(); }
      });
      viewport.addEventListener('wheel', function (event) {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        zoom(event.deltaY < 0 ? 1.1 : 0.9);
      }, { passive: false });
      viewport.addEventListener('keydown', function (event) {
        if (event.key === '+' || event.key === '=') { zoom(1.25); event.preventDefault(); }
        else if (event.key === '-') { zoom(0.8); event.preventDefault(); }
      });
      // Drag to pan; a click without movement still follows a node's link.
      var drag = null;
      viewport.addEventListener('pointerdown', function (event) {
        if (event.button !== 0) return;
        drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
      });
      viewport.addEventListener('pointermove', function (event) {
        if (!drag) return;
        var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
        viewport.scrollLeft = drag.left - dx;
        viewport.scrollTop = drag.top - dy;
      });
      var end = function () { setTimeout(function () { drag = null; }, 0); };
      viewport.addEventListener('pointerup', end);
      viewport.addEventListener('pointerleave', end);
      viewport.addEventListener('click', function (event) {
        if (drag && drag.moved) event.preventDefault();
      }, true);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    setUpThemeToggle();
    setUpMenu();
    setUpSortableTables();
    setUpDiagrams();
  });
})();
