/*
 * The booking form on an experience's page (templates/experiences/product_booking.html):
 * the total follows the number of people as it changes, so the "Show total"
 * button, which asks the server for the same sum without script, is hidden.
 * Prices come from the form's data attributes, in whole đồng.
 */
(function () {
  "use strict";
  var form = document.querySelector("form[data-booking-form]");
  if (!form) return;
  var adults = form.querySelector("[data-booking-adults]");
  var children = form.querySelector("[data-booking-children]");
  var total = form.querySelector("[data-booking-total]");
  var showTotal = form.querySelector("[data-show-total]");
  var price = parseInt(form.getAttribute("data-price"), 10) || 0;
  var childPrice = parseInt(form.getAttribute("data-child-price"), 10) || 0;
  var english = (document.documentElement.lang || "vi").indexOf("en") === 0;
  // "300.000 ₫" in Vietnamese, "₫300,000" in English, as the server writes them.
  var money = new Intl.NumberFormat(english ? "en" : "vi-VN", {
    style: "currency", currency: "VND", maximumFractionDigits: 0,
  });
  function count(input) {
    var value = input ? parseInt(input.value, 10) : 0;
    return isNaN(value) || value < 0 ? 0 : value;
  }
  function update() {
    total.textContent = money.format(price * count(adults) + childPrice * count(children));
  }
  if (showTotal) showTotal.hidden = true;
  [adults, children].forEach(function (input) {
    if (input) input.addEventListener("input", update);
  });
})();
