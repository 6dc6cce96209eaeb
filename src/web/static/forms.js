// Enter on a checkbox or a radio button does not send its form: only the form's button does.
// Browsers would send it, so that someone ticking the consent box with Enter sends a half-filled
// form. Without this script the form works as before.
document.addEventListener('keydown', function (event) {
  var target = event.target;
  if (event.key === 'Enter' && target instanceof HTMLInputElement &&
      (target.type === 'checkbox' || target.type === 'radio')) {
    event.preventDefault();
  }
});
