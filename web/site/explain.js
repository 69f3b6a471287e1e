// The explain panel: what `pipesim explain` prints for the last run (the model's `explain` op),
// asked for when the panel is first opened after a run.
'use strict';

window.PipesimExplain = (function () {
  function create(app, pre) {
    let stale = true;
    function shown() {
      if (!stale || !app.lastRun) return;
      stale = false;
      const req = app.lastRun.request;
      const reply = app.call('explain', { source: req.source, file: req.file, machine: req.machine, max_cycles: req.max_cycles });
      pre.textContent = reply.ok ? reply.text : reply.error;
    }
    return {
      runChanged() { stale = true; if (app.activeTab === 'explain') shown(); },
      shown,
    };
  }
  return { create };
})();
