// Server-Sent Events from /api/events; the browser's EventSource reconnects on its own.

const STATES = {
  connecting: ['connecting…', 'text-bg-secondary'],
  connected: ['connected', 'text-bg-success'],
  reconnecting: ['reconnecting…', 'text-bg-warning'],
};

/**
 * onOrders(newestFirst) for each batch; onResync() when the list may have missed orders (after a
 * reconnect, or when the server says this page fell behind).
 */
export function connectLive(badge, {onOrders, onResync}) {
  let source = null;
  let openedBefore = false;
  let retryTimer = null;
  let closed = false;

  const show = (state) => {
    const [label, cls] = STATES[state];
    badge.textContent = label;
    badge.className = `badge ${cls}`;
    badge.dataset.state = state;
  };

  const open = () => {
    if (closed) return;
    show(openedBefore ? 'reconnecting' : 'connecting');
    source = new EventSource('/api/events');
    source.addEventListener('open', () => {
      show('connected');
      if (openedBefore) onResync();
      openedBefore = true;
    });
    source.addEventListener('orders', (event) => {
      let batch;
      try {
        batch = JSON.parse(event.data);
      } catch {
        return;
      }
      if (Array.isArray(batch.items)) onOrders(batch.items, batch.skipped || 0);
    });
    source.addEventListener('refetch', () => onResync());
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // The server refused (e.g. too many watchers) or sent an error: retry on our own schedule.
        show('reconnecting');
        source.close();
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, 5000);
      } else {
        show('reconnecting');
      }
      openedBefore = true;
    });
  };
  open();
  // Signed out: no more reconnects, the stream is let go.
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
