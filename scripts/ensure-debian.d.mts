/** Installs the named Debian packages with apt-get when their program is missing; returns their programs' paths. */
export function ensureDebian(...names: ('chromium' | 'poppler-utils' | 'qpdf' | 'openssl')[]): string[];
