/* Episode pages: chapter and transcript links seek the player instead of
   opening the file, the transcript follows playback, and a search box
   filters the transcript. Without JavaScript every link still works. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var audio = document.getElementById("episode-audio");
    if (!audio) return;
    document.querySelectorAll("[data-seek]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        audio.currentTime = parseFloat(link.dataset.start) || 0;
        audio.play();
        audio.focus();
      });
    });
    var transcript = document.querySelector("[data-transcript]");
    if (!transcript) return;
    var cues = Array.prototype.slice.call(transcript.querySelectorAll("li[data-start]"));
    audio.addEventListener("timeupdate", function () {
      var now = audio.currentTime, current = null;
      cues.forEach(function (cue) {
        if (parseFloat(cue.dataset.start) <= now) current = cue;
        cue.removeAttribute("aria-current");
      });
      if (current) current.setAttribute("aria-current", "true");
    });
    var label = document.createElement("label");
    label.textContent = transcript.dataset.searchLabel || "Search the transcript";
    var input = document.createElement("input");
    input.type = "search";
    label.appendChild(input);
    transcript.insertBefore(label, transcript.querySelector("ol"));
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase();
      cues.forEach(function (cue) {
        cue.hidden = query !== "" && cue.textContent.toLocaleLowerCase().indexOf(query) === -1;
      });
    });
  });
})();
