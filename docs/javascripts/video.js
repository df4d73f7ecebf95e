// Lecture players are created only when the reader clicks: no request to a video site on page view.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".course-video__play")
  if (!button) return
  var box = button.parentElement
  var frame = document.createElement("iframe")
  frame.src = box.getAttribute("data-embed")
  frame.title = button.textContent.replace(/^\W+/, "")
  frame.allow = "fullscreen; picture-in-picture"
  frame.allowFullscreen = true
  frame.referrerPolicy = "no-referrer-when-downgrade"
  box.replaceChildren(frame)
})
