// The program editor: a textarea with a line-number gutter, and a backdrop behind the text that
// marks the lines with assembler errors and shows each message at the end of its line.
'use strict';

window.PipesimEditor = (function () {
  function create(textarea, gutter, backdrop, errorList) {
    let errors = [];  // [{file, line, col, message, text}]
    const esc = window.PipesimView.escapeHtml;

    function redraw() {
      const lines = textarea.value.split('\n');
      const byLine = new Map();
      for (const e of errors) if (e.line > 0 && !byLine.has(e.line)) byLine.set(e.line, e);
      const numbers = [], marked = [];
      for (let k = 1; k <= lines.length; k++) {
        const e = byLine.get(k);
        numbers.push('<div class="' + (e ? 'error' : '') + '"' + (e ? ' title="' + esc(e.message) + '"' : '') + '>' + k + '</div>');
        if (!e) { marked.push(esc(lines[k - 1]) + '\n'); continue; }
        // The column's character is underlined; the message follows the line.
        const text = lines[k - 1], col = Math.max(1, Math.min(e.col || 1, text.length + 1));
        marked.push('<span class="error-line">' + esc(text.slice(0, col - 1)) + '<span class="error-col">' +
          esc(text.slice(col - 1, col) || ' ') + '</span>' + esc(text.slice(col)) + '</span>' +
          '<span class="error-message">  ← ' + esc(e.message) + '</span>\n');
      }
      gutter.innerHTML = numbers.join('');
      backdrop.innerHTML = marked.join('') + '\n';
      syncScroll();
    }

    function syncScroll() {
      gutter.scrollTop = textarea.scrollTop;
      backdrop.scrollTop = textarea.scrollTop;
      backdrop.scrollLeft = textarea.scrollLeft;
    }

    // Puts the caret at line:col and scrolls it into view.
    function goTo(line, col) {
      const lines = textarea.value.split('\n');
      let pos = 0;
      for (let k = 0; k < line - 1 && k < lines.length; k++) pos += lines[k].length + 1;
      pos += Math.max(0, (col || 1) - 1);
      textarea.focus();
      textarea.setSelectionRange(pos, pos);
      const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
      textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
      syncScroll();
    }

    function setErrors(list) {
      errors = list || [];
      errorList.innerHTML = errors.map((e, k) => '<li data-k="' + k + '">' +
        esc((e.file ? e.file + ':' : '') + (e.line ? e.line + ':' + (e.col || 1) + ': ' : '') + e.message) + '</li>').join('');
      redraw();
    }

    errorList.addEventListener('click', (ev) => {
      const li = ev.target.closest('li[data-k]');
      const e = li && errors[+li.dataset.k];
      if (e && e.line && e.file !== 'config') goTo(e.line, e.col);
    });
    textarea.addEventListener('input', () => {
      // Edited text: the markers no longer point at what they were about.
      if (errors.length > 0) setErrors([]); else redraw();
    });
    textarea.addEventListener('scroll', syncScroll);
    // Tab indents instead of leaving the editor.
    textarea.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Tab' || ev.shiftKey || ev.ctrlKey || ev.altKey || ev.metaKey) return;
      ev.preventDefault();
      textarea.setRangeText('    ', textarea.selectionStart, textarea.selectionEnd, 'end');
      redraw();
    });
    redraw();

    return {
      get value() { return textarea.value; },
      set value(text) { textarea.value = text; setErrors([]); textarea.scrollTop = 0; syncScroll(); },
      setErrors,
      goTo,
    };
  }
  return { create };
})();
