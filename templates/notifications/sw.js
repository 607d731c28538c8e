{% load static %}/* Chợ Sen's service worker: shows the notifications the server pushes, opens their page when tapped. */
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data.text() }; }
  event.waitUntil(self.registration.showNotification(data.title || "Chợ Sen", {
    body: data.body || "",
    tag: data.tag,
    lang: "vi",
    icon: "{% static 'icons/chosen-192.png' %}",
    badge: "{% static 'icons/chosen-badge.png' %}",
    data: { url: data.url || "{% url 'notifications:inbox' %}" }
  }));
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url;
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if (windows[i].url === url && "focus" in windows[i]) return windows[i].focus();
    }
    return self.clients.openWindow(url);
  }));
});
