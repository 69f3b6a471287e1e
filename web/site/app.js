// The playground page: wires the editor, the machine picker, the run controls and the panels to
// the model (window.loadPipesim(), pipesim-api.js). Everything shown is what the C++ model
// computes; this file only asks for it and lays it out. Panels: pipeline diagram (view.js),
// datapath.js, memory.js, explain.js, compare.js, exercise.js; editor.js, permalink.js. A panel
// is {runChanged(), cursorMoved(c), shown()} (each optional), told when the run, the cursor or the
// open tab changes.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const esc = window.PipesimView.escapeHtml;
  // Speeds of the animation, in cycles per second (the slider's positions).
  const SPEEDS = [1, 2, 3, 5, 8, 12, 20, 30, 60, 120, 240];

  const app = {
    api: null,
    presets: [],
    view: null,        // the PipesimView of the last run
    lastRun: null,     // {request, reply, result}
    timer: null,       // the animation's interval
    activeTab: 'pipeline',
  };
  window.PipesimApp = app;  // for the browser test and the console

  function status(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }

  // A call to the model; a thrown exception (a broken module) becomes a failed reply.
  function call(op, args) {
    try {
      return app.api.call(op, args || {});
    } catch (e) {
      return { ok: false, error: String(e && e.message || e), errors: [] };
    }
  }
  app.call = call;

  // ---- the machine -------------------------------------------------------------------------
  function setsList() { return $('sets').value.split(/[\s,]+/).filter((s) => s !== ''); }

  // The "machine" argument of the API; throws with a message if the JSON does not parse.
  function machine() {
    let m;
    if ($('use-json').checked) {
      try {
        m = { json: JSON.parse($('config-json').value) };
      } catch (e) {
        throw Object.assign(new Error('the machine\'s JSON does not parse: ' + e.message), { config: true });
      }
    } else {
      m = { preset: $('preset').value };
    }
    const sets = setsList();
    if (sets.length > 0) m.sets = sets;
    return m;
  }
  app.machine = machine;

  function presetConfig(name) {
    const p = app.presets.find((x) => x.name === name);
    return p ? p.config : null;
  }

  function showPresetDescription() {
    const p = app.presets.find((x) => x.name === $('preset').value);
    $('preset-description').textContent = p ? p.description : '';
  }

  function setUseJson(on) {
    $('use-json').checked = on;
    $('config-json').hidden = !on;
    if (on && $('config-json').value.trim() === '') {
      $('config-json').value = JSON.stringify(presetConfig($('preset').value), null, 2);
    }
  }

  function program() { return { source: app.editor.value, file: $('file').value || 'program.s' }; }
  app.program = program;

  // ---- running -------------------------------------------------------------------------------
  function runRequest() {
    const req = Object.assign(program(), { machine: machine(), view: true });
    const max = parseInt($('max-cycles').value, 10);
    if (max > 0) req.max_cycles = max;
    return req;
  }

  // Shows a failed reply: assembler errors at their lines, config errors (file "config") with
  // their JSON path under the machine, anything else in the status line.
  function showFailure(reply) {
    const errors = reply.errors || [];
    const asm = errors.filter((e) => e.file !== 'config');
    app.editor.setErrors(asm.length > 0 ? asm : []);
    const config = errors.filter((e) => e.file === 'config');
    $('config-errors') && $('config-errors').remove();
    if (config.length > 0) {
      const ul = document.createElement('ul');
      ul.id = 'config-errors';
      ul.className = 'errors';
      ul.innerHTML = config.map((e) => '<li>' + esc(e.message) + '</li>').join('');
      $('preset-description').after(ul);
    }
    status(reply.error || 'failed', true);
  }

  function clearFailure() {
    app.editor.setErrors([]);
    $('config-errors') && $('config-errors').remove();
  }

  // Assembles and runs; the diagram shows the run with the cursor at `cycle` (default: the end).
  function run(cycle) {
    stop();
    let req;
    try {
      req = runRequest();
    } catch (e) {
      status(e.message, true);
      return false;
    }
    status('running…');
    const started = performance.now();
    const reply = call('run', req);
    const ms = performance.now() - started;
    if (!reply.ok) {
      showFailure(reply);
      return false;
    }
    clearFailure();
    const result = JSON.parse(reply.result_text);
    app.lastRun = { request: req, reply, result };
    showRun(reply, result, ms);
    app.view.setCycle(cycle === undefined ? app.view.maxCycle : cycle);
    for (const panel of app.panels) panel.runChanged && panel.runChanged();
    showTab(app.activeTab);
    return true;
  }
  app.run = run;

  function showRun(reply, result, ms) {
    const host = $('runs');
    if (!app.view) {
      host.innerHTML = '';
      app.view = window.PipesimView.mount(host, reply.view, {
        grow: $('grow').checked,
        title: false,
        onCycle: cursorMoved,
        onZoom: (p) => { $('zoom-level').textContent = p + '%'; },
      });
      app.view.setArrows($('show-arrows').checked);
    } else {
      app.view.setData(reply.view);
    }
    $('legend').innerHTML = app.view.legendHtml('←/→ step (Shift: 10), Home/End, Space play, Ctrl+Enter run');
    $('cycle').max = app.view.maxCycle;
    $('cycle-of').textContent = 'of ' + app.view.maxCycle;
    const halt = result.halt === 'exit' ? 'exit ' + result.exit_code : result.halt;
    const cpi = result.instructions > 0 ? (result.cycles / result.instructions).toFixed(3) : '–';
    $('result-line').innerHTML = '<b id="result-cycles">' + result.cycles + '</b> cycles, <b id="result-instructions">' +
      result.instructions + '</b> instructions, CPI ' + cpi + ', ' + esc(halt) +
      (result.stdout ? ', output <code>' + esc(result.stdout) + '</code>' : '') +
      ' <span class="muted small">(' + Math.round(ms) + ' ms in the browser)</span>';
    status(reply.view.name + ': ' + result.cycles + ' cycles');
  }

  // ---- the cursor ----------------------------------------------------------------------------
  function cursorMoved(c) {
    $('cycle').value = c;
    for (const panel of app.panels) panel.cursorMoved && panel.cursorMoved(c);
    schedulePermalink();
  }

  function setCycle(c) { if (app.view) app.view.setCycle(c); }
  app.setCycle = setCycle;

  function stop() {
    if (app.timer) clearInterval(app.timer);
    app.timer = null;
    $('play').textContent = 'play';
  }

  function play() {
    if (!app.view) return;
    if (app.timer) { stop(); return; }
    if (app.view.cycle >= app.view.maxCycle) setCycle(1);
    const speed = SPEEDS[+$('speed').value];
    // Above 60 cycles per second the page draws once a frame, several cycles at a time.
    const perTick = Math.max(1, Math.round(speed / 60)), interval = 1000 / Math.min(speed, 60);
    $('play').textContent = 'pause';
    app.timer = setInterval(() => {
      if (!app.view) { stop(); return; }
      setCycle(app.view.cycle + perTick);
      // Stopped as the last cycle is shown, not a tick later: the button says so at once.
      if (app.view.cycle >= app.view.maxCycle) stop();
    }, interval);
  }

  // ---- tabs ----------------------------------------------------------------------------------
  function showTab(name) {
    app.activeTab = name;
    for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.tab === name);
    for (const t of document.querySelectorAll('.tab')) t.hidden = t.id !== 'tab-' + name;
    const panel = app.panelByTab[name];
    if (panel && panel.shown) panel.shown();
  }
  app.showTab = showTab;

  // ---- permalink -----------------------------------------------------------------------------
  let permalinkTimer = null;
  function permalinkState() {
    let m;
    try { m = machine(); } catch { m = { preset: $('preset').value }; }
    return { source: app.editor.value, file: $('file').value, machine: m,
      cycle: app.view ? app.view.cycle : 1, tab: app.activeTab, exercise: $('exercise').value || undefined };
  }
  async function writePermalink() {
    const fragment = await window.PipesimPermalink.encode(permalinkState());
    history.replaceState(null, '', '#' + fragment);
    return location.href;
  }
  app.writePermalink = writePermalink;
  // Once there is a run, the address bar follows the page (a moment after the last change).
  function schedulePermalink() {
    if (!app.lastRun) return;
    clearTimeout(permalinkTimer);
    permalinkTimer = setTimeout(writePermalink, 400);
  }

  function applyMachine(m) {
    if (m.json) {
      $('config-json').value = JSON.stringify(m.json, null, 2);
      setUseJson(true);
    } else {
      setUseJson(false);
      if (m.preset) $('preset').value = m.preset;
      showPresetDescription();
    }
    $('sets').value = (m.sets || []).join(' ');
  }

  async function restorePermalink() {
    let state;
    try {
      state = await window.PipesimPermalink.decode(location.hash);
    } catch (e) {
      status(e.message, true);
      return false;
    }
    if (!state) return false;
    if (state.exercise) app.exercise.select(state.exercise);
    app.editor.value = state.source || '';
    $('file').value = state.file || 'program.s';
    applyMachine(state.machine || {});
    if (run(state.cycle || 1) && state.tab) showTab(state.tab);
    return true;
  }

  // ---- start ---------------------------------------------------------------------------------
  function fillPickers() {
    const programs = window.PIPESIM_PROGRAMS || { examples: [], exercises: [] };
    for (const e of programs.examples) $('example').add(new Option(e.name, e.name));
    for (const e of programs.exercises) $('exercise').add(new Option(e.name, e.name));
    for (const p of app.presets) $('preset').add(new Option(p.name, p.name));
    $('preset').value = app.presets.some((p) => p.name === '5-stage') ? '5-stage' : (app.presets[0] || {}).name;
    showPresetDescription();
  }

  function bindControls() {
    $('run').addEventListener('click', () => run());
    $('reset').addEventListener('click', () => { stop(); setCycle(1); });
    $('prev').addEventListener('click', () => { stop(); setCycle(app.view.cycle - 1); });
    $('next').addEventListener('click', () => { stop(); setCycle(app.view.cycle + 1); });
    $('play').addEventListener('click', play);
    $('goto').addEventListener('click', () => { stop(); setCycle(+$('cycle').value); });
    $('cycle').addEventListener('change', () => { stop(); setCycle(+$('cycle').value); });
    const showSpeed = () => { $('speed-value').textContent = SPEEDS[+$('speed').value] + '/s'; };
    $('speed').addEventListener('input', () => { showSpeed(); if (app.timer) { stop(); play(); } });
    showSpeed();
    $('grow').addEventListener('change', (e) => app.view && app.view.setGrow(e.target.checked));
    $('show-arrows').addEventListener('change', (e) => app.view && app.view.setArrows(e.target.checked));
    $('zoom-in').addEventListener('click', () => app.view && app.view.setZoom(app.view.zoom + 1));
    $('zoom-out').addEventListener('click', () => app.view && app.view.setZoom(app.view.zoom - 1));
    $('permalink').addEventListener('click', async () => {
      await writePermalink();
      status('the address bar holds the permalink');
    });
    $('preset').addEventListener('change', () => {
      showPresetDescription();
      if ($('use-json').checked) $('config-json').value = JSON.stringify(presetConfig($('preset').value), null, 2);
    });
    $('use-json').addEventListener('change', (e) => {
      if (e.target.checked) $('config-json').value = '';
      setUseJson(e.target.checked);
    });
    $('example').addEventListener('change', (e) => {
      const ex = (window.PIPESIM_PROGRAMS.examples || []).find((x) => x.name === e.target.value);
      if (!ex) return;
      app.editor.value = ex.source;
      $('file').value = ex.path.split('/').pop();
      run(1);
    });
    $('exercise').addEventListener('change', (e) => { if (e.target.value) app.exercise.select(e.target.value); });
    for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));

    document.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); run(); return; }
      const t = e.target;
      if (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && t.type !== 'checkbox' && t.type !== 'range')) return;
      if (e.altKey || e.ctrlKey || e.metaKey || !app.view) return;
      const step = e.shiftKey ? 10 : 1;
      const actions = {
        ArrowRight: () => { stop(); setCycle(app.view.cycle + step); },
        ArrowLeft: () => { stop(); setCycle(app.view.cycle - step); },
        Home: () => { stop(); setCycle(1); },
        End: () => { stop(); setCycle(app.view.maxCycle); },
        ' ': play,
        '+': () => app.view.setZoom(app.view.zoom + 1),
        '=': () => app.view.setZoom(app.view.zoom + 1),
        '-': () => app.view.setZoom(app.view.zoom - 1),
      };
      if (!actions[e.key]) return;
      e.preventDefault();
      actions[e.key]();
    });
    window.addEventListener('hashchange', () => { restorePermalink(); });
  }

  async function start() {
    app.editor = window.PipesimEditor.create($('source'), $('gutter'), $('backdrop'), $('errors'));
    try {
      app.api = await window.loadPipesim();
    } catch (e) {
      status('the model did not load: ' + (e && e.message || e), true);
      return;
    }
    $('version').textContent = 'pipesim ' + app.api.version;
    const presets = call('presets');
    app.presets = presets.ok ? presets.presets : [];
    if (!presets.ok) status(presets.error, true);
    app.datapath = window.PipesimDatapath.create(app, $('datapath'));
    app.compare = window.PipesimCompare.create(app, {
      machines: $('compare-machines'), button: $('compare-run'), metric: $('compare-metric'),
      chart: $('compare-chart'), text: $('compare-text') });
    app.exercise = window.PipesimExercise.create(app, {
      picker: $('exercise'), machine: $('exercise-machine'), check: $('exercise-check'), clear: $('exercise-clear'),
      feedback: $('exercise-feedback'), grid: $('exercise-grid'), text: $('exercise-text') });
    const memory = window.PipesimMemory.create(app, { addr: $('mem-addr'), length: $('mem-length'),
      when: $('mem-when'), dump: $('memory') });
    const explain = window.PipesimExplain.create(app, $('explain'));
    app.panels = [app.datapath, memory, explain, app.compare, app.exercise];
    app.panelByTab = { datapath: app.datapath, memory, explain, compare: app.compare, exercise: app.exercise };
    fillPickers();
    app.compare.fill();
    bindControls();
    if (!(await restorePermalink())) {
      const first = (window.PIPESIM_PROGRAMS && window.PIPESIM_PROGRAMS.examples || [])
        .find((e) => e.name === 'pipeline_demo') || (window.PIPESIM_PROGRAMS && window.PIPESIM_PROGRAMS.examples[0]);
      if (first) {
        app.editor.value = first.source;
        $('file').value = first.path.split('/').pop();
        $('example').value = first.name;
      }
      if ($('status').textContent === '') status('ready');
    }
    document.body.dataset.ready = '1';  // for the browser test
  }

  start();
})();
