// Infinite scroll for readPages: the next page is wanted once the element at
// the end of the list (a "Show more" button, so keyboards and screen readers
// can ask too) comes near the viewport or is pressed. The host hides the
// button when the list is complete.

/**
 * @param {HTMLButtonElement} more
 * @returns {(signal: AbortSignal) => Promise<void>} a `beforeNext` for readPages
 */
export function nearEnd(more) {
  const label = more.textContent ?? '';
  return (signal) => new Promise((resolve) => {
    more.hidden = false;
    more.removeAttribute('aria-busy');
    more.textContent = label;
    const done = () => {
      observer.disconnect();
      more.removeEventListener('click', done);
      signal.removeEventListener('abort', done);
      // Stays in place (and keeps focus) while the page loads.
      more.setAttribute('aria-busy', 'true');
      more.textContent = 'Loading more…';
      resolve();
    };
    // Half a screen of look-ahead, so the next page is usually there before it is reached.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) done();
    }, { rootMargin: '0px 0px 50% 0px' });
    observer.observe(more);
    more.addEventListener('click', done);
    signal.addEventListener('abort', done);
  });
}
