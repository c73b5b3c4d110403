// The bank-transfer panel (templates/payment/bank_transfer.html): copy buttons, and the
// payment status polled from a read-only JSON endpoint until the money is matched.
(function () {
  "use strict";
  var panel = document.getElementById("bank-transfer");
  if (!panel) return;

  panel.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.parentElement.querySelector("[data-copy-value]");
      if (!value || !navigator.clipboard) return;
      navigator.clipboard.writeText(value.textContent.trim()).then(function () {
        var label = button.textContent;
        button.textContent = panel.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 1500);
      });
    });
  });

  var FINAL = { paid: true, partially_refunded: true, refunded: true, cancelled: true };
  var status = panel.querySelector("#bank-transfer-status");
  var details = panel.querySelector("[data-testid=bank-transfer-details]");
  var interval = 5000;

  function show(state) {
    var key = state === "partially_refunded" || state === "refunded" ? "paid" : state;
    var label = panel.getAttribute("data-label-" + key);
    panel.dataset.status = state;
    if (label) status.textContent = label;
    if (FINAL[state] && details) details.hidden = true;
  }

  function poll() {
    fetch(panel.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.status !== panel.dataset.status) show(data.status);
        if (!FINAL[panel.dataset.status]) setTimeout(poll, interval);
      })
      .catch(function () { setTimeout(poll, interval * 2); });
  }

  if (!FINAL[panel.dataset.status]) setTimeout(poll, interval);
})();
