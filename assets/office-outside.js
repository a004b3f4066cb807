/*
 * Runs after Office.js (from the CDN or from the copy in office-js/). When the page is opened outside Office (a
 * browser pointed at taskpane.html), Office.js runs in its Office 2013 compatibility mode and, three seconds
 * later, frames Microsoft's telemetry page; the Content-Security-Policy blocks that frame, and there is no Office
 * to report to anyway. So outside Office, tell Office.js's logger not to load it. Inside Office this does nothing.
 * Plain ES3, no inline script (the page's CSP forbids it).
 */
(function () {
  if (typeof window.Office === 'undefined' || typeof window.Office.onReady !== 'function') return;
  window.Office.onReady(function (info) {
    if (info && info.host) return;
    var osf = window.OSF;
    var uls = osf && osf.Logger && osf.Logger.ulsEndpoint;
    if (uls && typeof uls.loadProxyFrame === 'function') uls.loadProxyFrame = function () {};
  });
})();
