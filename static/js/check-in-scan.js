/*
 * Check-in: scan a booking's QR code with the phone's camera where the
 * browser can read QR codes itself (the BarcodeDetector API); elsewhere the
 * scan button stays hidden and the host types the code. The QR holds the
 * code (or a link ending in it); the server reads either (hosting.normalise_code).
 */
(function () {
  "use strict";
  var box = document.getElementById("scan");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var start = document.getElementById("scan-start");
  var video = document.getElementById("scan-video");
  var status = document.getElementById("scan-status");
  var form = document.getElementById("check-in-form");
  var input = document.getElementById("id_code");
  box.hidden = false;

  start.addEventListener("click", function () {
    var detector;
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (error) {
      status.textContent = status.dataset.noCamera;
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        status.textContent = status.dataset.scanning;
        return video.play().then(function () {
          var stop = function () {
            stream.getTracks().forEach(function (track) { track.stop(); });
          };
          var look = function () {
            detector.detect(video).then(function (found) {
              if (found.length && found[0].rawValue) {
                stop();
                input.value = found[0].rawValue;
                form.submit();
              } else {
                window.setTimeout(look, 250);
              }
            }).catch(function () { window.setTimeout(look, 500); });
          };
          look();
        });
      })
      .catch(function () {
        status.textContent = status.dataset.noCamera;
        start.hidden = false;
      });
  });
})();
