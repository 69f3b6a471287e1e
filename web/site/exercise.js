// The exercise panel: an exercise from programs/exercises (window.PIPESIM_PROGRAMS.exercises),
// its .md text, a grid to draw the answer (rows: the instructions that complete, columns:
// cycles; each cell typed with a stage name, S for a stall), serialised as the CSV answer format
// `pipesim check` reads (docs/classroom.md, "Formats") and graded by the model's `check` op.
'use strict';

window.PipesimExercise = (function () {
  const esc = (s) => window.PipesimView.escapeHtml(s);

  // Front matter (`machines: a, b`) and body of an exercise's .md.
  function parseMarkdown(text) {
    const m = /^---\n([\s\S]*?)\n---\n?/.exec(text || '');
    const settings = {};
    if (m) {
      for (const line of m[1].split('\n')) {
        const k = line.indexOf(':');
        if (k > 0) settings[line.slice(0, k).trim()] = line.slice(k + 1).trim();
      }
    }
    return { settings, body: m ? text.slice(m[0].length) : (text || '') };
  }

  // A small Markdown subset (the exercises' own): headings, paragraphs, lists, code blocks,
  // `code`, **bold**, [links](x) shown as their text (the files they point at are not on the page).
  function markdownHtml(body) {
    const inline = (s) => esc(s).replace(/`([^`]*)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const out = [];
    let para = [], list = null, code = null;
    const flush = () => {
      if (para.length) out.push('<p>' + inline(para.join(' ')) + '</p>');
      para = [];
      if (list) out.push('<' + list.tag + '>' + list.items.map((i) => '<li>' + inline(i) + '</li>').join('') + '</' + list.tag + '>');
      list = null;
    };
    for (const line of body.split('\n')) {
      if (code !== null) {
        if (line.startsWith('```')) { out.push('<pre>' + esc(code.join('\n')) + '</pre>'); code = null; } else code.push(line);
        continue;
      }
      let m;
      if (line.startsWith('```')) { flush(); code = []; } else if ((m = /^(#{1,4})\s+(.*)/.exec(line))) {
        flush();
        out.push('<h' + (m[1].length + 2) + '>' + inline(m[2]) + '</h' + (m[1].length + 2) + '>');
      } else if ((m = /^\s*(\d+\.|[-*])\s+(.*)/.exec(line))) {
        const tag = /\d/.test(m[1]) ? 'ol' : 'ul';
        if (para.length || (list && list.tag !== tag)) flush();
        if (!list) list = { tag, items: [] };
        list.items.push(m[2]);
      } else if (line.trim() === '') flush();
      else if (list) list.items[list.items.length - 1] += ' ' + line.trim();
      else para.push(line.trim());
    }
    flush();
    return out.join('\n');
  }

  // A blank answer sheet (`pipesim check --template`): a header of cycle numbers from 1, then one
  // labelled line per instruction; comments and blank lines skipped. Null if it is not one.
  function parseTemplate(text) {
    const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (lines.length < 2) return null;
    const numbers = lines[0].trim().split(/\s+/).map(Number);
    if (numbers[0] !== 1 || numbers.some((n, k) => n !== k + 1)) return null;
    return { labels: lines.slice(1).map((l) => l.trim()), columns: numbers.length };
  }

  // The answer text: `instruction,1,2,…` then one quoted label and one field per cycle a row.
  function answerCsv(labels, cells, columns) {
    const quote = (s) => '"' + s.replace(/"/g, '""') + '"';
    const lines = ['instruction,' + Array.from({ length: columns }, (_, k) => k + 1).join(',')];
    labels.forEach((label, r) => {
      const row = cells[r].slice();
      while (row.length > 0 && row[row.length - 1] === '') row.pop();
      lines.push([quote(label)].concat(row.map((c) => (/[",]/.test(c) ? quote(c) : c))).join(','));
    });
    return lines.join('\n') + '\n';
  }

  function create(app, els) {
    let current = null;   // {exercise, settings, labels, columns}

    function exercises() { return (window.PIPESIM_PROGRAMS && window.PIPESIM_PROGRAMS.exercises) || []; }

    // Loads the exercise: its program in the editor, its text, machines and answer grid. It does
    // not run it (the diagram would show the answer): the student presses Run when ready.
    function select(name) {
      const ex = exercises().find((e) => e.name === name);
      if (!ex) return;
      els.picker.value = name;
      const { settings, body } = parseMarkdown(ex.text);
      const machines = (settings.machines || '5-stage').split(',').map((s) => s.trim()).filter(Boolean);
      els.machine.innerHTML = '';
      for (const m of machines) els.machine.add(new Option(m, m));
      els.text.innerHTML = markdownHtml(body);
      els.feedback.innerHTML = '';
      app.editor.value = ex.source;
      document.getElementById('file').value = ex.path.split('/').pop();
      current = { exercise: ex, settings };
      useMachine();
      buildGrid();
      app.showTab('exercise');
    }

    // Run uses the exercise's machine too (unless the student edits a machine as JSON).
    function useMachine() {
      const preset = document.getElementById('preset');
      if (!document.getElementById('use-json').checked && [...preset.options].some((o) => o.value === els.machine.value)) {
        preset.value = els.machine.value;
        preset.dispatchEvent(new Event('change'));
      }
    }

    // The grid's rows and columns are those of the blank answer sheet `pipesim check --template`
    // gives for the exercise and machine (the `check` op's template mode): the instructions that
    // complete, and cycles safely past the run's end. Without that mode (an older module), the
    // rows are the run's completed instructions and the columns the sheet's rule.
    function sheet() {
      const file = current.exercise.path.split('/').pop(), machine = { preset: els.machine.value };
      const template = app.call('check', { source: current.exercise.source, file, exercise: current.exercise.text,
        machine, mode: 'template' });
      const parsed = template.ok && typeof template.text === 'string' ? parseTemplate(template.text) : null;
      if (parsed) return parsed;
      const reply = app.call('run', { source: current.exercise.source, file, machine, view: true });
      if (!reply.ok) return { error: reply.error };
      const run = reply.view;
      return { labels: run.rows.filter((r) => r[4] !== 1).map((r) => run.texts[r[1]]),
        columns: Math.max(10, Math.ceil((run.lastCycle * 1.5) / 10) * 10) };
    }

    function buildGrid() {
      if (!current) return;
      const s = sheet();
      if (s.error) { els.grid.textContent = s.error; return; }
      current.labels = s.labels;
      current.columns = s.columns;
      const head = '<tr><th>instruction</th>' + Array.from({ length: current.columns }, (_, k) => '<th>' + (k + 1) + '</th>').join('') + '</tr>';
      const body = current.labels.map((label, r) => '<tr><th class="label">' + esc(label) + '</th>' +
        Array.from({ length: current.columns }, (_, c) => '<td><input data-r="' + r + '" data-c="' + c + '" maxlength="6" spellcheck="false"></td>').join('') + '</tr>');
      els.grid.innerHTML = '<table class="answer-grid">' + head + body.join('') + '</table>';
    }

    function cells() {
      const out = current.labels.map(() => Array(current.columns).fill(''));
      for (const input of els.grid.querySelectorAll('input')) out[+input.dataset.r][+input.dataset.c] = input.value.trim();
      return out;
    }

    // Fills the grid from rows of cell texts (used by the browser test and by "clear").
    function setCells(rows) {
      for (const input of els.grid.querySelectorAll('input')) {
        const row = rows[+input.dataset.r] || [];
        input.value = row[+input.dataset.c] || '';
      }
    }

    function answer() { return answerCsv(current.labels, cells(), current.columns); }

    function check() {
      if (!current) return null;
      const reply = app.call('check', { source: current.exercise.source, file: current.exercise.path.split('/').pop(),
        exercise: current.exercise.text, machine: { preset: els.machine.value }, answer: answer(), answer_file: 'answer.csv' });
      if (!reply.ok) {
        els.feedback.innerHTML = '<pre class="feedback error">' + esc(reply.error) + '</pre>';
      } else {
        els.feedback.innerHTML = '<pre class="feedback ' + (reply.passed ? 'passed' : 'failed') + '">' + esc(reply.text) + '</pre>';
      }
      return reply;
    }

    // Arrow keys move between the grid's cells.
    els.grid.addEventListener('keydown', (e) => {
      const t = e.target;
      if (t.tagName !== 'INPUT') return;
      const d = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] }[e.key];
      if (!d) return;
      if ((e.key === 'ArrowLeft' && t.selectionStart > 0) || (e.key === 'ArrowRight' && t.selectionEnd < t.value.length)) return;
      const next = els.grid.querySelector('input[data-r="' + (+t.dataset.r + d[0]) + '"][data-c="' + (+t.dataset.c + d[1]) + '"]');
      if (next) { e.preventDefault(); e.stopPropagation(); next.focus(); next.select(); }
    });
    els.check.addEventListener('click', check);
    els.clear.addEventListener('click', () => setCells([]));
    els.machine.addEventListener('change', () => { useMachine(); buildGrid(); });

    return {
      select, check, answer, setCells,
      shown() { if (!current) els.text.innerHTML = '<p class="muted">Pick an exercise at the top.</p>'; },
    };
  }
  return { create, answerCsv, parseMarkdown, parseTemplate };
})();
