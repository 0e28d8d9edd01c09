/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // Ask before destructive form submissions marked with data-confirm.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // Drag and drop within one level of the agenda; the drop posts the new order
  // through the same form that works without JavaScript (#order-form).
  function setUpSortable(list) {
    var dragged = null;
    var items = function () {
      return Array.prototype.filter.call(list.children, function (el) { return el.dataset.key; });
    };
    items().forEach(function (item) {
      var handle = item.querySelector(":scope > .block-row .handle");
      if (!handle) { return; }
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        if (dragged) { return; }  // a part inside a dragged block: the outer one moves
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.key);
        event.stopPropagation();
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("dragging");
        clearMarks();
        dragged = null;
      });
    });
    function clearMarks() {
      items().forEach(function (el) { el.classList.remove("drop-before", "drop-after"); });
    }
    function target(event) {
      var el = event.target.closest("li.block");
      while (el && el.parentElement !== list) { el = el.parentElement.closest("li.block"); }
      return el;
    }
    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      var over = target(event);
      if (!over || over === dragged) { return; }
      event.preventDefault();
      event.stopPropagation();
      clearMarks();
      var box = over.getBoundingClientRect();
      over.classList.add(event.clientY < box.top + box.height / 2 ? "drop-before" : "drop-after");
    });
    list.addEventListener("drop", function (event) {
      if (!dragged) { return; }
      var over = target(event);
      if (!over || over === dragged) { return; }
      event.preventDefault();
      event.stopPropagation();
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY < box.top + box.height / 2 ? over : over.nextSibling);
      clearMarks();
      submitOrder(list);
    });
  }

  function submitOrder(list) {
    var form = document.getElementById("order-form");
    if (!form) { return; }
    var keys = Array.prototype.filter.call(list.children, function (el) { return el.dataset.key; })
      .map(function (el) { return el.dataset.key; });
    form.elements.parent.value = list.dataset.parent || "";
    form.elements.order.value = keys.join(",");
    form.submit();
  }

  // The table board: drag a person onto another table; the drop posts #drop-form,
  // the same move that the per-person "Move" button does without JavaScript.
  function setUpBoard(board) {
    var form = document.getElementById("drop-form");
    if (!form) { return; }
    var dragged = null;
    board.addEventListener("dragstart", function (event) {
      var person = event.target.closest && event.target.closest("li.person");
      if (!person) { return; }
      dragged = person;
      person.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", person.dataset.person);
    });
    board.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      dragged = null;
      board.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
    });
    board.addEventListener("dragover", function (event) {
      var card = dragged && event.target.closest("[data-table]");
      if (!card) { return; }
      event.preventDefault();
      board.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
      card.classList.add("drop-target");
    });
    board.addEventListener("drop", function (event) {
      var card = dragged && event.target.closest("[data-table]");
      if (!card) { return; }
      event.preventDefault();
      form.elements.participant_id.value = dragged.dataset.person;
      form.elements.table_id.value = card.dataset.table;
      form.submit();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-sortable]").forEach(setUpSortable);
    document.querySelectorAll("[data-board]").forEach(setUpBoard);
  });
})();
