/*! lem.js - LEM page tracking. No dependencies, no third-party calls, nothing sensitive read or stored.
 *
 * Embed:  <script src="https://<api>/t/lem.js" defer data-lem-endpoint="https://<api>/t/e"></script>
 *         (data-lem-endpoint is optional: it defaults to "e" beside this script, i.e. <api>/t/e)
 *
 * What it does:
 *  - visitor id: keeps a random 128-bit id in the first-party cookie lem_vid on your site
 *    (Path=/; Max-Age=2 years; SameSite=Lax; Secure on https) and sends it as "vid".
 *  - lead token: when a LEM email click brought the visitor here, the URL carries lem_lt; it is kept
 *    in sessionStorage for this tab, sent as "lt" so page views join the lead's timeline, and removed
 *    from the address bar (history.replaceState) so it is not bookmarked or shared.
 *  - page.view on load; time-on-page (visible seconds since the last report) when the page is hidden.
 *  - sends with navigator.sendBeacon as text/plain (no CORS preflight), fetch keepalive as fallback.
 *  - sends the page's origin + path only (never its query string or fragment), the referrer the same way.
 *  - LEM forms: fills every hidden field named lem_vid with the visitor id (on load and again on submit),
 *    so the submission links this visitor's earlier page views to the lead; lem.visitorId() returns it
 *    for forms posted with fetch.
 *  - lem.identify(): reserved placeholder, does nothing yet (identify by submitting a LEM form).
 */
(function (window, document) {
  'use strict';
  if (window.lem && window.lem.loaded) { return; }
  var script = document.currentScript;
  var endpoint = (script && script.getAttribute('data-lem-endpoint'))
    || (script && script.src ? new URL('e', script.src).href : '/t/e');
  var VID = 'lem_vid', LT = 'lem_lt', TWO_YEARS = 63072000;

  function base64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function visitorId() {
    var match = document.cookie.match(/(?:^|;\s*)lem_vid=([A-Za-z0-9_-]{22})(?:;|$)/);
    var vid = match ? match[1] : base64url(window.crypto.getRandomValues(new Uint8Array(16)));
    document.cookie = VID + '=' + vid + '; Path=/; Max-Age=' + TWO_YEARS + '; SameSite=Lax'
      + (window.location.protocol === 'https:' ? '; Secure' : '');
    return vid;
  }

  function leadToken() {
    var token = null;
    try {
      var url = new URL(window.location.href);
      token = url.searchParams.get(LT);
      if (token) {
        window.sessionStorage.setItem(LT, token);
        url.searchParams.delete(LT);
        window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
      } else {
        token = window.sessionStorage.getItem(LT);
      }
    } catch (e) { /* storage disabled: no attribution */ }
    return token;
  }

  function withoutQuery(href) {
    try { var u = new URL(href); return u.origin + u.pathname; } catch (e) { return ''; }
  }

  var vid = visitorId();
  var lt = leadToken();

  function send(type, extra) {
    var body = { type: type, url: withoutQuery(window.location.href), vid: vid };
    if (lt) { body.lt = lt; }
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { body[k] = extra[k]; } }
    var json = JSON.stringify(body);
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, json)) { return; }
    if (window.fetch) {
      window.fetch(endpoint, { method: 'POST', body: json, keepalive: true, credentials: 'include',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(function () {});
    }
  }

  var visibleSince = document.visibilityState === 'visible' ? Date.now() : null;
  var visibleMs = 0;
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      if (visibleSince !== null) { visibleMs += Date.now() - visibleSince; visibleSince = null; }
      var seconds = Math.min(Math.round(visibleMs / 1000), 86400);
      if (seconds >= 1) { send('time-on-page', { seconds: seconds }); visibleMs = 0; }
    } else if (visibleSince === null) {
      visibleSince = Date.now();
    }
  });

  var view = { title: (document.title || '').substring(0, 300) };
  var referrer = withoutQuery(document.referrer);
  if (referrer) { view.referrer = referrer; }
  send('page.view', view);

  function fillVisitorFields(root) {
    var fields = root.querySelectorAll ? root.querySelectorAll('input[name="' + VID + '"]') : [];
    for (var i = 0; i < fields.length; i++) { fields[i].value = vid; }
  }
  fillVisitorFields(document);
  document.addEventListener('submit', function (e) { if (e.target) { fillVisitorFields(e.target); } }, true);

  window.lem = {
    loaded: true,
    /** The visitor id (lem_vid): send it as the lem_vid field of a form posted with fetch. */
    visitorId: function () { return vid; },
    /** Reserved: does nothing yet. Leads identify themselves by submitting a LEM form. */
    identify: function () {}
  };
}(window, document));
