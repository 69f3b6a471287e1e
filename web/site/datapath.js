// The datapath picture (SVG) of the configured machine, from the model's `datapath` op: its
// stages with their units, the pipeline registers (latches) between them and the forwarding
// paths; at the cursor, the instruction in each stage (view data) and the paths in use (the
// run's `forwards`) highlighted.
'use strict';

window.PipesimDatapath = (function () {
  const BOX_W = 132, BOX_H = 84, GAP = 44, TOP = 34, LATCH_W = 10;

  function create(app, host) {
    let shape = null;  // {stages: [{name, details}], forwarding: [{from, to, kind}]} (stage indices)
    let stale = true;
    const esc = window.PipesimView.escapeHtml;

    // The op's reply in stage indices; what it says about a stage besides its name, as lines.
    function normalise(reply, run) {
      const names = (reply.stages || []).map((s) => (typeof s === 'string' ? s : s.name));
      const index = (v) => (typeof v === 'number' ? v : names.indexOf(v));
      // Under the name: the stage's role and latency, then its units (an execute stage's).
      const details = (s) => {
        if (typeof s === 'string') return [];
        const lines = [[s.role, s.latency_ps !== undefined ? s.latency_ps + ' ps' : ''].filter(Boolean).join(', ')];
        const units = Array.isArray(s.units) ? s.units : [];
        if (units.length > 0) {
          lines.push(units.map((u) => (typeof u === 'object' ? u.name || u.kind || Object.values(u).join(' ') : u)).join(', '));
        }
        return lines.filter((l) => l !== '');
      };
      return {
        stages: (reply.stages || []).map((s, k) => ({ name: names[k], details: details(s) })),
        forwarding: (reply.forwarding || []).map((f) => ({ from: index(f.from), to: index(f.to), kind: f.kind || '' }))
          .filter((f) => f.from >= 0 && f.to >= 0),
        note: reply.description || '',
        fallback: false,
        run,
      };
    }

    function load() {
      stale = false;
      if (!app.lastRun) { shape = null; return; }
      const run = app.lastRun.reply.view;
      const reply = app.call('datapath', { machine: app.lastRun.request.machine });
      if (reply.ok) { shape = normalise(reply, run); return; }
      // Without the op: the stages of the run, and the forwarding paths the run used.
      const seen = new Map();
      for (const f of run.forwards) seen.set(f[4] + ':' + f[5], { from: f[4], to: f[5], kind: 'used in this run' });
      shape = { stages: run.stages.map((n) => ({ name: n, details: [] })), forwarding: [...seen.values()],
        note: 'the model gave no datapath (' + reply.error + '): forwarding paths are those this run used', fallback: true, run };
    }

    function draw() {
      if (!app.view || !app.lastRun) { host.innerHTML = '<p class="muted">Run a program first.</p>'; return; }
      if (stale) load();
      const n = shape.stages.length, c = app.view.cycle, d = app.view.diagrams[0];
      const x = (k) => 10 + k * (BOX_W + GAP);
      const width = x(n) - GAP + 20, lanes = shape.forwarding.length;
      const height = TOP + BOX_H + 30 + lanes * 16 + 20;
      const occupants = new Map();
      for (const o of d.occupantsAt(c)) {
        const stages = o.stage === -2 ? shape.stages.map((_, k) => k) : [o.stage];
        for (const s of stages) {
          if (!occupants.has(s)) occupants.set(s, []);
          occupants.get(s).push(o);
        }
      }
      const active = d.forwardsIn(c);
      const parts = [];
      parts.push('<defs><marker id="dp-head" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="6" markerHeight="6" orient="auto">' +
        '<path d="M0,0 L6,3 L0,6 z" fill="#475569"/></marker></defs>');
      shape.stages.forEach((s, k) => {
        const busy = occupants.get(k) || [];
        parts.push('<g class="dp-stage' + (busy.length ? ' busy' : '') + '" data-stage="' + k + '">' +
          '<rect x="' + x(k) + '" y="' + TOP + '" width="' + BOX_W + '" height="' + BOX_H + '" rx="6"/>' +
          '<text class="dp-name" x="' + (x(k) + BOX_W / 2) + '" y="' + (TOP + 16) + '">' + esc(s.name) + '</text>');
        s.details.slice(0, 2).forEach((line, j) => {
          parts.push('<text class="dp-detail" x="' + (x(k) + BOX_W / 2) + '" y="' + (TOP + 30 + j * 11) + '">' +
            esc(line.length > 24 ? line.slice(0, 23) + '…' : line) + '</text>');
        });
        busy.slice(0, 3).forEach((o, j) => {
          const text = o.text.length > 20 ? o.text.slice(0, 19) + '…' : o.text;
          parts.push('<text class="dp-insn' + (o.stalled ? ' stalled' : '') + (o.flushed ? ' flushed' : '') +
            '" x="' + (x(k) + BOX_W / 2) + '" y="' + (TOP + 56 + j * 12) + '"><title>' + esc(o.text + ' at 0x' + o.pc.toString(16) +
            (o.stalled ? ' (stalled)' : '') + (o.flushed ? ' (flushed)' : '')) + '</title>' + esc(text) + (o.stalled ? ' (S)' : '') + '</text>');
        });
        parts.push('</g>');
        if (k + 1 < n) {
          // The pipeline register between stage k and k + 1.
          const lx = x(k) + BOX_W + (GAP - LATCH_W) / 2;
          parts.push('<rect class="dp-latch" x="' + lx + '" y="' + (TOP - 6) + '" width="' + LATCH_W + '" height="' + (BOX_H + 12) + '">' +
            '<title>' + esc(s.name + '/' + shape.stages[k + 1].name) + '</title></rect>' +
            '<line class="dp-flow" x1="' + (x(k) + BOX_W) + '" y1="' + (TOP + BOX_H / 2) + '" x2="' + (x(k + 1)) + '" y2="' + (TOP + BOX_H / 2) + '" marker-end="url(#dp-head)"/>' +
            '<text class="dp-latch-name" x="' + (lx + LATCH_W / 2) + '" y="' + (TOP - 10) + '">' + esc(s.name + '/' + shape.stages[k + 1].name) + '</text>');
        }
      });
      // Forwarding: from the latch at the end of `from` back to the input of `to`, under the boxes.
      shape.forwarding.forEach((f, j) => {
        const on = active.filter((a) => a[4] === f.from && a[5] === f.to);
        const sx = f.from + 1 < n ? x(f.from) + BOX_W + GAP / 2 : x(f.from) + BOX_W;
        const tx = x(f.to) + BOX_W * 0.3 + (j % 3) * 8, y = TOP + BOX_H + 18 + j * 16;
        const regs = [...new Set(on.map((a) => window.PipesimView.ABI[a[3]]))].join(', ');
        parts.push('<g class="dp-forward' + (on.length ? ' active' : '') + '" data-from="' + f.from + '" data-to="' + f.to + '">' +
          '<path d="M' + sx + ',' + (TOP + BOX_H + 6) + ' V' + y + ' H' + tx + ' V' + (TOP + BOX_H + 2) + '" marker-end="url(#dp-head)"/>' +
          '<text x="' + (Math.max(sx, tx) + 6) + '" y="' + (y + 4) + '">' +
          esc((f.from + 1 < n ? shape.stages[f.from].name + '/' + shape.stages[f.from + 1].name : shape.stages[f.from].name) +
            ' → ' + shape.stages[f.to].name + (f.kind ? ' (' + f.kind + ')' : '') + (regs ? ': ' + regs : '')) + '</text></g>');
      });
      host.innerHTML = (shape.note ? '<p class="muted small">' + esc(shape.note) + '</p>' : '') +
        '<p class="small">cycle ' + c + '</p><svg class="datapath" width="' + width + '" height="' + height +
        '" viewBox="0 0 ' + width + ' ' + height + '" xmlns="http://www.w3.org/2000/svg">' + parts.join('') + '</svg>';
    }

    return {
      runChanged() { stale = true; if (app.activeTab === 'datapath') draw(); },
      cursorMoved() { if (app.activeTab === 'datapath') draw(); },
      shown: draw,
    };
  }
  return { create };
})();
