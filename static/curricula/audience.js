// The assignment form's live audience count: whenever an audience field
// changes, ask the server how many people in the coordinator's scope the
// audience matches, and show the count and the first names.
(function () {
  "use strict";
  function init() {
    var box = document.querySelector("[data-audience-preview]");
    if (!box) return;
    var form = box.closest("form");
    if (!form) return;
    var url = box.getAttribute("data-url");
    var timer = null;
    var names = ["audience_kind", "people", "organisation", "include_units",
      "role", "service", "resource", "provider"];
    function refresh() {
      var data = new FormData(form);
      var params = new URLSearchParams();
      names.forEach(function (name) {
        data.getAll(name).forEach(function (value) {
          if (typeof value === "string") params.append(name, value);
        });
      });
      fetch(url + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (result) {
        box.textContent = result.message;
      }).catch(function () {
        box.textContent = box.getAttribute("data-error") || "—";
      });
    }
    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 300);
    }
    form.addEventListener("change", schedule);
    form.addEventListener("input", schedule);
    refresh();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
