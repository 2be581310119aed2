// Draw every Plotly figure of the page from its data-figure JSON.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var fig = JSON.parse(el.getAttribute("data-figure"));
    Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displayModeBar: false});
  });
});
