// A background export's progress without reloading the page: polls its status and fills in the bar, the text and, once the file
// is ready, the download link. Without this file the page refreshes itself (a <noscript> meta refresh).
(function () {
  'use strict';
  var box = document.querySelector('[data-testid="export-job"]');
  if (!box || box.getAttribute('data-finished') === 'true') return;
  var url = box.getAttribute('data-status-url');
  var bar = box.querySelector('progress');
  var status = box.querySelector('[data-testid="job-status"]');
  var download = box.querySelector('[data-testid="download"]');
  var link = box.querySelector('[data-testid="download-link"]');

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (job) {
        bar.value = job.percent;
        bar.textContent = job.percent + ' %';
        status.textContent = job.text;
        if (job.done && job.downloadUrl) {
          link.href = job.downloadUrl;
          download.hidden = false;
        }
        if (!job.finished) window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
