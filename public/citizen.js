// The citizen pages ship no framework JavaScript (page weight on cheap phones, slow networks):
// they work as plain forms. This adds the touches the framework gave them — the live
// "answered N of M" line, a submit button that cannot be pressed twice, focus on the error
// summary — the time-limit warning with its "more time" button (WCAG 2.2.1, decision 025), and
// the OTP filled in from the SMS where the browser offers it (WebOTP, decision 029).
document.addEventListener("change", function (event) {
  var form = event.target.closest && event.target.closest("form.survey-form");
  var line = form && form.querySelector(".progress[data-template]");
  if (!line) return;
  var done = form.querySelectorAll(".indicator input[type=radio]:checked").length;
  var bar = line.querySelector("progress");
  bar.value = done;
  line.querySelector(".progress-text").textContent = line.getAttribute("data-template").replace("{done}", done).replace("{total}", bar.max);
});
document.addEventListener("submit", function (event) {
  var buttons = event.target.querySelectorAll("button[type=submit]");
  setTimeout(function () {
    for (var i = 0; i < buttons.length; i++) buttons[i].disabled = true;
  }, 0);
});

// After a rejected submit the server renders the error summary with autofocus; a browser that
// ignores autofocus on a non-control gets the focus moved here (WCAG 3.3.1, 4.1.3).
(function () {
  var target = document.querySelector("[autofocus]");
  if (target && document.activeElement !== target) target.focus();
})();

// The warning a few minutes before the survey session runs out, and its button: a small POST that
// pushes the session on (within its maximum). No answers are sent; they stay in this page.
(function () {
  var box = document.querySelector(".time-warning[data-expires-at]");
  if (!box || !window.fetch) return;
  var WARN_MS = 5 * 60 * 1000;
  // The deadline on this phone's clock (from the seconds the server counted), and the server's
  // own time of day to show: a phone whose clock is off still warns at the right moment.
  var deadline = Date.now() + Number(box.getAttribute("data-seconds-left")) * 1000;
  var expires = Date.parse(box.getAttribute("data-expires-at"));
  var text = box.querySelector(".time-warning-text");
  var button = box.querySelector(".time-extend");
  var lang = box.getAttribute("data-lang");
  var atMaximum = false;
  var timer = null;
  text.setAttribute("tabindex", "-1");
  function clock(ms) {
    return new Date(ms).toLocaleTimeString(lang === "th" ? "th-TH" : "en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Bangkok" });
  }
  function later(fn, ms) {
    clearTimeout(timer);
    // Browsers cap a timeout at 2^31-1 ms; a session never lasts that long.
    timer = setTimeout(fn, Math.max(0, Math.min(ms, 2147483000)));
  }
  function show() {
    var left = deadline - Date.now();
    if (left <= 0) {
      text.textContent = box.getAttribute("data-text-gone");
      button.hidden = true;
    } else {
      text.textContent = atMaximum ? box.getAttribute("data-text-maximum") : box.getAttribute("data-text-warn").replace("{time}", clock(expires));
      button.hidden = atMaximum;
      later(show, left);
    }
    box.hidden = false;
  }
  function schedule() {
    later(show, deadline - WARN_MS - Date.now());
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    fetch(box.getAttribute("data-extend-path"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        button.disabled = false;
        if (!result.ok || !result.body.expiresAt) {
          deadline = Date.now();
          show();
          text.focus();
          return;
        }
        expires = Date.parse(result.body.expiresAt);
        deadline = Date.now() + result.body.secondsLeft * 1000;
        atMaximum = Boolean(result.body.atMaximum);
        text.textContent = atMaximum ? box.getAttribute("data-text-maximum") : box.getAttribute("data-text-extended").replace("{time}", clock(expires));
        button.hidden = true;
        text.focus();
        schedule();
      })
      .catch(function () {
        button.disabled = false;
      });
  });
  schedule();
})();

// WebOTP: the OTP SMS ends with "@<host> #<code>" (app/domain/otp-message.ts). A browser that
// supports it (Chrome on Android) asks the person once, then hands over the code of the SMS for THIS
// host only; it is filled in and the form sent. Typing the code works as before: a submit by hand
// ends the wait, and a refusal, a timeout or no support leave the field as it is.
(function () {
  var input = document.querySelector("input[data-webotp]");
  if (!input || !input.form || !("OTPCredential" in window) || !window.AbortController) return;
  var form = input.form;
  var controller = new AbortController();
  form.addEventListener("submit", function () {
    controller.abort();
  });
  navigator.credentials
    .get({ otp: { transport: ["sms"] }, signal: controller.signal })
    .then(function (otp) {
      if (!otp || !/^\d{6}$/.test(otp.code) || controller.signal.aborted) return;
      input.value = otp.code;
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    })
    .catch(function () {});
})();
