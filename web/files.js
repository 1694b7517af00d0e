// Files for Backprop Lab: downloads the app asks for (exports, the canvas PNG), and network files
// the learner brings in, by dropping them on the page or with the "Open a network file" button.
// Either way the text goes to the app's importNetwork command (docs/embedding.md), and its answer
// is shown in words next to the button. Loaded after backprop-lab.js by index.html.
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
  input.accept = '.json,application/json';
  input.id = 'network-file';
  input.className = 'visually-hidden';
  const button = document.createElement('label');
  button.htmlFor = 'network-file';
  button.textContent = 'Open a network file…';
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

  // The text of a network file to the app; the answer ({ok} or {ok: false, error}) is also shown.
  function importText(text, name) {
    const what = name ? ' (' + name + ')' : '';
    let answer;
    if (window.Module && Module.calledRun && Module.lengthBytesUTF8(text) > MAX_FILE_BYTES) {
      answer = { ok: false, error: 'the file is ' + megabytes(Module.lengthBytesUTF8(text)) + '; the limit is ' + megabytes(MAX_FILE_BYTES) };
    } else {
      answer = callApp({ cmd: 'importNetwork', text: text });
    }
    if (answer.ok) {
      show('Imported the network' + what + '.', false);
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
    if (event.dataTransfer.files.length > 1) show('Drop one network file at a time; importing the first.', true);
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
