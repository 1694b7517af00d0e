// Files for Backprop Lab: downloads the app asks for (exports, the canvas PNG), and files the
// learner brings in, by dropping them on the page or with the "Open a file" button: a network file
// (.json) goes to the app's importNetwork command, data (.csv, .txt) to importData, a scenario (.md)
// to importScenario (docs/embedding.md); the answer is shown in words next to the button. Loaded after backprop-lab.js by index.html.
(function () {
  'use strict';

  // The app refuses larger files too (src/app/session/files.h); checking here first spares reading them.
  const MAX_FILE_BYTES = 1024 * 1024;
  const SUCCESS_SHOWN_MS = 6000;

  const panel = document.createElement('div');
  panel.id = 'files';
  // Top right, in the side panel's title bar, where it hides nothing of the lesson.
  panel.style.cssText = 'position:fixed;right:6px;top:2px;z-index:1;display:flex;flex-direction:column;' +
    'align-items:flex-end;gap:4px;max-width:min(420px,90vw);font:12px "DejaVu Sans",system-ui,sans-serif;';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,.csv,.txt,.md,application/json,text/csv,text/markdown,text/plain';
  input.id = 'network-file';
  input.className = 'visually-hidden';
  const button = document.createElement('label');
  button.htmlFor = 'network-file';
  button.textContent = 'Open a file…';
  button.tabIndex = 0;
  button.setAttribute('role', 'button');
  button.style.cssText = 'cursor:pointer;padding:1px 6px;border-radius:3px;background:#2b4a6f;color:#fff;' +
    'border:1px solid #4a90d9;';
  const message = document.createElement('div');
  message.id = 'file-message';
  message.setAttribute('role', 'alert');
  message.style.cssText = 'display:none;padding:6px 8px;border-radius:3px;line-height:1.4;cursor:pointer;';
  message.title = 'Click to dismiss';
  panel.append(input, button, message);

  let hideTimer = 0;
  function show(text, isError) {
    clearTimeout(hideTimer);
    message.textContent = text;
    message.style.display = 'block';
    message.style.background = isError ? '#5c2a1a' : '#1f4a2a';
    message.style.color = isError ? '#ffd9cc' : '#d6f5dd';
    message.dataset.kind = isError ? 'error' : 'ok';
    if (!isError) hideTimer = setTimeout(function () { message.style.display = 'none'; }, SUCCESS_SHOWN_MS);
  }
  message.addEventListener('click', function () { message.style.display = 'none'; });

  // One request to the app (backpropLab.send measures it first, so any size is safe).
  function callApp(request) {
    if (!window.Module || !Module.calledRun) return { ok: false, error: 'Backprop Lab is still loading' };
    return window.backpropLab.send(request);
  }

  function megabytes(bytes) { return (bytes / (1024 * 1024)).toFixed(1) + ' MB'; }

  // What a file is: by its name's ending, else by its text (a scenario starts with its front
  // matter's '---', a network file with '{', anything else is read as CSV data).
  const KINDS = {
    network: { cmd: 'importNetwork', done: 'Imported the network' },
    data: { cmd: 'importData', done: 'Imported the data' },
    scenario: { cmd: 'importScenario', done: 'Opened the scenario' },
  };
  function kindOf(text, name) {
    const lower = (name || '').toLowerCase();
    if (/\.json$/.test(lower)) return KINDS.network;
    if (/\.(csv|txt|tsv)$/.test(lower)) return KINDS.data;
    if (/\.(md|markdown)$/.test(lower)) return KINDS.scenario;
    const start = text.replace(/^\uFEFF/, '').trimStart();
    if (start.startsWith('---')) return KINDS.scenario;
    if (start.startsWith('{')) return KINDS.network;
    return KINDS.data;
  }

  // The text of a file to the app; the answer ({ok} or {ok: false, error}) is also shown.
  function importText(text, name) {
    const what = name ? ' (' + name + ')' : '';
    const kind = kindOf(text, name);
    let answer;
    if (window.Module && Module.calledRun && Module.lengthBytesUTF8(text) > MAX_FILE_BYTES) {
      answer = { ok: false, error: 'the file is ' + megabytes(Module.lengthBytesUTF8(text)) + '; the limit is ' + megabytes(MAX_FILE_BYTES) };
    } else {
      answer = callApp(kind.cmd === 'importScenario' ? { cmd: kind.cmd, text: text, name: name || '' }
                                                     : { cmd: kind.cmd, text: text });
    }
    if (answer.ok) {
      show(kind.done + what + '.', false);
    } else {
      show('Not imported' + what + ': ' + answer.error + '.', true);
    }
    return answer;
  }

  function importFile(file) {
    if (file.size > MAX_FILE_BYTES) {
      const answer = { ok: false, error: 'the file is ' + megabytes(file.size) + '; the limit is ' + megabytes(MAX_FILE_BYTES) };
      show('Not imported (' + file.name + '): ' + answer.error + '.', true);
      return Promise.resolve(answer);
    }
    return file.text().then(function (text) { return importText(text, file.name); }, function (error) {
      const answer = { ok: false, error: 'the file could not be read (' + error.message + ')' };
      show('Not imported (' + file.name + '): ' + answer.error + '.', true);
      return answer;
    });
  }

  // Called by the app after a frame (src/platform/browser.cpp) with the bytes of an export.
  function download(filename, mime, bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  input.addEventListener('change', function () {
    if (input.files && input.files[0]) importFile(input.files[0]);
    input.value = '';
  });
  button.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); input.click(); }
  });
  // A file dropped anywhere on the page.
  window.addEventListener('dragover', function (event) {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).indexOf('Files') >= 0) event.preventDefault();
  });
  window.addEventListener('drop', function (event) {
    if (!event.dataTransfer || !event.dataTransfer.files || event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    if (event.dataTransfer.files.length > 1) show('Drop one file at a time; opening the first.', true);
    importFile(event.dataTransfer.files[0]);
  });

  // In embed mode (embed=1 in the link) the page shows the lesson alone: no file button (dropped
  // files are still read). Nor while the app's side panel is a drawer (a narrow canvas): the button
  // would cover the canvas's title or the drawer's close box. The app parses the link and tells
  // (Module.onPanelLayout after each change); until its first frame the button stays hidden.
  let panelLayout = 'unknown';
  let embedMode = true;
  function showButton() {
    const drawer = panelLayout === 'drawer' || panelLayout === 'open drawer';
    button.style.display = embedMode || drawer || panelLayout === 'unknown' ? 'none' : '';
  }
  function setPanelLayout(layout, embedded) {
    panelLayout = layout;
    embedMode = !!embedded;
    showButton();
  }
  showButton();

  function attach() { document.body.appendChild(panel); }
  if (document.body) attach(); else document.addEventListener('DOMContentLoaded', attach);

  // command: like backpropLab.command, but safe for requests of any size (see callApp); answers
  // {ok: false, error} instead of throwing.
  window.backpropLabFiles = { download: download, importText: importText, importFile: importFile, command: callApp,
                              setPanelLayout: setPanelLayout };
})();
