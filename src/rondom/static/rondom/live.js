// Live updates: listen to the case's stream and let the parts of the page refresh themselves.
(function () {
  "use strict";

  var marker = document.querySelector("[data-live-events]");
  if (!marker || !window.EventSource) {
    return;
  }
  var pending = {};

  // Several changes in quick succession lead to one refresh.
  function soon(name, fire) {
    clearTimeout(pending[name]);
    pending[name] = setTimeout(fire, 150);
  }

  function refreshStep(step, version) {
    var section = document.getElementById("step-" + step);
    if (!section) {
      return;
    }
    var shown = section.querySelector("input[name$='-version']");
    if (shown && String(version) === shown.value) {
      return; // this page saved that version itself, while its notes were typed
    }
    var field = section.querySelector("textarea");
    var editing = section.contains(document.activeElement) || (field && field.value !== field.defaultValue);
    if (editing) {
      // Never overwrite what someone is typing; the save will show both texts if they differ.
      section.classList.add("mt-changed-elsewhere");
      return;
    }
    window.htmx.ajax("GET", window.location.pathname, {
      target: "#step-" + step, select: "#step-" + step, swap: "outerHTML",
      headers: { "X-Rondom-Background": "1" }
    });
  }

  // Refreshes caused by someone else's change are not this person's activity: they must not
  // keep an idle session alive.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var trigger = event.detail.triggeringEvent;
    if (trigger && ["timeline-changed", "meeting-changed", "note-changed"].indexOf(trigger.type) >= 0) {
      event.detail.headers["X-Rondom-Background"] = "1";
    }
  });

  var url = marker.getAttribute("data-live-events");
  var source = new EventSource(url);
  var opened = 0;
  // After a reconnection, changes made while the stream was down are fetched once.
  source.addEventListener("open", function () {
    opened += 1;
    if (opened > 1) {
      document.body.dispatchEvent(new Event("timeline-changed"));
      document.body.dispatchEvent(new Event("meeting-changed"));
    }
  });
  // A stream that is refused (logged out after being idle, or no longer allowed to see the
  // case) closes for good. Load the page again, so it says which, instead of showing what
  // this person may no longer see. Without live updates (204) the page just stays.
  source.addEventListener("error", function () {
    if (source.readyState !== EventSource.CLOSED) {
      return; // the browser reconnects by itself
    }
    var control = new AbortController();
    fetch(url, { signal: control.signal, credentials: "same-origin", headers: { "X-Rondom-Background": "1" } })
      .then(function (response) {
        control.abort();
        if (response.status !== 204) {
          window.location.reload();
        }
      })
      .catch(function () {});
  });
  // The server ended the stream because this person may no longer follow the case (consent
  // withdrawn, logged out, left the case): reload, so the page says so.
  source.addEventListener("closed", function () {
    source.close();
    window.location.reload();
  });
  source.addEventListener("changed", function (message) {
    var data = JSON.parse(message.data);
    if (data.kind === "card") {
      soon("timeline", function () { document.body.dispatchEvent(new Event("timeline-changed")); });
    } else if (data.kind === "note") {
      soon("step-" + data.step, function () { refreshStep(data.step, data.version); });
      // For parts that show a note without its form, such as the board.
      soon("notes", function () { document.body.dispatchEvent(new Event("note-changed")); });
    } else {
      soon("meeting", function () { document.body.dispatchEvent(new Event("meeting-changed")); });
    }
  });
})();
