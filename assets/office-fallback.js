/*
 * Runs right after taskpane.html asked Microsoft's CDN for Office.js. When that failed (an intranet without
 * internet, a blocked CDN), load the copy this build ships in office-js/ instead; office.js then loads its
 * host and language files from that same folder. Plain ES3, no inline script (the page's CSP forbids it).
 */
(function () {
  if (typeof window.Office === 'undefined') {
    window.__kaopingOfficeFallback = true;
    // office.js finds the folder it loads its other files from by the first <script> whose src ends in office.js:
    // take the failed CDN tag out so that this is the copy's folder.
    var cdn = document.getElementById('kp-office-cdn');
    if (cdn && cdn.parentNode) cdn.parentNode.removeChild(cdn);
    document.write('<script src="office-js/office.js"><\/script>');
  }
})();
