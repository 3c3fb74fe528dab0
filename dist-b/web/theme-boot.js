// Runs before the first paint: applies the stored theme (see src/theme/theme.ts, same key).
(function () {
  var stored = null;
  try {
    stored = window.localStorage.getItem('enclave.theme');
  } catch {
    stored = null;
  }
  var dark =
    stored === 'dark' ||
    (stored !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
