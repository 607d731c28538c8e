/* The "notifications on this phone" box (notifications/partials/push_opt_in.html): registers the
   service worker, subscribes with the marketplace's key and hands the subscription to the server. */
(function () {
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  var on = box.querySelector("[data-push-on]"), off = box.querySelector("[data-push-off]"),
      status = box.querySelector("[data-push-status]");
  box.hidden = false;
  function say(text) { status.textContent = text; }
  function show(subscribed) { on.hidden = subscribed; off.hidden = !subscribed; }
  function send(url, subscription) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
      body: JSON.stringify(subscription)
    }).then(function (response) { if (!response.ok) throw new Error(response.status); });
  }
  function serverKey() {
    var text = box.dataset.key.replace(/-/g, "+").replace(/_/g, "/");
    var raw = atob(text + "===".slice((text.length + 3) % 4)), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  var registered = navigator.serviceWorker.register(box.dataset.worker, { scope: "/" });
  registered.catch(function () { box.hidden = true; });  // not a secure page: no push here
  var ready = registered.then(function () { return navigator.serviceWorker.ready; });
  ready.then(function (registration) { return registration.pushManager.getSubscription(); }).then(function (subscription) {
    show(!!subscription && Notification.permission === "granted");
    if (subscription) send(box.dataset.subscribe, subscription.toJSON()).catch(function () {});
  }).catch(function () {});
  on.addEventListener("click", function () {
    say(box.dataset.asking);
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { say(box.dataset.denied); return; }
      return ready.then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey() });
      }).then(function (subscription) {
        return send(box.dataset.subscribe, subscription.toJSON());
      }).then(function () { show(true); say(box.dataset.done); off.focus(); });
    }).catch(function () { say(box.dataset.failed); });
  });
  off.addEventListener("click", function () {
    ready.then(function (registration) { return registration.pushManager.getSubscription(); }).then(function (subscription) {
      if (!subscription) return;
      return send(box.dataset.unsubscribe, { endpoint: subscription.endpoint }).then(function () { return subscription.unsubscribe(); });
    }).then(function () { show(false); say(box.dataset.stopped); on.focus(); }).catch(function () { say(box.dataset.failed); });
  });
})();
