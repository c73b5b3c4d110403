/*
 * Small page actions without inline handlers (the Content-Security-Policy
 * blocks onclick="…" attributes): declared in markup with data attributes.
 *
 *   <button data-print-page>           prints the page
 *   <select data-submit-on-change>     submits its form when changed
 *   <button data-close-sheet hidden>   closes the filter sheet around it (shown
 *                                      only here: without script, tapping the
 *                                      dimmed page or the "Lọc" button closes it)
 *   <a data-search-toggle>             opens the phone header's search field
 *                                      (without script its #site-search link
 *                                      opens it through :target)
 *   <details data-account-menu>        the header's account menu: closes on
 *                                      Escape and on a click outside it
 *
 * Oscar's own templates still carry a few onclick="history.go(-1)" cancel
 * links; the browser refuses to run them, so the same step back is done here.
 */
(function () {
  "use strict";
  var sheets = document.querySelectorAll("details[data-filter-sheet]");
  document.querySelectorAll("[data-close-sheet]").forEach(function (button) {
    button.hidden = false;
  });
  // Browsers without ::details-content cannot show a closed sheet as the
  // desktop sidebar: open it there instead.
  var supportsDetailsContent = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (!supportsDetailsContent && window.matchMedia("(min-width: 768px)").matches) {
    sheets.forEach(function (sheet) { sheet.open = true; });
  }
  document.querySelectorAll("[data-search-toggle]").forEach(function (toggle) {
    var form = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", form.classList.contains("is-open") ? "true" : "false");
  });
  var accountMenus = document.querySelectorAll("details[data-account-menu]");
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    accountMenus.forEach(function (menu) {
      if (menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    sheets.forEach(function (sheet) {
      if (sheet.open && window.matchMedia("(max-width: 767.98px)").matches) {
        sheet.open = false;
        sheet.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener("click", function (event) {
    accountMenus.forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    var closer = event.target.closest("[data-close-sheet]");
    if (closer) {
      var sheet = closer.closest("details");
      sheet.open = false;
      sheet.querySelector("summary").focus();
      return;
    }
    var searchToggle = event.target.closest("[data-search-toggle]");
    if (searchToggle) {
      event.preventDefault();
      var form = document.getElementById(searchToggle.getAttribute("aria-controls"));
      var opened = form.classList.toggle("is-open");
      searchToggle.setAttribute("aria-expanded", opened ? "true" : "false");
      if (opened) form.querySelector("input[type=search]").focus();
      return;
    }
    var printer = event.target.closest("[data-print-page]");
    if (printer) {
      event.preventDefault();
      window.print();
      return;
    }
    var back = event.target.closest("a[onclick*='history.go(-1)']");
    if (back) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-submit-on-change]");
    if (field && field.form) field.form.submit();
  });
})();
