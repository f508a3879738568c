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

  // The menu button on a phone.
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".rondom-menu-button");
    if (button) {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    }
  });

  // A table on a phone shows each row as a block; every cell then needs its column's name.
  function labelTables(root) {
    var tables = root.querySelectorAll ? root.querySelectorAll("table.rondom-table") : [];
    Array.prototype.forEach.call(tables, function (table) {
      var headers = table.querySelectorAll("thead th");
      var names = Array.prototype.map.call(headers, function (th) {
        return th.querySelector(".rondom-visually-hidden") ? "" : th.textContent.replace(/\s+/g, " ").trim();
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (names[index] && !cell.hasAttribute("colspan")) {
            cell.setAttribute("data-label", names[index]);
          }
        });
      });
      table.setAttribute("data-stacked", "");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelTables(document);
  });
  document.addEventListener("htmx:load", function (event) {
    labelTables(event.target);
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
