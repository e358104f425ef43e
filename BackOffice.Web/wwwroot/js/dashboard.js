// The dashboard's charts, drawn with Chart.js (served by the app, wwwroot/lib/chart.js) from the tables beside them: the table is
// the data and stays on the page, so a browser without JavaScript, a screen reader and the chart all read the same numbers.
// <div data-chart="bar|line" data-chart-for="TABLE-ID" [data-chart-columns="2,3"] [data-chart-stacked="true"] [data-chart-horizontal="true"]
//      [data-chart-colours="green,orange,red,blue"]> (colours by meaning, from the design's palette; otherwise in turn)
(function () {
  'use strict';
  if (!window.Chart) return;
  var palette = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f'];
  var named = { blue: '#1d70b8', red: '#d4351c', green: '#00703c', orange: '#f47738', purple: '#4c2c92', grey: '#505a5f' };

  document.querySelectorAll('[data-chart]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-chart-for'));
    if (!table) return;
    var headers = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    var rows = Array.prototype.filter.call(table.querySelectorAll('tbody tr'), function (tr) { return tr.querySelector('th'); });
    if (rows.length === 0) return;
    var columns = (box.getAttribute('data-chart-columns') || '').split(',').filter(Boolean).map(Number);
    if (columns.length === 0) for (var c = 1; c < headers.length; c++) columns.push(c);
    var colours = (box.getAttribute('data-chart-colours') || '').split(',').filter(Boolean).map(function (c) { return named[c] || c; });
    var labels = rows.map(function (tr) { return tr.querySelector('th').textContent.trim(); });
    var datasets = columns.map(function (column, i) {
      return {
        label: headers[column],
        data: rows.map(function (tr) { return Number(tr.children[column].getAttribute('data-value')); }),
        backgroundColor: colours[i] || palette[i % palette.length],
        borderColor: colours[i] || palette[i % palette.length],
        borderWidth: 2
      };
    });
    var stacked = box.getAttribute('data-chart-stacked') === 'true';
    var horizontal = box.getAttribute('data-chart-horizontal') === 'true';
    var canvas = document.createElement('canvas');
    // The table beside it says the same to assistive technology; the picture is for the eye.
    canvas.setAttribute('aria-hidden', 'true');
    box.appendChild(canvas);
    new window.Chart(canvas, {
      type: box.getAttribute('data-chart'),
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked: stacked, beginAtZero: true }, y: { stacked: stacked, beginAtZero: true } },
        plugins: { legend: { display: datasets.length > 1 } }
      }
    });
  });
})();
