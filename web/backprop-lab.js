// The JavaScript side of Backprop Lab: loads the wasm app with a progress indicator, explains in
// words when the browser cannot run it, and exposes window.backpropLab (see docs/embedding.md).
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

  let resolveReady;
  let rejectReady;
  const ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  ready.catch(function () {});  // a failed start is reported on the page; avoid an unhandled rejection

  // One JSON request in, one JSON answer out (src/app/api.cpp).
  function call(request) {
    if (!window.Module || !Module.calledRun) throw new Error('Backprop Lab is still loading: await backpropLab.ready');
    const answer = JSON.parse(Module.ccall('bp_api', 'string', ['string'], [JSON.stringify(request)]));
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
  };
  window.backpropLab = api;

  const problem = browserProblem();
  if (problem) {
    showError(problem);
    rejectReady(new Error(problem));
    return;
  }

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

  // A link can open a lesson: index.html#lesson=worked-example. The app checks the id itself and
  // says in a banner when there is no such lesson.
  function lessonFromUrl() {
    const id = new URLSearchParams(window.location.hash.slice(1)).get('lesson');
    return id && id.length <= 100 ? id : null;
  }
  window.addEventListener('hashchange', function () {
    const id = lessonFromUrl();
    if (!id || !window.Module || !Module.calledRun) return;
    try { api.openLesson(id); } catch (error) { console.warn(error.message); }
  });

  // F6 moves the app's keyboard focus between its columns; keep the browser from taking it.
  document.getElementById('canvas').addEventListener('keydown', function (event) {
    if (event.key === 'F6') event.preventDefault();
  });

  window.Module = {
    arguments: lessonFromUrl() ? ['--lesson', lessonFromUrl()] : [],
    canvas: document.getElementById('canvas'),
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    instantiateWasm: function (imports, receiveInstance) {
      fetchWithProgress('backprop_lab.wasm')
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
    onFirstFrame: function () {
      overlay.style.display = 'none';
      document.getElementById('canvas').focus();
      resolveReady(api);
    },
    onAbort: function (what) {
      showError('Backprop Lab stopped because of an internal error (' + what + '). Reloading the page starts it again.');
      rejectReady(new Error(String(what)));
    },
  };

  setStatus('Downloading…', 0.02);
  const script = document.createElement('script');
  script.src = 'backprop_lab.js';
  script.onerror = function () {
    showError('Could not load backprop_lab.js. Is the page served from the build/web folder?');
    rejectReady(new Error('backprop_lab.js failed to load'));
  };
  document.body.appendChild(script);
})();
