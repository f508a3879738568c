// The classroom board: the steps change in place, a presenter's clicker moves through them,
// and the board can fill the screen. Without this script the step links load the page.
(function () {
  "use strict";

  var nav = document.querySelector("[data-board-nav]");
  if (!nav) {
    return;
  }

  // Full screen hides the site's menu (see rondom.css); the button stays hidden without the API.
  var full = nav.querySelector("[data-board-fullscreen]");
  if (full && document.fullscreenEnabled && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen().catch(function () {});
      }
    });
    document.addEventListener("fullscreenchange", function () {
      full.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    });
  }

  if (!window.fetch || !window.history.pushState || !window.htmx) {
    return;
  }
  var LAST = 5;
  var previousLink = nav.querySelector("[data-board-go=previous]");
  var nextLink = nav.querySelector("[data-board-go=next]");
  var count = nav.querySelector("[data-board-count]");
  var notes = nav.querySelector("[data-board-notes]");

  function panel() {
    return document.getElementById("board-step");
  }

  function stepIn(search) {
    var step = Number(new URLSearchParams(search).get("step"));
    return step >= 1 && step <= LAST ? Math.floor(step) : 1;
  }

  function addressOf(step) {
    var query = new URLSearchParams(window.location.search);
    query.set("step", String(step));
    return window.location.pathname + "?" + query.toString();
  }

  // The step asked for last: quick presses add up, and an answer that comes in after a later
  // press is not shown.
  var wanted = Number(panel().getAttribute("data-step"));

  function showControls(step) {
    var focused = document.activeElement;
    previousLink.hidden = step <= 1;
    nextLink.hidden = step >= LAST;
    previousLink.href = addressOf(Math.max(step - 1, 1));
    nextLink.href = addressOf(Math.min(step + 1, LAST));
    notes.href = notes.href.split("#")[0] + "#step-" + step;
    // A button that disappears must not take the keyboard's place with it.
    if (focused === nextLink && nextLink.hidden) {
      previousLink.focus();
    } else if (focused === previousLink && previousLink.hidden) {
      nextLink.focus();
    }
  }

  function show(html, step) {
    window.htmx.swap(panel(), html, { swapStyle: "outerHTML" });
    var shown = panel();
    if (!shown || Number(shown.getAttribute("data-step")) !== step) {
      throw new Error("the step did not arrive");
    }
    count.textContent = shown.getAttribute("data-count");
    document.title = shown.getAttribute("data-title");
    showControls(step);
  }

  function go(step, remember) {
    if (step < 1 || step > LAST) {
      return false;
    }
    wanted = step;
    var address = addressOf(step);
    if (remember) {
      window.history.pushState({ boardStep: step }, "", address);
    }
    // The view answers a request aimed at the panel with the panel alone.
    fetch(address, { credentials: "same-origin", headers: { "HX-Request": "true", "HX-Target": "board-step" } })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("not the step");
        }
        return response.text();
      })
      .then(function (html) {
        if (step === wanted) {
          show(html, step);
        }
      })
      .catch(function () {
        // Logged out, no longer allowed, or offline: the whole page says which.
        window.location.assign(address);
      });
    return true;
  }

  nav.addEventListener("click", function (event) {
    var link = event.target.closest("[data-board-go]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return; // a new tab or window gets the link as it is
    }
    event.preventDefault();
    go(link === nextLink ? wanted + 1 : wanted - 1, true);
  });

  window.addEventListener("popstate", function () {
    var step = stepIn(window.location.search);
    if (step !== wanted) {
      go(step, false);
    }
  });

  // A presenter's clicker sends PageDown / PageUp, a keyboard the arrows and space. Keys typed
  // in a field stay there, and space still presses a focused button.
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.repeat || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var key = event.key;
    var forward = key === "ArrowRight" || key === "PageDown" || key === " ";
    var back = key === "ArrowLeft" || key === "PageUp";
    var target = event.target instanceof Element ? event.target : document.body;
    if (!(forward || back) || target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])")) {
      return;
    }
    if (key === " " && target.closest("button, summary, [role=button]")) {
      return;
    }
    if (go(forward ? wanted + 1 : wanted - 1, true)) {
      event.preventDefault();
    }
  });
})();
