/**
 * The report's inline client script: step selection by click, keyboard and URL hash.
 * Plain ES5-style browser code kept as a string (the package compiles without DOM types).
 */

/**
 * Client script of the report page.
 *
 * @remarks Selecting a step marks its timeline entry `selected` (aria-pressed), shows the drawing
 * named by its `data-drawing`, and updates the view title. `#step-N` in the URL selects step N on
 * load and on `hashchange`; otherwise the last step stays selected. Arrow keys (and j/k) move the
 * selection, Home/End jump to the first/last step. Clicks update the hash with
 * `history.replaceState`, so they add no history entries. The selected step is scrolled into view
 * on load, so a long run opens showing its last step.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var steps = Array.prototype.slice.call(document.querySelectorAll('.timeline > .step'));
  var drawings = Array.prototype.slice.call(document.querySelectorAll('.drawing'));
  var titleEl = document.getElementById('view-title');
  var current = -1;
  if (steps.length === 0) return;

  function select(i, updateHash, scroll) {
    if (i < 0 || i >= steps.length) return;
    current = i;
    var step = steps[i];
    steps.forEach(function (s, j) {
      s.classList.toggle('selected', j === i);
      var head = s.querySelector('.step-head');
      if (head) head.setAttribute('aria-pressed', j === i ? 'true' : 'false');
    });
    var id = step.getAttribute('data-drawing');
    drawings.forEach(function (d) { d.hidden = d.getAttribute('data-drawing') !== id; });
    if (titleEl) {
      var cmd = step.querySelector('.step-command');
      titleEl.querySelector('.view-step').textContent = '#' + step.getAttribute('data-step');
      titleEl.querySelector('.view-command').textContent = cmd ? cmd.textContent : '';
    }
    document.body.setAttribute('data-selected-step', step.getAttribute('data-step'));
    if (updateHash) {
      try { history.replaceState(null, '', '#step-' + step.getAttribute('data-step')); } catch (e) { /* file:// may refuse */ }
    }
    if (scroll && step.scrollIntoView) step.scrollIntoView({ block: 'nearest' });
  }

  function fromHash() {
    var m = /^#step-(\\d+)$/.exec(location.hash);
    if (!m) return -1;
    for (var i = 0; i < steps.length; i++) if (steps[i].getAttribute('data-step') === m[1]) return i;
    return -1;
  }

  steps.forEach(function (s, i) {
    var head = s.querySelector('.step-head');
    if (head) head.addEventListener('click', function () { select(i, true, false); });
  });

  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    var next = -1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'j') next = current + 1;
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft' || e.key === 'k') next = current - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = steps.length - 1;
    else return;
    e.preventDefault();
    next = Math.max(0, Math.min(steps.length - 1, next));
    select(next, true, true);
    var head = steps[next].querySelector('.step-head');
    if (head) head.focus({ preventScroll: true });
  });

  window.addEventListener('hashchange', function () {
    var i = fromHash();
    if (i >= 0) select(i, false, true);
  });

  var initial = fromHash();
  select(initial >= 0 ? initial : steps.length - 1, false, true);
})();
`;
