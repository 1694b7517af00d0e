// The JavaScript side of Backprop Lab: loads the wasm app with a progress indicator, explains in
// words when the browser cannot run it, and exposes window.backpropLab (see docs/embedding.md).
// Links: the view lives in the URL fragment (applied at start and on hashchange, kept up to date
// with history.replaceState); a host page can drive an embedded app with postMessage.
(function () {
  'use strict';

  const overlay = document.getElementById('overlay');
  const statusText = document.getElementById('status');
  const progressBar = document.getElementById('progress-bar');
  const liveRegion = document.getElementById('live');

  function setStatus(text, fraction) {
    statusText.textContent = text;
    if (fraction !== undefined) progressBar.style.width = Math.round(Math.min(Math.max(fraction, 0), 1) * 100) + '%';
  }

  function showError(text) {
    overlay.style.display = 'flex';
    overlay.classList.add('error');
    setStatus(text);
  }

  function browserProblem() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser cannot run WebAssembly, which Backprop Lab needs. Please open this page in a current ' +
             'version of Firefox, Chrome, Edge or Safari.';
    }
    const probe = document.createElement('canvas');
    if (!probe.getContext('webgl2')) {
      return 'This browser or graphics driver does not offer WebGL2, which Backprop Lab needs to draw. Try a current ' +
             'browser, enable hardware acceleration in its settings, or update the graphics driver.';
    }
    return null;
  }

  let started = false;  // the first frame is drawn and the link applied
  let resolveReady;
  let rejectReady;
  const ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  ready.catch(function () {});  // a failed start is reported on the page; avoid an unhandled rejection

  // One JSON request in, one JSON answer out (src/app/api/api.cpp), never throwing. The text goes into
  // the wasm heap with malloc: a ccall string argument is copied onto the small wasm stack, which a
  // request of a megabyte or more would overflow.
  // The request is measured here, before anything is copied: the heap never holds more than
  // MAX_REQUEST_BYTES of it (src/app/api/api.cpp refuses the same size with the same sentence).
  const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
  const TOO_LARGE = 'the request is larger than 4 MB';
  function send(request) {
    if (!window.Module || !Module.calledRun) return { ok: false, error: 'Backprop Lab is still loading: await backpropLab.ready' };
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      return { ok: false, error: 'a request is an object such as {cmd: "getState"}, not ' + describe(request) };
    }
    let text;
    try {
      text = JSON.stringify(request);
    } catch (error) {
      // A string too long for the engine (hundreds of MB) throws a RangeError; a cycle or a BigInt a TypeError.
      if (error instanceof RangeError) return { ok: false, error: TOO_LARGE };
      return { ok: false, error: 'the request cannot be written as JSON (' + error.message.split('\n')[0] + ')' };
    }
    if (text.length > MAX_REQUEST_BYTES) return { ok: false, error: TOO_LARGE };  // UTF-8 has at least a byte a character
    const size = Module.lengthBytesUTF8(text) + 1;
    if (size > MAX_REQUEST_BYTES + 1) return { ok: false, error: TOO_LARGE };
    const pointer = Module._malloc(size);
    if (!pointer) return { ok: false, error: 'the request is too large for the memory left' };
    try {
      Module.stringToUTF8(text, pointer, size);
      return JSON.parse(Module.UTF8ToString(Module.ccall('bp_api', 'number', ['number'], [pointer])));
    } finally {
      Module._free(pointer);
    }
  }

  function describe(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    return typeof value === 'undefined' ? 'undefined' : 'a ' + typeof value;
  }

  // The same, throwing an Error with the app's sentence when the answer is a refusal.
  function call(request) {
    if (!window.Module || !Module.calledRun) throw new Error('Backprop Lab is still loading: await backpropLab.ready');
    const answer = send(request);
    if (!answer.ok) throw new Error(answer.error);
    return answer;
  }

  const api = {
    ready: ready,
    get version() { return window.Module && Module.calledRun ? call({ cmd: 'getState' }).state.version : undefined; },
    getState: function () { return call({ cmd: 'getState' }).state; },
    openLesson: function (id) { return call({ cmd: 'openLesson', id: String(id) }).state; },
    // Low-level: send any command object (see docs/embedding.md for the list).
    command: function (request) { return call(request); },
    // The same without throwing: refusals come back as {ok: false, error}.
    send: send,
    // The current view as a link: {fragment, url, embedCode, notes}.
    getLink: function () { return call({ cmd: 'getLink' }); },
    // Applies a fragment: {applied: [keys], ignored: [{key, reason}], banner}.
    applyLink: function (fragment) { return call({ cmd: 'applyLink', fragment: String(fragment) }); },
  };
  window.backpropLab = api;

  const problem = browserProblem();
  if (problem) {
    showError(problem);
    rejectReady(new Error(problem));
    return;
  }

  // Two builds of the app (each a .js and its .wasm), computing the same numbers: backprop_lab uses
  // wasm SIMD (the core's products, two multiply-adds per instruction), backprop_lab_scalar does
  // not and so loads in browsers without wasm SIMD (e.g. Safari before 16.4). The probe is the
  // smallest module with a SIMD instruction: (func (result v128) (i8x16.popcnt (i8x16.splat
  // (i32.const 0)))). ?simd=0 in the page's address forces the scalar build (the browser tests do).
  const kSimdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0,
                                     65, 0, 253, 15, 253, 98, 11]);
  function hasWasmSimd() {
    try {
      return WebAssembly.validate(kSimdProbe);
    } catch (error) {
      return false;
    }
  }
  const scalarForced = new URLSearchParams(window.location.search).get('simd') === '0';
  const appBuild = !scalarForced && hasWasmSimd() ? 'backprop_lab' : 'backprop_lab_scalar';

  // Fetch the wasm ourselves to show download progress, then let Emscripten instantiate it.
  function fetchWithProgress(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error('could not download ' + url + ' (HTTP ' + response.status + ')');
      const total = Number(response.headers.get('Content-Length')) || 0;
      if (!response.body || !total) return response.arrayBuffer();
      const reader = response.body.getReader();
      const chunks = [];
      let received = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) {
            const bytes = new Uint8Array(received);
            let offset = 0;
            for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
            return bytes.buffer;
          }
          chunks.push(step.value);
          received += step.value.length;
          setStatus('Downloading… ' + Math.round(received / 1024) + ' of ' + Math.round(total / 1024) + ' KB',
                    0.9 * received / total);
          return pump();
        });
      }
      return pump();
    });
  }

  // ---- Links: the fragment holds the whole view (src/app/link/url_state.cpp writes it, url_apply.cpp reads it) ----
  // The fragment's origin= key is the page's own (the postMessage allowlist below); the app only
  // checks its size. It is kept when the fragment is rewritten.
  const kMaxFragmentChars = 65536;  // the app reads the first 8 KB; more is never worth sending
  const kUrlUpdateMs = 500;         // the address bar follows the view at most this often
  let writtenFragment = null;       // what replaceState last wrote (null: write on the next tick)
  let originParam = '';             // the raw value of origin= in the fragment

  function currentFragment() { return window.location.hash.slice(1, kMaxFragmentChars + 1); }
  const kProgressKey = 'backprop-lab-progress';  // the one localStorage key (src/app/session/progress.h)
  function fragmentValue(name) {
    const found = currentFragment().split('&').find(function (item) { return item.indexOf(name + '=') === 0; });
    return found ? found.slice(name.length + 1) : null;
  }
  function progressAllowed() { return fragmentValue('embed') !== '1' || fragmentValue('progress') === '1'; }
  function readOriginParam(fragment) {
    const found = fragment.split('&').find(function (item) { return item.indexOf('origin=') === 0; });
    return found ? found.slice('origin='.length) : '';
  }
  function applyFragment(fragment) {
    originParam = readOriginParam(fragment);
    allowedOrigins = readAllowedOrigins();
    if (!fragment) return null;
    try { return api.applyLink(fragment); } catch (error) { console.warn(error.message); return null; }
  }
  window.addEventListener('hashchange', function () {
    if (!window.Module || !Module.calledRun) return;
    applyFragment(currentFragment());
    loadLinkedScenario();
    writtenFragment = null;
  });

  // ---- A scenario named by the link (#scenario=PATH, docs/scenarios.md) ----
  // The only request the app makes of its own accord: a path on the page's own origin, or an address
  // on an allowed origin (the postMessage allowlist below), at most 1 MB, answered within 10 s.
  // Every failure reaches the app's banner in words (scenarioFailed).
  const kMaxScenarioBytes = 1024 * 1024;
  const kScenarioTimeoutMs = 10000;
  let linkedScenario = null;  // the path last asked for: the rewritten fragment keeps it, without a new request
  function scenarioAddress(path) {
    if (path.length > 2048) throw new Error('the path is longer than 2048 characters');
    let url;
    try { url = new URL(path, window.location.href); } catch (error) { throw new Error('it is not a path or an address'); }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('only http and https addresses can be loaded');
    if (url.origin !== window.location.origin && !originAllowed(url.origin)) {
      throw new Error(url.origin + ' is not an allowed origin (this page allows its own; others are named by origin= ' +
                      'in the link or data-allowed-origins on the page)');
    }
    return url;
  }
  function readLimited(response) {
    const length = Number(response.headers.get('Content-Length') || 0);
    if (length > kMaxScenarioBytes) {
      throw new Error('the file is ' + (length / (1024 * 1024)).toFixed(1) + ' MB; the limit is 1 MB');
    }
    if (!response.body || !response.body.getReader) {
      return response.text().then(function (text) {
        if (text.length > kMaxScenarioBytes) throw new Error('the file is larger than 1 MB, the limit');
        return text;
      });
    }
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) return new TextDecoder('utf-8').decode(concatBytes(chunks, received));
        received += step.value.length;
        if (received > kMaxScenarioBytes) {
          reader.cancel();
          throw new Error('the file is larger than 1 MB, the limit');
        }
        chunks.push(step.value);
        return pump();
      });
    }
    return pump();
  }
  function concatBytes(chunks, total) {
    const bytes = new Uint8Array(total);
    let at = 0;
    chunks.forEach(function (chunk) { bytes.set(chunk, at); at += chunk.length; });
    return bytes;
  }
  function loadLinkedScenario() {
    const raw = fragmentValue('scenario');
    if (!raw) return;
    let path;
    try { path = decodeURIComponent(raw); } catch (error) { path = raw; }
    if (path === linkedScenario) return;
    linkedScenario = path;
    const failed = function (why) { send({ cmd: 'scenarioFailed', path: path, error: why }); };
    let url;
    try { url = scenarioAddress(path); } catch (error) { failed(error.message); return; }
    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, kScenarioTimeoutMs);
    fetch(url.href, { signal: controller.signal, credentials: 'omit', cache: 'no-cache' }).then(function (response) {
      if (!response.ok) throw new Error(response.status + ' ' + (response.statusText || 'error'));
      return readLimited(response);
    }).then(function (text) {
      send({ cmd: 'importScenario', text: text, name: path, fromLink: true });
    }).catch(function (error) {
      failed(error.name === 'AbortError' ? 'no answer within ' + kScenarioTimeoutMs / 1000 + ' s' : error.message);
    }).finally(function () { clearTimeout(timer); });
  }
  // history.replaceState, never pushState: following the view must not flood the history.
  function updateUrl() {
    if (!started) return;
    let fragment;
    try { fragment = api.getLink().fragment; } catch (error) { return; }
    if (originParam) fragment += '&origin=' + originParam;
    if (fragment === writtenFragment && currentFragment() === fragment) return;
    writtenFragment = fragment;
    try { history.replaceState(history.state, '', '#' + fragment); } catch (error) { console.warn(error.message); }
  }

  // ---- Copy link / Copy embed code (the app's Share section asks through Module.onCopyRequest) ----
  const toast = document.getElementById('toast');
  const copyDialog = document.getElementById('copy-dialog');
  const copyText = document.getElementById('copy-text');
  let toastTimer = null;
  function showToast(text) {
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { toast.hidden = true; }, 2500);
  }
  // When the clipboard refuses (no user gesture, an iframe without clipboard-write), the text is
  // shown selected with a Copy button: a click on a DOM button always counts as a gesture.
  function showCopyDialog(text, what) {
    document.getElementById('copy-title').textContent = 'Copy the ' + what;
    copyText.value = text;
    copyDialog.hidden = false;
    copyText.focus();
    copyText.select();
  }
  function closeCopyDialog() {
    copyDialog.hidden = true;
    document.getElementById('canvas').focus();
  }
  document.getElementById('copy-button').addEventListener('click', function () {
    const what = document.getElementById('copy-title').textContent.replace('Copy the ', '');
    copyText.select();
    const copied = navigator.clipboard && window.isSecureContext
      ? navigator.clipboard.writeText(copyText.value)
      : Promise.resolve(document.execCommand('copy'));
    copied.then(function () { closeCopyDialog(); showToast('The ' + what + ' is on the clipboard.'); },
                function () { showToast('Press Ctrl+C (⌘C) to copy the selected text.'); });
  });
  document.getElementById('copy-close').addEventListener('click', closeCopyDialog);
  copyDialog.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') closeCopyDialog();
    event.stopPropagation();
  });
  function copyRequested(text, what) {
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { showToast('The ' + what + ' is on the clipboard.'); },
                                               function () { showCopyDialog(text, what); });
    } else {
      showCopyDialog(text, what);
    }
  }

  // ---- postMessage for host pages on other origins (docs/embedding.md, "postMessage") ----
  // Accepted: messages from the parent window only, from an allowed origin: this page's own origin,
  // the origins in window.backpropLabConfig.allowedOrigins, in <html data-allowed-origins>, or in
  // the fragment's origin= (comma-separated). '*' allows any origin and must be written out.
  let allowedOrigins = [];
  let hostOrigin = null;  // the parent's origin once known (ancestorOrigins, referrer or its messages)
  function originList(value) {
    if (!value) return [];
    const items = Array.isArray(value) ? value : String(value).split(/[\s,]+/);
    return items.map(function (item) { return String(item).trim(); }).filter(function (item) {
      if (!item) return false;
      if (item === '*') return true;
      try {
        if (new URL(item).origin === item) return true;
      } catch (error) { /* reported below */ }
      console.warn('Backprop Lab: "' + item.slice(0, 80) + '" is not an origin like https://example.org; ignored');
      return false;
    });
  }
  function readAllowedOrigins() {
    let fromFragment = '';
    try { fromFragment = decodeURIComponent(originParam); } catch (error) { fromFragment = ''; }
    const config = window.backpropLabConfig || {};
    return [window.location.origin]
      .concat(originList(config.allowedOrigins))
      .concat(originList(document.documentElement.getAttribute('data-allowed-origins')))
      .concat(originList(fromFragment.slice(0, 2048)));
  }
  function originAllowed(origin) {
    return allowedOrigins.indexOf('*') >= 0 || allowedOrigins.indexOf(origin) >= 0;
  }
  const embedded = window.parent !== window;
  function parentOrigin() {
    if (hostOrigin) return hostOrigin;
    if (window.location.ancestorOrigins && window.location.ancestorOrigins.length) {
      return window.location.ancestorOrigins[0];
    }
    try { return document.referrer ? new URL(document.referrer).origin : null; } catch (error) { return null; }
  }
  function postToHost(message) {
    if (!embedded) return;
    const origin = parentOrigin();
    // Events go only to an allowed parent; to an unknown one only when '*' was configured.
    let target = null;
    if (origin && origin !== 'null' && originAllowed(origin)) target = origin;
    else if (allowedOrigins.indexOf('*') >= 0) target = '*';
    if (target) window.parent.postMessage(message, target);
  }
  function postEvent(kind) {
    let state = null;
    try { state = api.getState(); } catch (error) { return; }
    const message = { source: 'backprop-lab', event: kind, state: state };
    postToHost(message);
    window.dispatchEvent(new CustomEvent('backprop-lab', { detail: message }));
  }
  originParam = readOriginParam(currentFragment());
  allowedOrigins = readAllowedOrigins();
  window.addEventListener('message', function (event) {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.source !== 'backprop-lab' || typeof data.cmd !== 'string') return;
    if (!embedded || event.source !== window.parent) return;
    if (!originAllowed(event.origin)) {
      console.warn('Backprop Lab: a message from ' + event.origin + ' was ignored (not an allowed origin)');
      return;
    }
    if (event.origin !== 'null') hostOrigin = event.origin;
    const reply = function (answer) {
      event.source.postMessage({ source: 'backprop-lab', id: data.id, answer: answer },
                               event.origin === 'null' ? '*' : event.origin);
    };
    ready.then(function () {
      let answer;
      try {
        // The message's own fields are the command, except the envelope's source and id; as `id`
        // is the message's, openLesson takes the lesson's id as `lesson` here.
        const request = Object.assign({}, data);
        delete request.source;
        delete request.id;
        if (request.cmd === 'openLesson' && request.lesson !== undefined) {
          request.id = request.lesson;
          delete request.lesson;
        }
        answer = send(request);
      } catch (error) {
        answer = { ok: false, error: 'the message could not be read: ' + error.message };
      }
      reply(answer);
    }, function (error) { reply({ ok: false, error: error.message }); });
  });

  // F6 moves the app's keyboard focus between its columns; keep the browser from taking it.
  document.getElementById('canvas').addEventListener('keydown', function (event) {
    if (event.key === 'F6') event.preventDefault();
  });

  // The canvas keeps its picture between frames, so that a frame draws only what changed
  // (src/platform/imgui_renderer.h): Emscripten's GLFW gives no way to ask for that itself.
  var canvas = document.getElementById('canvas');
  var getContext = canvas.getContext.bind(canvas);
  canvas.getContext = function (type, attributes) {
    if (type === 'webgl2') attributes = Object.assign({}, attributes, { preserveDrawingBuffer: true });
    return getContext(type, attributes);
  };

  // Touch: Emscripten's GLFW turns a touch into a mouse press without moving the pointer to the
  // finger (its touch events carry a place only for SDL), so a tap pressed wherever the last one
  // was. Registered before the app's own listeners, these take each touch of one finger and hand
  // the app the mouse events it understands, at the finger's place; two fingers do nothing. The
  // app hears that the pointer is a finger (a drag over a panel's empty part then scrolls it). The
  // browser's panning and zooming stay off the canvas (touch-action: none in index.html).
  function forwardTouch(mouseType) {
    return function (event) {
      event.stopImmediatePropagation();
      event.preventDefault();
      const touch = event.changedTouches[0];
      if (!touch || (mouseType !== 'mouseup' && event.touches.length > 1)) return;
      const init = { bubbles: true, cancelable: true, clientX: touch.clientX, clientY: touch.clientY,
                     screenX: touch.screenX, screenY: touch.screenY, button: 0,
                     buttons: mouseType === 'mouseup' ? 0 : 1 };
      if (window.Module) window.Module.pointerIsFinger = true;
      if (mouseType === 'mousedown') canvas.dispatchEvent(new MouseEvent('mousemove', init));
      canvas.dispatchEvent(new MouseEvent(mouseType, init));
    };
  }
  // A real mouse (its events are trusted; the forwarded ones are not) is a mouse again.
  const mouseAgain = function (event) { if (event.isTrusted && window.Module) window.Module.pointerIsFinger = false; };
  canvas.addEventListener('mousedown', mouseAgain, true);
  canvas.addEventListener('mousemove', mouseAgain, true);
  canvas.addEventListener('touchstart', forwardTouch('mousedown'), { capture: true, passive: false });
  canvas.addEventListener('touchmove', forwardTouch('mousemove'), { capture: true, passive: false });
  canvas.addEventListener('touchend', forwardTouch('mouseup'), { capture: true, passive: false });
  canvas.addEventListener('touchcancel', forwardTouch('mouseup'), { capture: true, passive: false });

  window.Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    instantiateWasm: function (imports, receiveInstance) {
      fetchWithProgress(appBuild + '.wasm')
        .then(function (bytes) {
          setStatus('Compiling…', 0.95);
          return WebAssembly.instantiate(bytes, imports);
        })
        .then(function (result) { receiveInstance(result.instance, result.module); })
        .catch(function (error) {
          showError('Backprop Lab could not start: ' + error.message);
          rejectReady(error);
        });
      return {};
    },
    // The screen-reader mirror: the app calls this when its sentence changes (the step in words,
    // or the lesson title after a lesson change), not every frame.
    onAnnounce: function (text) {
      liveRegion.textContent = text;
    },
    onCopyRequest: copyRequested,
    // A new lesson or step (the app tells after the frame): the host page hears of it; the JS
    // runs after the frame, not inside it.
    // Where the app's side panel is: the file button (files.js) sits over the panel's title bar, so
    // it steps aside while the panel is a drawer on a narrow canvas.
    onPanelLayout: function (layout, embedded) {
      if (window.backpropLabFiles) window.backpropLabFiles.setPanelLayout(layout, embedded);
    },
    onViewChange: function (kind) {
      Promise.resolve().then(function () { postEvent(kind); });
    },
    // The learner's progress (docs/embedding.md, "Progress"): in this browser's localStorage under one
    // key, never sent anywhere; not touched at all in an embedded app (embed=1) unless its link says
    // progress=1. The app asks only when it may; the page checks again.
    onProgressLoad: function () {
      if (!progressAllowed()) return '';
      try { return window.localStorage.getItem(kProgressKey) || ''; } catch (error) { return ''; }
    },
    onProgressSave: function (text) {
      if (!progressAllowed()) return;
      try { window.localStorage.setItem(kProgressKey, text); } catch (error) { console.warn('Backprop Lab: progress not kept: ' + error.message); }
    },
    // An answer, a goal met, the progress: to an allowed host page (as the view events), and to this page.
    onProgressEvent: function (kind, text) {
      let detail;
      try { detail = JSON.parse(text); } catch (error) { return; }
      Promise.resolve().then(function () {
        const message = { source: 'backprop-lab', event: kind, detail: detail };
        postToHost(message);
        window.dispatchEvent(new CustomEvent('backprop-lab', { detail: message }));
      });
    },
    onFirstFrame: function () {
      // The link is applied before anyone sees the app: ready resolves with it in place.
      applyFragment(currentFragment());
      loadLinkedScenario();
      started = true;
      updateUrl();
      setInterval(updateUrl, kUrlUpdateMs);
      overlay.style.display = 'none';
      document.getElementById('canvas').focus();
      resolveReady(api);
      postEvent('ready');
    },
    onAbort: function (what) {
      showError('Backprop Lab stopped because of an internal error (' + what + '). Reloading the page starts it again.');
      rejectReady(new Error(String(what)));
    },
  };

  setStatus('Downloading…', 0.02);
  const script = document.createElement('script');
  script.src = appBuild + '.js';
  script.onerror = function () {
    showError('Could not load ' + appBuild + '.js. Is the page served from the build/web folder?');
    rejectReady(new Error(appBuild + '.js failed to load'));
  };
  document.body.appendChild(script);
})();
