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

  // --- Refusals and announcements -----------------------------------------------------------
  // htmx does not swap in an answer such as 403, 404 or 500 (see htmx-config in base.html), so
  // without this a refused click would do nothing at all. Say why, in the live regions of
  // base.html: the server's own sentence (marked data-refusal in the error pages, or the
  // API's "detail"), else the page's default.
  function notices() {
    return document.querySelector(".rondom-notices");
  }

  function say(regionId, message, dismissable) {
    var region = document.getElementById(regionId);
    if (!region || !message) {
      return;
    }
    var box = document.createElement("div");
    box.className = dismissable ? "utrecht-alert utrecht-alert--warning" : "rondom-notice";
    var text = document.createElement("p");
    text.className = "utrecht-paragraph";
    text.textContent = message;
    box.appendChild(text);
    if (dismissable) {
      var close = document.createElement("button");
      close.type = "button";
      close.className = "rondom-linkbutton";
      close.setAttribute("data-close-notice", "");
      close.textContent = notices().getAttribute("data-close");
      box.appendChild(close);
    }
    region.replaceChildren(box);
    if (!dismissable) {
      // A confirmation has been read out by then; it need not stay on the screen.
      setTimeout(function () {
        if (box.isConnected) {
          box.remove();
        }
      }, 8000);
    }
  }

  function refusalOf(xhr) {
    var body = (xhr && xhr.responseText) || "";
    var type = (xhr && xhr.getResponseHeader("Content-Type")) || "";
    if (type.indexOf("json") !== -1) {
      try {
        var data = JSON.parse(body);
        if (data && typeof data.detail === "string") {
          return data.detail;
        }
      } catch (ignored) {
        return null;
      }
    }
    if (type.indexOf("html") !== -1) {
      // Parsed, never inserted: only the marked sentence's text is shown.
      var page = new DOMParser().parseFromString(body, "text/html");
      var marked = page.querySelector("[data-refusal]");
      if (marked && marked.textContent.trim()) {
        return marked.textContent.replace(/\s+/g, " ").trim();
      }
    }
    return null;
  }

  document.addEventListener("htmx:responseError", function (event) {
    if (notices()) {
      say("rondom-alert", refusalOf(event.detail.xhr) || notices().getAttribute("data-refused"), true);
    }
  });

  document.addEventListener("htmx:sendError", function () {
    if (notices()) {
      say("rondom-alert", notices().getAttribute("data-offline"), true);
    }
  });

  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-close-notice]");
    if (close) {
      close.closest("#rondom-alert").replaceChildren();
    }
  });

  // --- Focus after the editor --------------------------------------------------------------
  // The timeline is drawn again after every change (and after other people's changes), which
  // would drop the focus on the page's body. Keep it where the person was: on the card just
  // saved, else on the control that opened the editor, else on what had it before a redraw.

  // How to find an element again in a timeline drawn anew: by id, or by the address it asks.
  function locatorOf(element) {
    if (!element || element === document.body) {
      return null;
    }
    if (element.id) {
      return { selector: "#" + CSS.escape(element.id) };
    }
    var holder = element.closest("[hx-get]");
    if (!holder) {
      return null;
    }
    var selector = holder.tagName.toLowerCase() + '[hx-get="' + CSS.escape(holder.getAttribute("hx-get")) + '"]';
    return { selector: selector, inner: holder === element ? null : element.tagName.toLowerCase() };
  }

  function findAgain(locator) {
    if (!locator) {
      return null;
    }
    var found = document.querySelector(locator.selector);
    if (found && locator.inner) {
      found = found.querySelector(locator.inner);
    }
    return found;
  }

  function focusOn(element) {
    if (element && element.isConnected) {
      element.focus({ preventScroll: false });
      return document.activeElement === element;
    }
    return false;
  }

  var opener = null; // what opened the editor
  var saved = null; // the card just saved, until the timeline shows it
  var beforeRedraw = null; // what had the focus in the timeline before it was drawn again

  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var slot = editor();
    if (slot && source && source.getAttribute && source.getAttribute("hx-target") === "#editor" && !slot.contains(source)) {
      var control = source.tagName === "FORM" ? source.querySelector("button, [type=submit]") : source;
      opener = locatorOf(control) || locatorOf(source);
    }
  });

  document.body.addEventListener("card-saved", function (event) {
    saved = event.detail.card;
    say("rondom-status", event.detail.message, false);
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "timeline" && target.contains(document.activeElement)) {
      beforeRedraw = locatorOf(document.activeElement);
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.target;
    if (target && target.id === "timeline") {
      if (saved !== null) {
        var card = document.getElementById("card-" + saved);
        var done = card && (focusOn(card.querySelector(".tl-card__edit")) || focusOn(card));
        saved = null;
        if (done || focusOn(findAgain(opener))) {
          beforeRedraw = null;
          return;
        }
      }
      if (beforeRedraw && document.activeElement === document.body) {
        focusOn(findAgain(beforeRedraw));
      }
      beforeRedraw = null;
    } else if (target === editor() && saved !== null && !document.getElementById("timeline")) {
      // No timeline on this page to show the card: back to what opened the editor.
      saved = null;
      focusOn(findAgain(opener));
    }
  });

  // Closing the editor (Cancel or Escape) returns the focus to what opened it.
  function returnFromEditor() {
    var slot = editor();
    if (slot && slot.childElementCount > 0) {
      setTimeout(function () {
        if (document.activeElement === document.body || !document.activeElement) {
          focusOn(findAgain(opener));
        }
      }, 0);
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-editor]")) {
      returnFromEditor();
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      returnFromEditor();
    }
  }, true);
})();
