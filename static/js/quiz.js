// Progressive enhancement for quiz attempts. Without this script the quiz still works: the
// form's buttons save and submit, and the server enforces the deadline. With it, answers
// are saved as the learner works and the server's deadline counts down on screen.
(function () {
  "use strict";

  var form = document.querySelector("form[data-quiz-form]");
  if (!form) return;
  var status = form.querySelector("[data-autosave-status]");
  var versionField = form.querySelector("[data-saved-version]");
  var url = form.getAttribute("data-autosave-url");
  var text = form.dataset;
  var canSave = Boolean(window.fetch && window.FormData && url && versionField);
  var pending = null;   // timer of a save waiting for the learner to pause
  var inFlight = null;  // the save being sent
  var again = false;    // answers changed while a save was in flight
  var submitted = false;

  function say(message) {
    if (status) status.textContent = message;
  }

  function answers() {
    var data = new FormData(form);
    data.delete("save");
    data.delete("finish");
    return data;
  }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function save() {
    if (!canSave) return Promise.resolve();
    if (pending) { clearTimeout(pending); pending = null; }
    if (inFlight) { again = true; return inFlight; }
    again = false;
    say(text.msgSaving || "");
    inFlight = fetch(url, {
      method: "POST",
      body: answers(),
      credentials: "same-origin",
      headers: { "Accept": "application/json" },
    }).then(function (response) {
      return response.json().then(function (body) {
        if (response.ok) {
          versionField.value = body.version;
          var problems = Object.keys(body.errors || {}).map(function (name) {
            return body.errors[name];
          });
          say(problems.length ? problems.join(" ") : (text.msgSaved || "") + " " + clock(new Date()));
        } else if (body.closed && body.redirect) {
          submitted = true;
          window.location.assign(body.redirect);
        } else {
          say(body.message || text.msgFailed || "");
        }
      });
    }).catch(function () {
      again = true;
      say(text.msgOffline || "");
    }).then(function () {
      inFlight = null;
      if (again && !submitted) schedule(5000);
    });
    return inFlight;
  }

  function schedule(delay) {
    if (!canSave || submitted) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(save, delay || 1500);
  }

  form.addEventListener("change", function () { schedule(); });
  form.addEventListener("input", function (event) {
    if (event.target.matches("textarea, input[type=text]")) schedule(2500);
  });

  // A submit waits for a save in flight, so the form carries the latest saved version.
  form.addEventListener("submit", function (event) {
    if (submitted) { event.preventDefault(); return; }
    if (pending) { clearTimeout(pending); pending = null; }
    if (inFlight) {
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () {
        if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
      });
      return;
    }
    submitted = true;
  });

  // Leaving with unsaved changes: hand them to the browser to deliver.
  window.addEventListener("pagehide", function () {
    if (pending && canSave && navigator.sendBeacon) navigator.sendBeacon(url, answers());
  });

  // The countdown shows the server's deadline; the server decides, this only informs.
  var timer = document.querySelector("[data-quiz-timer]");
  var display = timer && timer.querySelector("[data-quiz-timer-text]");
  var announce = document.querySelector("[data-quiz-timer-announce]");
  var seconds = timer ? parseInt(timer.getAttribute("data-seconds-left"), 10) : NaN;
  if (!timer || !display || isNaN(seconds)) return;
  var end = Date.now() + seconds * 1000;
  var warned = {};

  function format(left) {
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    var mm = (h && m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    return (h ? h + ":" : "") + mm + ":" + ss;
  }

  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    display.textContent = format(left);
    [300, 60].forEach(function (mark) {
      if (left <= mark && !warned[mark] && announce) {
        warned[mark] = true;
        announce.textContent = (mark === 300 ? text.msgFiveMinutes : text.msgOneMinute) || "";
        timer.classList.add("is-low");
      }
    });
    if (left <= 3 && !warned.final) { warned.final = true; save(); }
    if (left === 0) {
      clearInterval(interval);
      var reload = function () { window.location.reload(); };
      (inFlight || Promise.resolve()).then(function () { setTimeout(reload, 1500); });
    }
  }
  var interval = setInterval(tick, 1000);
  tick();
})();
