/*
 * Small page actions without inline handlers (the Content-Security-Policy
 * blocks onclick="…" attributes): declared in markup with data attributes.
 *
 *   <button data-print-page>           prints the page
 *   <select data-submit-on-change>     submits its form when changed
 *
 * Oscar's own templates still carry a few onclick="history.go(-1)" cancel
 * links; the browser refuses to run them, so the same step back is done here.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
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
