// Permalinks: the program, the machine and the cursor in the URL fragment, so a teacher can send
// a link. Format: `#p1.` + base64url(deflate-raw(JSON state)) where CompressionStream exists
// (Chromium, Firefox, Safari 16.4+), else `#j1.` + base64url(UTF-8 JSON). The state is
// {source, file, machine: {preset} | {json}, sets: [..], cycle, tab, exercise}.
'use strict';

window.PipesimPermalink = (function () {
  function toBase64Url(bytes) {
    let s = '';
    for (let k = 0; k < bytes.length; k += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(k, k + 0x8000));
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64Url(text) {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(s.length);
    for (let k = 0; k < s.length; k++) bytes[k] = s.charCodeAt(k);
    return bytes;
  }
  async function through(stream, bytes) {
    const piped = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(piped).arrayBuffer());
  }

  async function encode(state) {
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    if (typeof CompressionStream === 'function') {
      return 'p1.' + toBase64Url(await through(new CompressionStream('deflate-raw'), bytes));
    }
    return 'j1.' + toBase64Url(bytes);
  }

  // The state in a fragment (with or without its '#'); null when there is none; throws with a
  // readable message when the fragment is damaged.
  async function decode(fragment) {
    const f = fragment.replace(/^#/, '');
    if (f === '') return null;
    let bytes;
    try {
      if (f.startsWith('p1.')) bytes = await through(new DecompressionStream('deflate-raw'), fromBase64Url(f.slice(3)));
      else if (f.startsWith('j1.')) bytes = fromBase64Url(f.slice(3));
      else return null;
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new Error('the link is damaged (' + e.message + ')');
    }
  }

  return { encode, decode };
})();
