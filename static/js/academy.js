// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";

  function csrfToken(form) {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // A lesson completes when the learner reads to its end; the button stays for everyone else.
  function completeOnRead(form) {
    if (!("IntersectionObserver" in window) || !window.fetch) return;
    var end = form.closest("[data-lesson-end]");
    var sent = false;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting || sent) return;
        // Only count it as read once the page was actually scrolled, not on a short page's load.
        if (window.scrollY < 50 && document.body.scrollHeight > window.innerHeight * 1.5) return;
        sent = true;
        observer.disconnect();
        fetch(form.action, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) },
        }).then(function (response) {
          if (!response.ok) { sent = false; return; }
          // The button stays where it is: a keyboard user may have focus on it right now,
          // and hiding it would drop their focus to the top of the page. It now only
          // moves on (the server treats a second completion as done already).
          // Its box keeps its size too: a finger on its way to it must still land on it.
          var button = form.querySelector("button[type=submit]");
          if (button && form.dataset.doneLabel) {
            var box = button.getBoundingClientRect();
            button.style.minWidth = box.width + "px";
            button.style.minHeight = box.height + "px";
            button.textContent = form.dataset.doneLabel;
          } else if (!form.contains(document.activeElement)) {
            form.hidden = true;
          }
          var done = end.querySelector("[data-lesson-done]");
          if (done) { done.hidden = false; done.setAttribute("role", "status"); }
        }).catch(function () { sent = false; });
      });
    });
    observer.observe(end);
  }

  // Forms marked data-once cannot be sent twice by a double click.
  function submitOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitted) { event.preventDefault(); return; }
      form.dataset.submitted = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
      });
    });
  }

  document.querySelectorAll("form[data-complete-on-read]").forEach(completeOnRead);
  document.querySelectorAll("form[data-once], form[data-complete-on-read]").forEach(submitOnce);
})();

// The certificate's print button (without a script, the browser's own print works the same).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
