// The page's handle on the WebAssembly module (docs/web.md, "The API"): a classic script, loaded
// after pipesim.js, that defines
//   window.loadPipesim() -> Promise of {call(op, args) -> reply object, version}
// call() builds the request {"api":1, "op":op, ...args}, passes its JSON to the module's one
// export and parses the reply; it is synchronous (the model runs on the page's thread). A failure
// of the module itself (out of memory, a bug that aborts it) becomes an {"ok":false} reply too,
// so the page has one error path.
(function () {
  'use strict';

  var loading = null;

  function failure(message) {
    return { api: 1, ok: false, error: message, errors: [] };
  }

  function wrap(module) {
    function call(op, args) {
      var request = Object.assign({}, args || {}, { api: 1, op: op });
      try {
        return JSON.parse(module.call(JSON.stringify(request)));
      } catch (e) {
        return failure('the simulator stopped: ' + (e && e.message ? e.message : String(e)));
      }
    }
    var version = call('version');
    if (!version.ok) throw new Error(version.error);
    return { call: call, version: version.pipesim };
  }

  window.loadPipesim = function () {
    if (loading === null) {
      if (typeof window.createPipesim !== 'function') {
        return Promise.reject(new Error('pipesim.js is not loaded (build the site: scripts/web.sh)'));
      }
      loading = window.createPipesim().then(wrap);
    }
    return loading;
  };
})();
