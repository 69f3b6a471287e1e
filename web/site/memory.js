// The memory panel: the bytes around an address as the functional model has them after the
// instructions committed by the end of the cursor's cycle (the model's `state` op), as a hex dump
// that follows the cursor.
'use strict';

window.PipesimMemory = (function () {
  function hexDump(addr, bytes) {
    const lines = [];
    for (let k = 0; k < bytes.length; k += 16) {
      const row = bytes.slice(k, k + 16);
      lines.push((addr + k >>> 0).toString(16).padStart(8, '0') + '  ' +
        // null: no memory at that address.
        row.map((b) => (b === null ? '--' : b.toString(16).padStart(2, '0'))).join(' ').padEnd(48) + ' ' +
        row.map((b) => (b !== null && b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join(''));
    }
    return lines.join('\n');
  }

  function create(app, els) {
    let pending = false;

    function show() {
      if (!app.lastRun || !app.view) return;
      const text = els.addr.value.trim();
      const addr = /^0x/i.test(text) ? parseInt(text.slice(2), 16) : (/^\d+$/.test(text) ? parseInt(text, 10) : NaN);
      const length = Math.max(1, Math.min(4096, parseInt(els.length.value, 10) || 256));
      if (!Number.isFinite(addr) || addr > 0xffffffff) {
        els.dump.textContent = 'the address is a number: 0x… for hex, else decimal';
        return;
      }
      const committed = app.view.diagrams[0].committedBy(app.view.cycle);
      els.when.textContent = 'after the ' + committed + ' instruction' + (committed === 1 ? '' : 's') +
        ' committed by the end of cycle ' + app.view.cycle;
      const req = app.lastRun.request;  // the program that ran, not the editor's text since
      const reply = app.call('state', { source: req.source, file: req.file, instructions: committed, addr, length });
      els.dump.textContent = reply.ok ? hexDump(addr, reply.memory) : reply.error;
    }

    // Once a frame at most, and only while the panel is open.
    function schedule() {
      if (app.activeTab !== 'memory' || pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; show(); });
    }

    els.addr.addEventListener('change', schedule);
    els.length.addEventListener('change', schedule);
    return { cursorMoved: schedule, runChanged: schedule, shown: schedule };
  }
  return { create, hexDump };
})();
