import { render } from 'preact';
import '~/components/common/theme.css';
import { Popup } from '~/components/popup/Popup';
import { type ConnectionView, loadPopupStart } from '~/components/popup/start';

// Ask the background at once (a few milliseconds, no network) and render when it has answered, so the first frame
// shows the cached dashboard; a background slow to wake (a stopped service worker) gets the loading state meanwhile.
const start = loadPopupStart();
const FIRST_FRAME_WAIT_MS = 150;

const root = document.getElementById('app');
if (root) {
  void Promise.race([start, new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_FRAME_WAIT_MS))]).then(
    (ready: ConnectionView | undefined) => render(<Popup start={ready ?? start} />, root),
  );
}
