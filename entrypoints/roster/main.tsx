import { render } from 'preact';
import '~/components/common/theme.css';
import { RosterPage } from '~/components/coach/RosterPage';

const root = document.getElementById('app');
if (root) render(<RosterPage />, root);
