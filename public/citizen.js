// The citizen pages ship no framework JavaScript (page weight on cheap phones, slow networks):
// they work as plain forms. This adds the two touches the framework gave them — the live
// "answered N of M" line and a submit button that cannot be pressed twice.
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
