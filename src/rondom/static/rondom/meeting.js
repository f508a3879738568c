// The meeting page: one step open at a time, notes that save while you type, and a question
// before closing. Without this script the page works too: the steps are <details> that the
// browser keeps to one open, the notes have a save button, and closing asks on its own page.
(function () {
  "use strict";

  var PAUSE = 800; // milliseconds without typing before the notes are saved

  // --- One step at a time ----------------------------------------------------------------

  // For browsers that do not yet keep <details name> to one open. The address remembers the
  // open step, so that a reload opens it again.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details.mt-step") || !opened.open) {
      return;
    }
    document.querySelectorAll("details.mt-step[open]").forEach(function (other) {
      if (other !== opened) {
        other.open = false;
      }
    });
    // Not on the answer to a form that was refused: that address takes no GET.
    var page = opened.closest("[data-meeting-url]");
    if (page && page.getAttribute("data-meeting-url") === window.location.pathname) {
      var url = new URL(window.location.href);
      url.searchParams.set("step", opened.getAttribute("data-step"));
      url.hash = "";
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }, true);

  // A link to a part of a step (#step-3, #agreements) opens that step.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var step = target && target.closest("details.mt-step");
    if (step && !step.open) {
      step.open = true;
      target.scrollIntoView();
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // --- Notes that save while you type ----------------------------------------------------

  var states = new WeakMap();

  function stateOf(form) {
    var state = states.get(form);
    if (!state) {
      var field = form.querySelector("textarea");
      // paused: someone else saved meanwhile; only the save button replaces their text.
      state = { timer: null, busy: false, again: false, explicit: false, paused: false,
                saved: field ? field.defaultValue : "" };
      states.set(form, state);
    }
    return state;
  }

  function showStatus(form, kind) {
    var status = form.querySelector(".mt-note__status");
    if (status) {
      status.textContent = kind ? status.getAttribute("data-" + kind) : "";
      status.classList.toggle("mt-note__status--failed", kind === "failed");
    }
  }

  function showProblem(form, html) {
    var slot = form.querySelector("[data-note-problem]");
    if (slot) {
      slot.innerHTML = html || ""; // rendered and escaped by the server
    }
  }

  function answered(form, state, text, response, data) {
    var version = form.querySelector("input[name$='-version']");
    if (data.version && version) {
      version.value = data.version; // the next save builds on this one
    }
    if (response.status === 200) {
      var field = form.querySelector("textarea");
      state.saved = text;
      state.paused = false;
      field.defaultValue = text; // what the server has now; typing since then stays
      showProblem(form, "");
      var section = form.closest(".mt-note");
      if (section) {
        section.classList.remove("mt-changed-elsewhere");
      }
      showStatus(form, "saved");
    } else if (data.problem) {
      // 409: someone else saved meanwhile; 410: the meeting was closed. Typing stops saving.
      state.paused = response.status === 409 || response.status === 410;
      showProblem(form, data.problem);
      showStatus(form, "");
    } else {
      showStatus(form, "failed");
    }
  }

  function save(form, explicit) {
    var state = stateOf(form);
    var field = form.querySelector("textarea");
    clearTimeout(state.timer);
    if (state.busy) {
      // One save at a time: the next one carries the version the running one gets back.
      state.again = true;
      state.explicit = state.explicit || explicit;
      return;
    }
    if (!field || (!explicit && (state.paused || field.value === state.saved))) {
      return;
    }
    var text = field.value;
    state.busy = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
      redirect: "error" // logged out meanwhile: the login page is no answer to a save
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        throw new Error("no answer from the meeting");
      }
      return response.json().then(function (data) {
        answered(form, state, text, response, data);
      });
    }).catch(function () {
      showStatus(form, "failed");
    }).then(function () {
      state.busy = false;
      if (state.again) {
        var again = state.explicit;
        state.again = false;
        state.explicit = false;
        save(form, again);
      }
    });
  }

  function notesForm(element) {
    return element && element.closest ? element.closest("form[data-autosave]") : null;
  }

  document.addEventListener("input", function (event) {
    var form = notesForm(event.target);
    if (form) {
      var state = stateOf(form);
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { save(form, false); }, PAUSE);
    }
  });

  // Leaving the field saves at once.
  document.addEventListener("change", function (event) {
    var form = notesForm(event.target);
    if (form) {
      save(form, false);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = notesForm(event.target);
    if (form && window.fetch) {
      event.preventDefault();
      save(form, true);
    }
  });

  // --- Asking before closing -------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-opens-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-opens-dialog"));
      if (dialog && dialog.showModal) {
        event.preventDefault();
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest && event.target.closest("[data-closes-dialog]");
    if (closer && closer.closest("dialog")) {
      event.preventDefault();
      closer.closest("dialog").close();
    }
  });
})();
