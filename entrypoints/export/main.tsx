import { render } from 'preact';
import '~/components/common/theme.css';
import { BulkExportPage } from '~/components/export/BulkExportPage';

const root = document.getElementById('app');
if (root) render(<BulkExportPage />, root);
