import { render } from 'preact';
import '~/components/common/theme.css';
import { SettingsPage } from '~/components/settings/SettingsPage';

const root = document.getElementById('app');
if (root) render(<SettingsPage />, root);
