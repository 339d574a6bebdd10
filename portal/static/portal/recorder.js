/* Recording a voice memo in the browser, for the portal's recording form.
 *
 * Without this script (or without a microphone) the form is a plain file
 * upload. With it, a "Start recording" button records with MediaRecorder,
 * turns the recording into a WAV file (every browser records a different
 * container; WAV is one the archive accepts everywhere) and puts it in the
 * form's file field, so sending works exactly as for a chosen file.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-recorder]");
  var input = document.querySelector("input[type=file][name=recording]");
  if (!box || !input || !window.MediaRecorder || !navigator.mediaDevices ||
      !window.DataTransfer || !(window.AudioContext || window.webkitAudioContext)) {
    return;
  }
  var button = box.querySelector("[data-recorder-button]");
  var status = box.querySelector("[data-recorder-status]");
  var recorder = null;
  var chunks = [];
  var RATE = 16000;

  function say(text) { status.textContent = text; }

  function wavFile(samples) {
    var buffer = new ArrayBuffer(44 + samples.length * 2);
    var view = new DataView(buffer);
    function text(offset, value) {
      for (var i = 0; i < value.length; i++) { view.setUint8(offset + i, value.charCodeAt(i)); }
    }
    text(0, "RIFF"); view.setUint32(4, 36 + samples.length * 2, true); text(8, "WAVE");
    text(12, "fmt "); view.setUint32(16, 16, true); view.setUint16(20, 1, true);
    view.setUint16(22, 1, true); view.setUint32(24, RATE, true); view.setUint32(28, RATE * 2, true);
    view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, "data"); view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new File([buffer], "recording.wav", { type: "audio/wav" });
  }

  function toWav(blob) {
    var Context = window.AudioContext || window.webkitAudioContext;
    var context = new Context();
    return blob.arrayBuffer()
      .then(function (data) { return context.decodeAudioData(data); })
      .then(function (decoded) {
        var offline = new OfflineAudioContext(1, Math.ceil(decoded.duration * RATE), RATE);
        var source = offline.createBufferSource();
        source.buffer = decoded;
        source.connect(offline.destination);
        source.start();
        return offline.startRendering();
      })
      .then(function (rendered) {
        context.close();
        return wavFile(rendered.getChannelData(0));
      });
  }

  function stop() {
    recorder.stop();
    recorder.stream.getTracks().forEach(function (track) { track.stop(); });
    button.textContent = box.dataset.labelStart;
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      chunks = [];
      recorder = new MediaRecorder(stream);
      recorder.addEventListener("dataavailable", function (event) { chunks.push(event.data); });
      recorder.addEventListener("stop", function () {
        toWav(new Blob(chunks, { type: recorder.mimeType })).then(function (file) {
          var transfer = new DataTransfer();
          transfer.items.add(file);
          input.files = transfer.files;
          say(box.dataset.labelReady);
        }, function () { say(box.dataset.labelDenied); });
      });
      recorder.start();
      button.textContent = box.dataset.labelStop;
      say(box.dataset.labelRecording);
    }, function () { say(box.dataset.labelDenied); });
  }

  button.addEventListener("click", function () {
    if (recorder && recorder.state === "recording") { stop(); } else { start(); }
  });
  box.hidden = false;
})();
