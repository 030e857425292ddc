import { render } from 'preact';
import '~/components/common/theme.css';
import { Popup } from '~/components/popup/Popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
