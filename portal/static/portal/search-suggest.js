// Suggestions as one types in the search box: the form's <datalist> already offers names without
// JavaScript; this narrows it from /recherche/suggestions as the text grows. The plain form stays the way in.
(function () {
  "use strict";
  var WAIT_MS = 200;

  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    if (!list || !url || !window.fetch) {
      return;
    }
    var timer = null;
    var asked = "";

    function fill(names) {
      list.textContent = "";
      names.forEach(function (name) {
        var option = document.createElement("option");
        option.value = name;
        list.appendChild(option);
      });
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2 || text === asked) {
        return;
      }
      asked = text;
      fetch(url + "?" + new URLSearchParams({ q: text }).toString(), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data && input.value.trim() === text && data.suggestions.length) {
            fill(data.suggestions);
          }
        })
        .catch(function () {
          // Offline or refused: the names already listed stay, and the form still searches.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, WAIT_MS);
    });
    // Submitted before the pause: the results page comes, no need to ask for names.
    if (input.form) {
      input.form.addEventListener("submit", function () {
        window.clearTimeout(timer);
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest][list]").forEach(enhance);
  });
})();
