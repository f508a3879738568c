// Small behaviour around the htmx editor panel; everything also works without this script.
(function () {
  "use strict";

  function editor() {
    return document.getElementById("editor");
  }

  function closeEditor() {
    var slot = editor();
    if (slot) {
      slot.innerHTML = "";
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-close-editor]");
    if (link && editor() && editor().contains(link)) {
      event.preventDefault();
      closeEditor();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeEditor();
    }
  });

  // Put the focus in the editor when it opens, and keep the first invalid field in view.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target !== editor()) {
      return;
    }
    var target = editor().querySelector(".utrecht-form-field--invalid input, .utrecht-form-field--invalid textarea, .utrecht-form-field--invalid select")
      || editor().querySelector("textarea, input:not([type=hidden]), select, button");
    if (target) {
      target.focus();
    }
  });
})();
