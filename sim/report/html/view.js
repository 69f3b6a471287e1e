// pipesim HTML view: draws the pipeline diagram of each run, with tooltips, forwarding arrows, a
// cycle cursor, the register file at the cursor and the summary. Only the rows and cycles in view
// are in the DOM (virtualised), so long runs stay smooth.
//
// One file, two users (a classic script, no modules, so both work from file://):
// - the page `pipesim run --html` writes: when the page has a `pipesim-data` block, the script
//   draws it with the page's own controls (view.html);
// - the playground (web/site/): `PipesimView.mount(host, data, options)` draws a diagram into
//   `host` and returns a controller (see mount below), so the playground shows the same diagram.
//
// Data (built by sim/report/html_view.cpp): {title, comparison, runs: [run]}, each run
//   {name, description,
//    stages: [stage name],
//    labels: [cell text: a stage name, a functional-unit position, "S" or "*"],
//    labelStage: [per label: its stage index; -1 for S (stall), -2 for * (every stage at once)],
//    lastCycle, texts: [disassembly], notes: [sentence],
//    rows: [[pc, text index, first cycle, [label index per cycle from the first], flushed (0/1),
//            [[cycle - first, note index] for each S cell], flush note index or -1,
//            on ecall rows only: the note index of the ecall rule]],
//    hidden: rows not shown (fetched behind the halting instruction, squashed at the end),
//    forwards: [[cycle, producer row, receiver row, register, latch (stage it ends), receiving
//                stage]] in cycle order,
//    regs: {initial: [32 values], writes: [[cycle, register, value]] in cycle order},
//    summary: text, stats: {...}, limit: message or "", divergence: message (optional)}
'use strict';

(function () {
  const ABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3',
    'a4', 'a5', 'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4',
    't5', 't6'];
  const ZOOMS = [0.2, 0.3, 0.45, 0.6, 0.8, 1, 1.25, 1.5, 2];
  const COLOURS = ['#bfdbfe', '#bbf7d0', '#fed7aa', '#e9d5ff', '#99f6e4', '#fecaca', '#fde68a',
    '#c7d2fe', '#d9f99d', '#fbcfe8', '#a5f3fc', '#ddd6fe'];
  const HEADER_HEIGHT = 20;

  function hex(v) { return '0x' + (v >>> 0).toString(16).padStart(8, '0'); }
  function shortHex(v) { return '0x' + (v >>> 0).toString(16); }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  }
  // Sentences name instructions in `backquotes`: show those as code.
  function rich(s) { return escapeHtml(s).replace(/`([^`]*)`/g, '<code>$1</code>'); }
  function el(tag, cls, parent) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }
  // The first index in a sorted array of records whose key is >= value.
  function lowerBound(arr, value, key) {
    let lo = 0, hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(arr[mid]) < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // One tooltip for the page (view.html has one; a page that mounts a view gets one made).
  function tooltipElement() {
    let t = document.getElementById('tooltip');
    if (!t) {
      t = el('div', null, document.body);
      t.id = 'tooltip';
      t.setAttribute('role', 'tooltip');
      t.hidden = true;
    }
    return t;
  }
  function showTooltip(html, x, y) {
    const tooltip = tooltipElement();
    tooltip.innerHTML = html;
    tooltip.hidden = false;
    const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - w - 4)) + 'px';
    tooltip.style.top = (y + 16 + h > window.innerHeight ? y - h - 8 : y + 16) + 'px';
  }
  function hideTooltip() { tooltipElement().hidden = true; }

  // One colour per stage name across all runs, so IF is the same colour in every diagram.
  function stageColours(runs) {
    const colours = new Map();
    for (const run of runs) {
      for (const name of run.stages) {
        if (!colours.has(name)) colours.set(name, COLOURS[colours.size % COLOURS.length]);
      }
    }
    return colours;
  }

  // The legend's keys, as HTML.
  function legendHtml(stageColour, keysHelp) {
    const keys = [];
    for (const [name, colour] of stageColour) {
      keys.push('<span class="key"><span class="swatch" style="background:' + colour + '">' + escapeHtml(name) +
        '</span></span>');
    }
    keys.push('<span class="key"><span class="swatch cell stall" style="position:static">S</span>stall (hover for why)</span>');
    keys.push('<span class="key"><span class="swatch" style="background:#e5e7eb;opacity:.5;text-decoration:line-through">if</span>flushed</span>');
    keys.push('<span class="key" style="color:var(--forward)">⟶ forwarding</span>');
    if (keysHelp) keys.push('<span class="key">' + escapeHtml(keysHelp) + '</span>');
    return keys.join('');
  }

  // The diagram of one run. `view` is the set of diagrams it belongs to (a View below): the
  // cursor, zoom, arrows and "grow with the cursor" settings they share.
  class Diagram {
    constructor(run, host, view) {
      this.run = run;
      this.view = view;
      this.rows = run.rows;
      // A value forwarded to both operands (add a2, a1, a1) is one path, drawn and listed once.
      this.forwards = run.forwards.filter((f, k, all) => k === 0 || f.join() !== all[k - 1].join());
      // Forwarding into each (receiver row, cycle) and out of each (producer row, cycle), for tooltips.
      this.forwardsAt = new Map();
      for (const f of this.forwards) {
        const into = f[2] + ':' + f[0], out = f[1] + ':' + (f[0] - 1);
        if (!this.forwardsAt.has(into)) this.forwardsAt.set(into, []);
        this.forwardsAt.get(into).push(f);
        if (!this.forwardsAt.has(out)) this.forwardsAt.set(out, []);
        this.forwardsAt.get(out).push(f);
      }
      const longest = Math.max(8, ...run.texts.map((t) => t.length));
      this.labelWidth = Math.min(360, Math.round(7.3 * (longest + 10)) + 14);
      this.pending = false;
      this.id = Diagram.count = (Diagram.count || 0) + 1;

      const section = this.section = el('section', 'run', host);
      if (view.options.title !== false) {
        const title = el('h2', null, section);
        title.textContent = run.name;
        if (run.description) el('div', 'description', section).textContent = run.description;
      }
      const banners = [];
      if (run.limit) banners.push(run.limit);
      if (run.divergence) banners.push(run.divergence);
      if (run.hidden > 0) {
        banners.push(run.hidden + ' instruction' + (run.hidden === 1 ? '' : 's') +
          ' fetched behind the halting instruction and squashed at the end not shown');
      }
      for (const b of banners) el('div', 'banner', section).textContent = b;

      this.scroller = el('div', 'diagram', section);
      this.scroller.tabIndex = 0;
      this.inner = el('div', 'inner', this.scroller);
      this.colhead = el('div', 'colhead', this.inner);
      this.corner = el('div', 'corner', this.colhead);
      this.corner.textContent = 'pc  instruction \\ cycle';
      this.numbers = el('div', null, this.colhead);
      this.rowhead = el('div', 'rowhead', this.inner);
      this.body = el('div', 'body', this.inner);
      this.cursor = el('div', 'curcol', this.body);
      this.layer = el('div', null, this.body);
      this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      this.svg.setAttribute('class', 'arrows');
      this.body.appendChild(this.svg);

      const info = el('div', 'info', section);
      if (view.options.info === false) info.hidden = true;
      const now = el('div', 'box', info);
      el('h3', null, now).textContent = 'At the cursor';
      this.nowList = el('ul', 'now-list', now);
      const regs = el('div', 'box', info);
      el('h3', null, regs).textContent = 'Register file (end of the cycle)';
      this.regTable = el('table', 'regs', regs);
      const summary = el('div', 'box', info);
      el('h3', null, summary).textContent = 'Summary';
      el('pre', null, summary).textContent = run.summary;

      this.scroller.addEventListener('scroll', () => this.schedule());
      this.resizeObserver = new ResizeObserver(() => this.schedule());
      this.resizeObserver.observe(this.scroller);
      this.scroller.addEventListener('mouseover', (e) => this.hover(e));
      this.scroller.addEventListener('mousemove', (e) => { if (!tooltipElement().hidden) this.hover(e); });
      this.scroller.addEventListener('mouseleave', hideTooltip);
      this.scroller.addEventListener('click', (e) => {
        const t = e.target.closest('[data-c]');
        if (t) view.setCycle(+t.dataset.c);
      });
      this.scroller.addEventListener('wheel', (e) => {
        if (!e.ctrlKey) return;
        e.preventDefault();
        view.setZoom(view.zoom + (e.deltaY < 0 ? 1 : -1));
      }, { passive: false });
      this.layout();
    }

    destroy() {
      this.resizeObserver.disconnect();
      this.section.remove();
    }

    // Sizes of everything that depends on the zoom.
    layout() {
      const z = ZOOMS[this.view.zoom];
      const cw = Math.max(6, Math.round(38 * z)), rh = Math.max(4, Math.round(20 * z));
      this.cw = cw;
      this.rh = rh;
      const lw = this.labelWidth, cols = this.run.lastCycle, n = this.rows.length;
      this.inner.style.width = lw + cols * cw + 'px';
      this.inner.style.height = HEADER_HEIGHT + n * rh + 'px';
      this.colhead.style.height = HEADER_HEIGHT + 'px';
      this.corner.style.width = lw + 'px';
      this.rowhead.style.width = lw + 'px';
      this.rowhead.style.height = n * rh + 'px';
      this.rowhead.style.fontSize = Math.max(7, Math.min(12, Math.round(rh * 0.62))) + 'px';
      this.body.style.left = lw + 'px';
      this.body.style.top = HEADER_HEIGHT + 'px';
      this.body.style.width = cols * cw + 'px';
      this.body.style.height = n * rh + 'px';
      this.cursor.style.width = cw + 'px';
      this.cursor.style.height = n * rh + 'px';
      this.fontSize = Math.round(12 * Math.min(1.3, z));
      this.render();
    }

    schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.render(); });
    }

    // The cycles and rows in view (with a small margin).
    visible() {
      const s = this.scroller, cw = this.cw, rh = this.rh;
      const w = Math.max(0, s.clientWidth - this.labelWidth), h = Math.max(0, s.clientHeight - HEADER_HEIGHT);
      return {
        c0: Math.max(1, Math.floor(s.scrollLeft / cw) + 1 - 1),
        c1: Math.min(this.run.lastCycle, Math.ceil((s.scrollLeft + w) / cw) + 1),
        r0: Math.max(0, Math.floor(s.scrollTop / rh) - 1),
        r1: Math.min(this.rows.length, Math.ceil((s.scrollTop + h) / rh) + 1),
      };
    }

    render() {
      const cur = this.view.cycle;
      // Growing: the diagram as it stands at the end of the cursor's cycle (nothing later).
      const upTo = this.view.options.grow ? cur : Infinity;
      const v = this.visible();
      const c0 = v.c0, c1 = Math.min(v.c1, upTo), r0 = v.r0, r1 = v.r1;
      const cw = this.cw, rh = this.rh, run = this.run;
      const tiny = cw < 22 || rh < 12;
      const cells = [], labels = [], numbers = [];
      for (let i = r0; i < r1; i++) {
        const row = this.rows[i];
        const first = row[2], codes = row[3], last = first + codes.length - 1, flushed = row[4] === 1;
        if (first > upTo) continue;
        const flushShown = flushed && last < upTo;
        labels.push('<div class="label' + (flushShown ? ' flushed' : '') + '" data-r="' + i + '" style="top:' +
          i * rh + 'px;height:' + rh + 'px;line-height:' + rh + 'px"><span class="pc">' +
          row[0].toString(16).padStart(8, '0') + '</span>' + escapeHtml(run.texts[row[1]]) + '</div>');
        const from = Math.max(first, c0), to = Math.min(last, c1);
        for (let c = from; c <= to; c++) {
          const code = codes[c - first], text = run.labels[code], stage = run.labelStage[code];
          let cls = 'cell';
          if (stage === -1) cls += ' stall';
          if (flushed) cls += ' flushed';
          if (c === cur) cls += ' cur';
          if (tiny) cls += ' tiny';
          const colour = stage >= 0 ? this.view.stageColour.get(run.stages[stage]) : '#e5e7eb';
          cells.push('<div class="' + cls + '" data-r="' + i + '" data-c="' + c + '" style="left:' +
            ((c - 1) * cw + 1) + 'px;top:' + (i * rh + 1) + 'px;width:' + (cw - 2) + 'px;height:' +
            (rh - 2) + 'px;line-height:' + (rh - 4) + 'px;font-size:' + this.fontSize +
            'px;background:' + colour + '">' + escapeHtml(text) + '</div>');
        }
        if (flushShown && last + 1 >= c0 && last + 1 <= c1 + 1) {
          cells.push('<div class="flushmark" style="left:' + (last * cw + 3) + 'px;top:' + i * rh +
            'px;line-height:' + rh + 'px">' + (tiny ? '✕' : '✕ flushed') + '</div>');
        }
      }
      // Cycle numbers: all of them when there is room, else every 2nd, 5th, 10th… (and the cursor).
      const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
      const every = steps.find((k) => k * cw >= 30) || 1000;
      for (let c = c0; c <= v.c1; c++) {
        if (c % every !== 0 && c !== 1 && c !== cur) continue;
        numbers.push('<div class="num' + (c === cur ? ' current' : '') + '" data-c="' + c + '" style="left:' +
          (this.labelWidth + (c - 1) * cw) + 'px;width:' + cw + 'px;line-height:' + HEADER_HEIGHT + 'px">' +
          c + '</div>');
      }
      this.layer.innerHTML = cells.join('');
      this.rowhead.innerHTML = labels.join('');
      this.numbers.innerHTML = numbers.join('');
      this.cursor.style.left = (cur - 1) * cw + 'px';
      this.cursor.hidden = cur > run.lastCycle;
      this.drawArrows(c0, c1, r0, r1);
    }

    // Forwarding: an arrow from the producer's cell in the cycle before (its value is in the
    // pipeline register at the boundary between the two cycles) to the receiving cell.
    drawArrows(c0, c1, r0, r1) {
      const parts = [];
      if (this.view.arrows) {
        const cw = this.cw, rh = this.rh, fw = this.forwards;
        const start = lowerBound(fw, c0, (f) => f[0]);
        const end = lowerBound(fw, Math.min(c1 + 2, this.view.options.grow ? this.view.cycle + 1 : Infinity), (f) => f[0]);
        for (let k = start; k < end && parts.length < 4000; k++) {
          const f = fw[k];
          if (Math.max(f[1], f[2]) < r0 || Math.min(f[1], f[2]) >= r1) continue;
          const x = (f[0] - 1) * cw, y1 = f[1] * rh + rh / 2, y2 = f[2] * rh + rh / 2;
          const x1 = x - cw * 0.3, x2 = x + cw * 0.25;
          parts.push('<path class="' + (f[0] === this.view.cycle ? 'now' : '') + '" marker-end="url(#head' + this.id + ')" d="M' +
            x1 + ',' + y1 + ' C' + x + ',' + y1 + ' ' + (x - cw * 0.1) + ',' + y2 + ' ' + x2 + ',' + y2 + '"/>');
        }
      }
      this.svg.setAttribute('width', this.run.lastCycle * this.cw);
      this.svg.setAttribute('height', this.rows.length * this.rh);
      this.svg.innerHTML = '<defs><marker id="head' + this.id + '" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="5" ' +
        'markerHeight="5" orient="auto"><path d="M0,0 L6,3 L0,6 z" style="fill:var(--forward);stroke:none"/>' +
        '</marker></defs>' + parts.join('');
    }

    latchName(stage) {
      const s = this.run.stages;
      return s[stage] + '/' + (stage + 1 < s.length ? s[stage + 1] : '');
    }

    code(rowIndex) {
      const row = this.rows[rowIndex];
      return '`' + this.run.texts[row[1]] + '` at ' + shortHex(row[0]);
    }

    // The sentences of a cell's tooltip.
    describe(i, c) {
      const run = this.run, row = this.rows[i], first = row[2];
      const text = run.labels[row[3][c - first]], stage = run.labelStage[row[3][c - first]];
      const lines = [this.code(i) + ', cycle ' + c];
      const note = row[5].find((n) => n[0] === c - first);
      if (note) lines.push(run.notes[note[1]]);
      else if (stage === -2) lines.push('passes every stage in this one cycle');
      else if (stage >= 0 && text !== run.stages[stage]) lines.push('in ' + run.stages[stage] + ', on ' + text);
      else if (stage >= 0) lines.push('in ' + text);
      for (const f of this.forwardsAt.get(i + ':' + c) || []) {
        const path = this.latchName(f[4]) + ' → ' + run.stages[f[5]];
        if (f[2] === i && f[0] === c) lines.push('gets ' + ABI[f[3]] + ' forwarded over ' + path + ' from ' + this.code(f[1]));
        else lines.push('its ' + ABI[f[3]] + ' is forwarded over ' + path + ' to ' + this.code(f[2]) + ' in cycle ' + f[0]);
      }
      if (row[4] === 1) lines.push(run.notes[row[6]]);
      if (row.length > 7) lines.push(run.notes[row[7]]);  // an ecall: why it never stalls
      return lines;
    }

    hover(e) {
      const t = e.target.closest('.cell, .label');
      if (!t) { hideTooltip(); return; }
      const i = +t.dataset.r;
      const lines = t.classList.contains('label')
        ? [this.code(i)].concat(this.rows[i][4] === 1 ? [this.run.notes[this.rows[i][6]]] : [],
          this.rows[i].length > 7 ? [this.run.notes[this.rows[i][7]]] : [])
        : this.describe(i, +t.dataset.c);
      showTooltip(lines.map(rich).join('<br>'), e.clientX, e.clientY);
    }

    // Rows in the machine during cycle c. Rows are in fetch order, so their first cycles grow;
    // an in-order machine holds a short run of consecutive rows.
    rowsAt(c) {
      const out = [];
      let i = lowerBound(this.rows, c + 1, (r) => r[2]) - 1, misses = 0;
      for (; i >= 0 && misses < 32; i--) {
        const r = this.rows[i];
        if (r[2] + r[3].length - 1 >= c) { out.push(i); misses = 0; } else misses++;
      }
      return out.reverse();
    }

    // What each row present in cycle c does: [{row, label (cell text), stage (index, -2 for *),
    // stalled}]; an S cell is in the stage of the row's last cell before it that is not S.
    occupantsAt(c) {
      const run = this.run;
      return this.rowsAt(c).map((i) => {
        const row = this.rows[i];
        let k = c - row[2];
        while (k > 0 && run.labelStage[row[3][k]] === -1) k--;
        return { row: i, label: run.labels[row[3][k]], stage: run.labelStage[row[3][k]],
          stalled: k !== c - row[2], flushed: row[4] === 1, text: run.texts[row[1]], pc: row[0] };
      });
    }

    // The forwarding paths used in cycle c.
    forwardsIn(c) {
      const fw = this.forwards, out = [];
      for (let k = lowerBound(fw, c, (f) => f[0]); k < fw.length && fw[k][0] === c; k++) out.push(fw[k]);
      return out;
    }

    registersAt(c) {
      const regs = this.run.regs, values = regs.initial.slice(), changed = new Set();
      const end = lowerBound(regs.writes, c + 1, (w) => w[0]);
      for (let k = 0; k < end; k++) {
        const w = regs.writes[k];
        values[w[1]] = w[2];
        if (w[0] === c) changed.add(w[1]);
      }
      return { values, changed };
    }

    // Instructions that left the last stage (committed) by the end of cycle c.
    committedBy(c) {
      let n = 0;
      for (const row of this.rows) {
        if (row[2] > c) break;
        if (row[4] !== 1 && row[2] + row[3].length - 1 <= c) n++;
      }
      return n;
    }

    // Moves the cursor: highlight, scroll it into view, update the side panels.
    setCycle(c) {
      const s = this.scroller, w = s.clientWidth - this.labelWidth, h = s.clientHeight - HEADER_HEIGHT;
      const x = (c - 1) * this.cw;
      if (c <= this.run.lastCycle && (x < s.scrollLeft || x + this.cw > s.scrollLeft + w)) {
        s.scrollLeft = Math.max(0, x - w / 2);
      }
      const present = this.rowsAt(c);
      if (present.length > 0) {
        const top = present[0] * this.rh, bottom = (present[present.length - 1] + 1) * this.rh;
        if (bottom < s.scrollTop || top > s.scrollTop + h) s.scrollTop = Math.max(0, top - h / 3);
      }
      this.render();
      this.updateInfo(c);
    }

    updateInfo(c) {
      const run = this.run, items = [];
      if (c > run.lastCycle) items.push('the run ended in cycle ' + run.lastCycle);
      for (const o of this.occupantsAt(c)) {
        items.push(o.label + (o.stalled ? ' (stalled)' : '') + ': ' + this.code(o.row));
      }
      for (const f of this.forwardsIn(c)) {
        items.push('forwarding ' + ABI[f[3]] + ' over ' + this.latchName(f[4]) + ' → ' + run.stages[f[5]] +
          ': ' + this.code(f[1]) + ' → ' + this.code(f[2]));
      }
      this.nowList.innerHTML = items.map((s) => '<li>' + rich(s) + '</li>').join('');
      const { values, changed } = this.registersAt(Math.min(c, run.lastCycle));
      const rowsHtml = [];
      // Side by side, the panels are narrow: 2 columns of 16 registers instead of 4 of 8.
      const columns = this.view.options.registerColumns || (this.view.diagrams.length > 1 ? 2 : 4);
      const perColumn = 32 / columns;
      for (let r = 0; r < perColumn; r++) {
        let tr = '<tr>';
        for (let col = 0; col < columns; col++) {
          const reg = col * perColumn + r;
          tr += '<td class="name">x' + reg + ' ' + ABI[reg] + '</td><td data-reg="' + reg + '"' +
            (changed.has(reg) ? ' class="changed"' : '') + '>' + hex(values[reg]) + '</td>';
        }
        rowsHtml.push(tr + '</tr>');
      }
      this.regTable.innerHTML = rowsHtml.join('');
    }
  }

  // The diagrams of a set of runs with one cursor. options:
  //   grow: draw only what has happened by the end of the cursor's cycle (the diagram grows as
  //         the cursor moves), title: false hides each run's name, info: false hides the panels
  //         under the diagram, registerColumns: 2 or 4, onCycle(c): called when the cursor moves,
  //         onZoom(percent): when the zoom changes.
  class View {
    constructor(host, data, options) {
      this.host = host;
      this.options = Object.assign({}, options || {});
      this.cycle = 1;
      this.zoom = ZOOMS.indexOf(1);
      this.arrows = true;
      this.diagrams = [];
      this.setData(data);
    }

    // Replaces the runs shown (a page's data {runs: [...]} or one run); keeps the zoom.
    setData(data) {
      for (const d of this.diagrams) d.destroy();
      this.diagrams = [];
      this.data = data && data.runs ? data : { runs: data ? [data] : [] };
      this.runs = this.data.runs;
      this.maxCycle = Math.max(1, ...this.runs.map((r) => r.lastCycle));
      this.stageColour = stageColours(this.runs);
      this.host.classList.toggle('compare', this.runs.length > 1);
      for (const run of this.runs) this.diagrams.push(new Diagram(run, this.host, this));
      this.setCycle(Math.min(this.cycle, this.maxCycle));
    }

    setCycle(c) {
      this.cycle = Math.max(1, Math.min(this.maxCycle, Math.round(c) || 1));
      for (const d of this.diagrams) d.setCycle(this.cycle);
      if (this.options.onCycle) this.options.onCycle(this.cycle);
    }

    setZoom(index) {
      index = Math.max(0, Math.min(ZOOMS.length - 1, index));
      if (index === this.zoom) return;
      const anchors = this.diagrams.map((d) => [d.scroller.scrollLeft / d.cw, d.scroller.scrollTop / d.rh]);
      this.zoom = index;
      this.diagrams.forEach((d, k) => {
        d.layout();
        d.scroller.scrollLeft = anchors[k][0] * d.cw;
        d.scroller.scrollTop = anchors[k][1] * d.rh;
        d.render();
      });
      if (this.options.onZoom) this.options.onZoom(Math.round(ZOOMS[index] * 100));
    }

    setArrows(on) {
      this.arrows = on;
      for (const d of this.diagrams) d.render();
    }

    setGrow(on) {
      this.options.grow = on;
      for (const d of this.diagrams) d.render();
    }

    legendHtml(keysHelp) { return legendHtml(this.stageColour, keysHelp); }
  }

  // The page `pipesim run --html` / `compare --html` writes (view.html): its data block and controls.
  function standalonePage(dataBlock) {
    const cycleInput = document.getElementById('cycle');
    const view = new View(document.getElementById('runs'), JSON.parse(dataBlock.textContent), {
      onCycle: (c) => { cycleInput.value = c; },
      onZoom: (percent) => { document.getElementById('zoom-level').textContent = percent + '%'; },
    });
    if (view.data.comparison) {
      const pre = document.getElementById('comparison');
      pre.textContent = view.data.comparison;
      pre.hidden = false;
    }
    document.getElementById('cycle-of').textContent = 'of ' + view.maxCycle;
    cycleInput.max = view.maxCycle;
    document.getElementById('legend').innerHTML = view.legendHtml('←/→ step, Shift 10 cycles, +/− zoom');

    document.getElementById('prev').addEventListener('click', () => view.setCycle(view.cycle - 1));
    document.getElementById('next').addEventListener('click', () => view.setCycle(view.cycle + 1));
    document.getElementById('zoom-in').addEventListener('click', () => view.setZoom(view.zoom + 1));
    document.getElementById('zoom-out').addEventListener('click', () => view.setZoom(view.zoom - 1));
    document.getElementById('show-arrows').addEventListener('change', (e) => view.setArrows(e.target.checked));
    cycleInput.addEventListener('change', () => view.setCycle(+cycleInput.value));
    document.addEventListener('keydown', (e) => {
      if (e.target === cycleInput || e.altKey || e.ctrlKey || e.metaKey) return;
      const step = e.shiftKey ? 10 : 1;
      const actions = {
        ArrowRight: () => view.setCycle(view.cycle + step),
        ArrowLeft: () => view.setCycle(view.cycle - step),
        Home: () => view.setCycle(1),
        End: () => view.setCycle(view.maxCycle),
        '+': () => view.setZoom(view.zoom + 1),
        '=': () => view.setZoom(view.zoom + 1),
        '-': () => view.setZoom(view.zoom - 1),
      };
      if (!actions[e.key]) return;
      e.preventDefault();
      actions[e.key]();
    });
    view.setCycle(1);
  }

  window.PipesimView = {
    // Draws `data` into `host`; returns the View (setCycle, setData, setZoom, setArrows, setGrow,
    // cycle, maxCycle, diagrams[k].registersAt / occupantsAt / forwardsIn / committedBy).
    mount: (host, data, options) => new View(host, data, options),
    ABI,
    escapeHtml,
    rich,
  };

  const dataBlock = document.getElementById('pipesim-data');
  if (dataBlock) standalonePage(dataBlock);
})();
