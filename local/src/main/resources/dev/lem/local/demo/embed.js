/* lem up demo: the embed snippet of README "Embedding a form", as a file (the page's policy allows no inline script).
   Fetches a signed form token, fills the attribution fields, and enables the button once the form can be sent. */
(function () {
  'use strict';
  var form = document.getElementById('lem-form');
  if (!form) { return; }
  var api = new URL(form.getAttribute('action'), location.href);
  form.elements.lem_referrer.value = document.referrer;
  try {
    form.elements.lem_landing.value = sessionStorage.lemLanding || (sessionStorage.lemLanding = location.href);
  } catch (storageBlocked) {
    form.elements.lem_landing.value = location.href;
  }
  fetch(api.origin + api.pathname + '/token', {credentials: 'omit'})
    .then(function (r) { if (!r.ok) { throw new Error('token ' + r.status); } return r.json(); })
    .then(function (body) {
      form.elements.lem_token.value = body.token;
      form.querySelector('button').disabled = false;
      form.setAttribute('data-lem-ready', 'true');
    })
    .catch(function (e) {
      var note = document.getElementById('lem-form-error');
      if (note) { note.textContent = 'The form cannot be sent right now (' + e.message + '); reload the page.'; }
    });
})();
