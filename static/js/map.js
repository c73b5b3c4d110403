/*
 * Maps on content pages: Leaflet (static/vendor/leaflet) with OpenStreetMap tiles.
 *
 * The address and the OpenStreetMap link next to each map are plain HTML and
 * always show. Leaflet is loaded only when a page has a map, and the map box
 * is revealed only once a first tile has loaded, so without network (or
 * JavaScript) the reader never sees an empty grey box.
 */
(function () {
  "use strict";
  var canvases = document.querySelectorAll("[data-map]");
  if (!canvases.length) return;
  var script = document.currentScript || document.querySelector("script[data-leaflet-js]");
  var TILE_TIMEOUT_MS = 8000;

  function loadLeaflet(done) {
    if (window.L) return done();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = script.getAttribute("data-leaflet-css");
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = script.getAttribute("data-leaflet-js");
    js.onload = done;
    document.head.appendChild(js);
  }

  function draw(canvas) {
    var lat = parseFloat(canvas.getAttribute("data-lat"));
    var lng = parseFloat(canvas.getAttribute("data-lng"));
    if (isNaN(lat) || isNaN(lng)) return;
    var zoom = parseInt(canvas.getAttribute("data-zoom"), 10) || 14;
    var map = window.L.map(canvas, { scrollWheelZoom: false }).setView([lat, lng], zoom);
    var tiles = window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    });
    var shown = false;
    tiles.once("tileload", function () {
      shown = true;
      canvas.classList.add("is-ready");
      canvas.removeAttribute("aria-hidden");
      map.invalidateSize();
    });
    window.setTimeout(function () {
      if (!shown) map.remove(); // no tiles: leave only the address and link
    }, TILE_TIMEOUT_MS);
    tiles.addTo(map);
    window.L.marker([lat, lng], { title: canvas.getAttribute("data-label") || "" }).addTo(map);
  }

  loadLeaflet(function () {
    Array.prototype.forEach.call(canvases, draw);
  });
})();
