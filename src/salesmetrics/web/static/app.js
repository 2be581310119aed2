// Draw every Plotly figure of the page from its data-figure JSON.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var fig = JSON.parse(el.getAttribute("data-figure"));
    Plotly.newPlot(el, fig.data, fig.layout, {responsive: true, displayModeBar: false});
  });
});

// The overview's insights panel: the top findings, fetched after the page has drawn.
document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("insights-panel");
  if (!panel) { return; }
  fetch(panel.getAttribute("data-insights"), {credentials: "same-origin"})
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (doc) {
      var status = panel.querySelector("[role=status]");
      var list = document.createElement("ol");
      doc.top.forEach(function (f) {
        var item = document.createElement("li");
        item.appendChild(document.createTextNode(f.title + " "));
        var link = document.createElement("a");
        link.href = f.link;
        link.textContent = "Open " + f.kpi;
        item.appendChild(link);
        list.appendChild(item);
      });
      status.textContent = doc.top.length ? "" : "Nothing stands out in the last whole quarter.";
      var more = document.createElement("a");
      more.href = "/insights";
      more.textContent = "All insights, what to do and why";
      panel.appendChild(list);
      panel.appendChild(more);
    })
    .catch(function () {
      panel.querySelector("[role=status]").textContent = "Insights could not be computed; see /insights.";
    });
});
