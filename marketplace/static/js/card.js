/* The card form (templates/payments/card.html): Stripe.js's card field, confirmed with the card
   payment's client secret; 3-D Secure is Stripe.js's. Our messages come from data- attributes. */
(function () {
  var box = document.getElementById("card-pay");
  if (!box) return;
  var form = box.querySelector("[data-card-form]"), error = box.querySelector("[data-card-error]"),
      status = box.querySelector("[data-card-status]"), submit = box.querySelector("[data-card-submit]");
  if (!window.Stripe) { error.textContent = box.dataset.unavailable; submit.disabled = true; return; }
  var stripe = window.Stripe(box.dataset.key), card = stripe.elements({ locale: "vi" }).create("card", { hidePostalCode: true });
  card.mount("#card-element");
  function say(problem) {
    var code = problem && (problem.code || problem.type);
    if (code === "card_declined" || code === "expired_card" || code === "incorrect_cvc") return box.dataset.declined;
    if (code === "incomplete_number" || code === "incomplete_expiry" || code === "incomplete_cvc" || code === "invalid_number") return box.dataset.incomplete;
    if (code === "payment_intent_authentication_failure") return box.dataset.authentication;
    return box.dataset.failed;
  }
  card.on("change", function (event) { error.textContent = event.error ? say(event.error) : ""; });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit.disabled = true; error.textContent = ""; status.textContent = box.dataset.working;
    stripe.confirmCardPayment(box.dataset.secret, { payment_method: { card: card } }).then(function (result) {
      if (result.error) { status.textContent = ""; error.textContent = say(result.error); submit.disabled = false; return; }
      window.location.href = box.dataset.return;
    });
  });
})();
