/* jixiao charts: draws every <canvas data-chart="key"> of the page from the JSON object in
 * <script id="chart-data" type="application/json"> ({key: {title, type, labels, values, unit,
 * groups}}), with Chart.js 4 (jixiao/vendor/chart.umd.min.js, global `Chart`).
 * Amounts are 万元; counts are 个. A drawn canvas gets data-chart-ready="1" (for browser tests).
 * No inline script and no network access: the data comes with the page.
 */
(function () {
  "use strict";

  var PALETTE = ["#2a6fdb", "#2e9e44", "#f0b400", "#d9363e", "#7b4fd0", "#17a2b8",
    "#fd7e14", "#6c757d", "#20c997", "#e83e8c", "#adb5bd"];
  var CATEGORY_COLOURS = {"产出指标": "#2a6fdb", "效益指标": "#2e9e44",
    "满意度指标": "#f0b400", "成本指标": "#d9363e"};
  var LABEL_LENGTH = 14;

  function formatValue(value, unit) {
    if (unit === "万元") {
      return value.toLocaleString("zh-CN", {minimumFractionDigits: 2, maximumFractionDigits: 2}) + " 万元";
    }
    return value + " " + unit;
  }

  function shorten(label) {
    return label.length > LABEL_LENGTH ? label.slice(0, LABEL_LENGTH - 1) + "…" : label;
  }

  function colours(spec) {
    if (spec.groups && spec.groups.length) {
      return spec.groups.map(function (group) { return CATEGORY_COLOURS[group] || "#6c757d"; });
    }
    if (spec.type === "bar") { return PALETTE[0]; }
    return spec.labels.map(function (_, i) { return PALETTE[i % PALETTE.length]; });
  }

  function options(spec) {
    var tooltip = {callbacks: {label: function (context) {
      var value = context.parsed && typeof context.parsed === "object" ? context.parsed.x : context.parsed;
      return formatValue(value, spec.unit);
    }}};
    if (spec.type !== "bar") {
      return {maintainAspectRatio: false, plugins: {legend: {position: "bottom"}, tooltip: tooltip}};
    }
    return {
      maintainAspectRatio: false,
      indexAxis: "y",
      plugins: {legend: {display: false}, tooltip: tooltip},
      scales: {
        x: {beginAtZero: true, ticks: spec.unit === "个" ? {precision: 0} : {}},
        y: {ticks: {autoSkip: false, callback: function (value) { return shorten(this.getLabelForValue(value)); }}}
      }
    };
  }

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function draw(canvas, spec) {
    /* global Chart */
    new Chart(canvas, {
      type: spec.type,
      data: {labels: spec.labels, datasets: [{label: spec.title, data: spec.values, backgroundColor: colours(spec)}]},
      options: Object.assign(options(spec), reducedMotion ? {animation: false} : {})
    });
    canvas.dataset.chartReady = "1";
  }

  function init() {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = data[canvas.dataset.chart];
      if (spec) { draw(canvas, spec); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
