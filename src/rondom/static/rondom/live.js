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

  function refreshStep(step) {
    var section = document.getElementById("step-" + step);
    if (!section) {
      return;
    }
    var field = section.querySelector("textarea");
    var editing = section.contains(document.activeElement) || (field && field.value !== field.defaultValue);
    if (editing) {
      // Never overwrite what someone is typing; the save will show both texts if they differ.
      section.classList.add("mt-changed-elsewhere");
      return;
    }
    window.htmx.ajax("GET", window.location.pathname, { target: "#step-" + step, select: "#step-" + step, swap: "outerHTML" });
  }

  var source = new EventSource(marker.getAttribute("data-live-events"));
  var opened = 0;
  // After a reconnection, changes made while the stream was down are fetched once.
  source.addEventListener("open", function () {
    opened += 1;
    if (opened > 1) {
      document.body.dispatchEvent(new Event("timeline-changed"));
      document.body.dispatchEvent(new Event("meeting-changed"));
    }
  });
  source.addEventListener("changed", function (message) {
    var data = JSON.parse(message.data);
    if (data.kind === "card") {
      soon("timeline", function () { document.body.dispatchEvent(new Event("timeline-changed")); });
    } else if (data.kind === "note") {
      soon("step-" + data.step, function () { refreshStep(data.step); });
    } else {
      soon("meeting", function () { document.body.dispatchEvent(new Event("meeting-changed")); });
    }
  });
})();
