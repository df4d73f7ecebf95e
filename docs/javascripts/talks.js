// Topic filter of the talk catalogue: show the talks of one topic, or all of them.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".course-talks__filters button")
  if (!button) return
  var topic = button.getAttribute("data-topic")
  var section = button.closest(".course-talks")
  section.querySelectorAll(".course-talks__filters button").forEach(function (other) {
    other.setAttribute("aria-pressed", String(other === button))
  })
  section.querySelectorAll(".course-talks__list li").forEach(function (item) {
    item.hidden = Boolean(topic) && item.getAttribute("data-topic") !== topic
  })
})
