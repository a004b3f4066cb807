/**
 * FunctionFile of the manifest. The ribbon button only opens the task pane (ShowTaskpane), so there are no
 * ExecuteFunction actions yet; the page must still load and call Office.onReady.
 */
void Office.onReady(() => undefined);
