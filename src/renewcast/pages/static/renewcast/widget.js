/* renewcast widget: replaces each <div data-renewcast-show="SLUG"> with a live status box.
   The placeholder's own link stays as the fallback when scripts or frames are blocked. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var origin = new URL(script.src).origin;
  var slots = document.querySelectorAll("[data-renewcast-show]");
  Array.prototype.forEach.call(slots, function (slot) {
    var slug = slot.getAttribute("data-renewcast-show") || "";
    if (slot.getAttribute("data-renewcast-ready") || !/^[a-z0-9-]{1,300}$/.test(slug)) { return; }
    var frame = document.createElement("iframe");
    frame.src = origin + "/shows/" + slug + "/widget/";
    frame.title = "Renewal status from renewcast";
    frame.loading = "lazy";
    frame.setAttribute("style", "border:0;width:100%;max-width:30rem;height:" +
      (parseInt(slot.getAttribute("data-height"), 10) || 190) + "px");
    slot.setAttribute("data-renewcast-ready", "1");
    slot.textContent = "";
    slot.appendChild(frame);
  });
})();
