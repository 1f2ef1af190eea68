// The closing checklist from the keyboard (templates/closings/detail.html, counsel only):
// j / ArrowDown and k / ArrowUp move focus between the deliverable rows that have a status form;
// r, o and w set the focused row's status through that row's own form, the one the mouse uses, so
// htmx posts it to the same endpoint and swaps in the row and, out of band, the counts.
// Nothing happens while typing in a field or with Ctrl, Alt, Meta or Shift held.
(function () {
  "use strict";

  var ROW = "tr[data-checklist-row]";
  var MOVES = {j: 1, ArrowDown: 1, k: -1, ArrowUp: -1};
  var STATUSES = {r: "received", o: "outstanding", w: "waived"};
  var refocus = null; // id of the row to focus again once htmx has swapped it

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll(ROW));
  }

  function typing(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  // One row is in the tab order (tabindex 0), the one last focused; the others are reached with j/k.
  function focusRow(row) {
    rows().forEach(function (other) { other.tabIndex = other === row ? 0 : -1; });
    row.focus();
  }

  function move(current, step) {
    var all = rows();
    var index = all.indexOf(current);
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(index + step, 0), all.length - 1);
    if (all[next]) { focusRow(all[next]); }
  }

  function say(text) {
    var live = document.getElementById("checklist-keys-said");
    if (live) { live.textContent = text; }
  }

  function setStatus(row, status) {
    var form = row.querySelector("form");
    var select = form.querySelector("select[name=status]");
    var reason = form.querySelector("input[name=waiver_reason]");
    select.value = status;
    if (status === "waived" && !reason.value.trim()) {
      reason.focus(); // a waiver needs its reason: Enter in the field saves the row
      say("Type the waiver reason, then press Enter.");
      return;
    }
    refocus = row.id;
    form.requestSubmit();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || typing(event.target)) { return; }
    var row = event.target.closest ? event.target.closest(ROW) : null;
    if (event.key in MOVES && (row || event.key.length === 1)) {
      event.preventDefault(); // the arrows scroll the page unless focus is on a row
      move(row, MOVES[event.key]);
    } else if (event.key in STATUSES && row === event.target) {
      event.preventDefault();
      setStatus(row, STATUSES[event.key]);
    }
  });

  // A reason typed after w and saved with Enter: focus comes back to the row too.
  document.addEventListener("submit", function (event) {
    var row = event.target.closest(ROW);
    if (row && row.contains(document.activeElement)) { refocus = row.id; }
  }, true);

  htmx.onLoad(function (element) {
    if (refocus && element.id === refocus) {
      refocus = null;
      focusRow(element);
      var status = element.querySelector("select[name=status]");
      say(element.getAttribute("data-description") + ": " + status.options[status.selectedIndex].text + ".");
    }
  });

  var first = rows()[0];
  if (first) { first.tabIndex = 0; }
})();
