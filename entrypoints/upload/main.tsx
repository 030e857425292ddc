import { render } from 'preact';
import '~/components/common/theme.css';
import { UploadPage } from '~/components/upload/UploadPage';

const root = document.getElementById('app');
if (root) render(<UploadPage />, root);
