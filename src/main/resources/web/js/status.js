// The status strip: store counts, cache, rejected, ingest rate; polled while the page is visible.
import {api} from './api.js';
import {formatNumber} from './dom.js';

const POLL_MS = 5000;

export function startStatus(nodes) {
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const {body: s} = await api.status();
      nodes.orders.textContent = s.store_available ? formatNumber(s.orders) : 'store unavailable';
      nodes.rejected.textContent = s.store_available ? formatNumber(s.rejected) : '—';
      const ratio = s.cache_hit_ratio === null || s.cache_hit_ratio === undefined
        ? 'no lookups yet' : `${(s.cache_hit_ratio * 100).toFixed(1)}% hits`;
      nodes.cache.textContent = `${formatNumber(s.cache_entries)} entries, ${ratio}`;
      nodes.rate.textContent = `${s.ingest_per_second.toFixed(1)} orders/s`;
    } catch (e) {
      nodes.orders.textContent = 'status unavailable';
    }
  };
  refresh();
  const timer = setInterval(refresh, POLL_MS);
  document.addEventListener('visibilitychange', refresh);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', refresh);
  };
}
