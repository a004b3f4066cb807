/*
 * Old Windows webviews (Trident / EdgeHTML) cannot run Fluent UI v9: tell the user instead of a blank pane.
 * Plain ES3 on purpose; it runs before the bundle, and the bundle does nothing when the flag is set.
 * A file of its own because the task pane's Content-Security-Policy allows no inline script.
 */
(function () {
  var ua = navigator.userAgent;
  var old = ua.indexOf('Trident/') !== -1 || ua.indexOf('MSIE ') !== -1 || ua.indexOf('Edge/') !== -1;
  window.__kaopingOldWebview = old;
  if (old) {
    document.write(
      '<div style="padding:12px;line-height:1.5"><h1 style="font-size:18px">需要更新的 Excel</h1>' +
      '<p>这个 Excel 使用的是旧版浏览器组件（Internet Explorer / 旧版 Edge），无法运行本加载项。' +
      '请使用 Excel 2021 或更高版本、Microsoft 365，或 Excel 网页版。</p>' +
      '<p lang="en">This Excel uses an old web view (Internet Explorer or legacy Edge) that cannot run this add-in. ' +
      'Use Excel 2021 or later, Microsoft 365, or Excel on the web.</p></div>'
    );
  }
})();
