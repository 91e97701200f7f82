// Keyboard for the "To review" page. The page works without it (radios and buttons);
// this only lets an editor clear an article without leaving the keys: j/k move between
// claims, c/x/u set confirm/reject/leave and move on, e opens the correction fields,
// a marks every undecided claim confirmed, s saves. Keys typed into a field are the
// field's own; Escape leaves the field and returns to its claim.
(function () {
  "use strict";
  var form = document.getElementById("rq-form");
  if (!form) { return; }
  var claims = Array.prototype.slice.call(form.querySelectorAll(".rq-claim"));
  var current = 0;

  function decisionOf(claim) {
    var checked = claim.querySelector(".rq-decision input:checked");
    return checked ? checked.value : "leave";
  }

  function paint(claim) {
    var value = decisionOf(claim);
    claim.classList.toggle("is-confirm", value === "confirm");
    claim.classList.toggle("is-reject", value === "reject");
  }

  function marksOf(claim) {
    var id = claim.getAttribute("data-claim");
    return Array.prototype.filter.call(document.querySelectorAll(".rq-text mark"), function (m) {
      return (" " + m.getAttribute("data-claims") + " ").indexOf(" " + id + " ") >= 0;
    });
  }

  function select(index, scroll) {
    if (!claims.length) { return; }
    current = Math.max(0, Math.min(claims.length - 1, index));
    claims.forEach(function (c, i) { c.classList.toggle("current", i === current); });
    document.querySelectorAll(".rq-text mark.current").forEach(function (m) {
      m.classList.remove("current");
    });
    var claim = claims[current];
    var marks = marksOf(claim);
    marks.forEach(function (m) { m.classList.add("current"); });
    if (scroll !== false) {
      claim.scrollIntoView({ block: "nearest" });
      if (marks.length) { marks[0].scrollIntoView({ block: "nearest" }); }
      claim.focus({ preventScroll: true });
    }
  }

  function decide(value) {
    var claim = claims[current];
    var radio = claim && claim.querySelector(".rq-decision input[value='" + value + "']");
    if (!radio) { return; }
    radio.checked = true;
    paint(claim);
    select(current + 1);
  }

  claims.forEach(function (claim, i) {
    paint(claim);
    claim.addEventListener("change", function () { paint(claim); });
    claim.addEventListener("click", function () { select(i, false); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" && target.type !== "radio" &&
      target.type !== "checkbox" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
    if (typing) {
      if (event.key === "Escape") {
        var claim = target.closest(".rq-claim");
        if (claim) { claim.focus(); }
      }
      return;
    }
    var key = event.key;
    if (key === "j" || key === "ArrowDown") { select(current + 1); }
    else if (key === "k" || key === "ArrowUp") { select(current - 1); }
    else if (key === "c") { decide("confirm"); }
    else if (key === "x") { decide("reject"); }
    else if (key === "u") { decide("leave"); }
    else if (key === "e") {
      var details = claims[current] && claims[current].querySelector("details.rq-edit");
      if (!details) { return; }
      details.open = true;
      var first = details.querySelector("input, select");
      if (first) { first.focus(); }
    } else if (key === "a") {
      claims.forEach(function (c) {
        if (decisionOf(c) === "leave") {
          c.querySelector(".rq-decision input[value='confirm']").checked = true;
          paint(c);
        }
      });
    } else if (key === "s") { form.requestSubmit(form.querySelector("input[name=save]")); }
    else { return; }
    event.preventDefault();
  });

  var firstError = claims.findIndex(function (c) { return c.classList.contains("has-errors"); });
  select(firstError >= 0 ? firstError : 0, firstError >= 0);
})();
