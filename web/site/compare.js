// The compare panel: the program on the chosen presets with the model's `compare` op, shown as
// the CLI's table (text) and an SVG bar chart of the cycles or CPI of each machine (the numbers
// of the op's JSON table, as `pipesim compare --format json` gives them).
'use strict';

window.PipesimCompare = (function () {
  // The CLI's default set (pipesim compare without --configs).
  const DEFAULT = ['single-cycle', 'multi-cycle', '5-stage-no-forwarding', '5-stage'];

  // One {name, cycles, cpi} per machine from the JSON table, whatever its outer shape (a list of
  // rows, or an object with one).
  function rowsOf(table) {
    const list = Array.isArray(table) ? table : (table && (table.rows || table.machines || table.results)) || [];
    return list.map((r) => ({
      name: r.machine || r.config || r.name,
      cycles: Number(r.cycles),
      cpi: Number(r.cpi !== undefined ? r.cpi : r.CPI),
    })).filter((r) => r.name !== undefined && Number.isFinite(r.cycles));
  }

  function chart(rows, metric) {
    const esc = window.PipesimView.escapeHtml;
    const values = rows.map((r) => (metric === 'cpi' ? (Number.isFinite(r.cpi) ? r.cpi : 0) : r.cycles));
    const max = Math.max(...values, 1e-9), barH = 22, labelW = 190, plotW = 420;
    const height = rows.length * (barH + 8) + 28;
    const parts = rows.map((r, k) => {
      const y = 8 + k * (barH + 8), w = Math.max(1, (values[k] / max) * plotW);
      const text = metric === 'cpi' ? values[k].toFixed(3) : String(values[k]);
      return '<text class="label" x="' + (labelW - 6) + '" y="' + (y + barH * 0.7) + '">' + esc(r.name) + '</text>' +
        '<rect class="bar" data-machine="' + esc(r.name) + '" x="' + labelW + '" y="' + y + '" width="' + w + '" height="' + barH + '"/>' +
        '<text class="value" x="' + (labelW + w + 6) + '" y="' + (y + barH * 0.7) + '">' + text + '</text>';
    });
    return '<svg class="bars" width="' + (labelW + plotW + 90) + '" height="' + height + '" xmlns="http://www.w3.org/2000/svg">' +
      '<text class="axis" x="' + labelW + '" y="' + (height - 6) + '">' + (metric === 'cpi' ? 'CPI (cycles per instruction)' : 'cycles') +
      ' per machine (shorter is faster)</text>' + parts.join('') + '</svg>';
  }

  function create(app, els) {
    let last = null;  // the last reply

    function fill() {
      els.machines.innerHTML = '';
      for (const p of app.presets) {
        const label = document.createElement('label');
        label.title = p.description;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = p.name;
        box.checked = DEFAULT.includes(p.name);
        label.append(box, ' ' + p.name);
        els.machines.append(label);
      }
    }

    function draw() {
      if (!last) return;
      if (!last.ok) { els.chart.innerHTML = ''; els.text.textContent = last.error; return; }
      els.text.textContent = last.text;
      const rows = rowsOf(last.table);
      els.chart.innerHTML = rows.length > 0 ? chart(rows, els.metric.value) : '';
    }

    function compare() {
      const machines = [...els.machines.querySelectorAll('input:checked')].map((b) => ({ preset: b.value }));
      let sets;
      try { sets = app.machine().sets; } catch { sets = undefined; }  // a broken JSON machine has its own message
      if (sets) for (const m of machines) m.sets = sets;
      last = app.call('compare', Object.assign(app.program(), { machines }));
      if (!last.ok && last.errors && last.errors.length) app.editor.setErrors(last.errors.filter((e) => e.file !== 'config'));
      draw();
    }

    els.button.addEventListener('click', compare);
    els.metric.addEventListener('change', draw);
    return { fill, compare };
  }
  return { create, rowsOf };
})();
