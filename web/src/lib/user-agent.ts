/** A short "browser on system" for a session, from its User-Agent; null when unknown. */
export function describeUserAgent(userAgent: string | null): {
  browser: string | null;
  system: string | null;
} {
  if (!userAgent) return { browser: null, system: null };
  return { browser: browserOf(userAgent), system: systemOf(userAgent) };
}

function browserOf(ua: string): string | null {
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  if (/\bEdg(A|iOS|e)?\//.test(ua)) return 'Edge';
  if (/\bOPR\/|\bOpera\b/.test(ua)) return 'Opera';
  if (/\bFirefox\/|\bFxiOS\//.test(ua)) return 'Firefox';
  if (/HeadlessChrome\//.test(ua)) return 'Chrome (headless)';
  if (/\bChrom(e|ium)\/|\bCriOS\//.test(ua)) return 'Chrome';
  if (/\bSafari\//.test(ua) && /\bVersion\//.test(ua)) return 'Safari';
  if (/^curl\//.test(ua)) return 'curl';
  if (/^node|undici/i.test(ua)) return 'Node.js';
  return null;
}

function systemOf(ua: string): string | null {
  if (/Android/.test(ua)) return 'Android';
  if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
  if (/Windows/.test(ua)) return 'Windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Linux/.test(ua)) return 'Linux';
  return null;
}
