// The headers OWASP's REST Security Cheat Sheet asks of an API, as one object
// made once: every response starts from a copy of it. Headers for HTML
// documents (X-XSS-Protection, Origin-Agent-Cluster, …) are left out: every
// header costs each response, and these protect nothing here. A route may
// override one (/docs sets its own Content-Security-Policy).
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};
