/*
 * Card payment for one order, on the order confirmation page.
 *
 * Stripe.js (STRIPE_JS_URL; localstripe's stand-in in tests) collects the
 * card and gives back an id for it; the card number never reaches our server.
 * The server confirms the order's PaymentIntent with that id
 * (/payments/stripe/confirm/<order>/). If the bank asks for 3-D Secure,
 * Stripe.js shows it, then the server is asked to record the outcome
 * (/payments/stripe/refresh/<order>/). The page we return to only *shows*
 * the recorded result: the order becomes paid when Stripe's signed webhook
 * arrives.
 */
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") {
    return;
  }
  var stripe = Stripe(form.dataset.publishableKey);
  var card = stripe.elements().create("card", { hidePostalCode: true });
  card.mount("#card-element");
  var button = document.getElementById("pay-by-card");
  var errors = document.getElementById("card-errors");

  function fail(message) {
    errors.textContent = message || form.dataset.errorGeneric;
    button.disabled = false;
  }

  // Stripe.js gives a PaymentMethod; localstripe's stand-in has no
  // createPaymentMethod, so fall back to a token's card there.
  async function cardId() {
    var result = await stripe.createPaymentMethod({ type: "card", card: card });
    if (result && result.error) {
      throw result.error;
    }
    if (result && result.paymentMethod) {
      return result.paymentMethod.id;
    }
    var token = await stripe.createToken(card);
    if (token.error) {
      throw token.error;
    }
    return token.token.card.id;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    try {
      var response = await fetch(form.dataset.confirmUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrfToken },
        body: JSON.stringify({ payment_method: await cardId() }),
      });
      var data = await response.json();
      if (data.error) {
        return fail(data.error);
      }
      if (data.status === "requires_action") {
        // The PaymentIntent uses automatic confirmation, for which Stripe.js
        // refuses handleCardAction (manual confirmation only): handleNextAction
        // runs the bank's check; localstripe's stand-in only has
        // confirmCardPayment, which does the same there.
        var result = stripe.handleNextAction
          ? await stripe.handleNextAction({ clientSecret: data.client_secret })
          : await stripe.confirmCardPayment(data.client_secret);
        if (result.error) {
          return fail(result.error.message);
        }
        // The confirmation page never asks Stripe itself (a GET): have the
        // server record where the PaymentIntent stands now.
        await fetch(form.dataset.refreshUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "X-CSRFToken": form.dataset.csrfToken },
        });
      }
      window.location.assign(data.next);
    } catch (error) {
      fail(error && error.message);
    }
  });
})();
