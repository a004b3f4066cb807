/**
 * Browser preview: the task pane beside a grid of a headless-host workbook, for people without Excel.
 * Never loads Office.js: the commands run over the host's in-memory Excel API.
 */
import { createRoot } from 'react-dom/client';
import { createWorkbook } from '../host';
import { PreviewApp } from './PreviewApp';

const element = document.getElementById('root');
if (element) createRoot(element).render(<PreviewApp initial={createWorkbook()} />);
